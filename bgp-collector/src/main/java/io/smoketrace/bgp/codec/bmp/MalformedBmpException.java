package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.CodecException;

/**
 * A field inside a well-framed BMP message that breaks RFC 7854.
 */
final class MalformedBmpException extends CodecException {

    MalformedBmpException(String reason) {
        super(reason);
    }
}
