package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.CodecException;

/**
 * A known capability whose value does not have the layout its RFC defines.
 */
public final class MalformedCapabilityException extends CodecException {

    public MalformedCapabilityException(String reason) {
        super(reason);
    }
}
