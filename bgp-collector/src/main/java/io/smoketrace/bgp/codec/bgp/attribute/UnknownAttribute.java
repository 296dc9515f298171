package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.Octets;

/**
 * An optional attribute this codec does not interpret, kept with its flags so that a speaker can pass
 * it on (setting the Partial bit) when it is transitive.
 */
public record UnknownAttribute(int flags, int typeCode, Octets value) implements PathAttribute {

    public boolean isTransitive() {
        return (flags & TRANSITIVE) != 0;
    }
}
