package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.CodecException;

/**
 * A field inside an MRT record body that breaks RFC 6396.
 */
final class MalformedMrtException extends CodecException {

    MalformedMrtException(String reason) {
        super(reason);
    }
}
