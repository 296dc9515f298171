package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.Octets;

/**
 * A capability this codec does not interpret, kept as its code and value octets.
 */
public record UnknownCapability(int code, Octets value) implements Capability {
}
