package io.smoketrace.bgp.codec;

/**
 * The one checked exception family the wire codec throws: bytes that do not form a valid message.
 */
public abstract class CodecException extends Exception {

    protected CodecException(String message) {
        super(message);
    }

    protected CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
