package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.CodecException;

/**
 * A BMP message that cannot be decoded. When {@link #framingLost()} is true the stream cannot be cut
 * into messages any more (bad version or length); otherwise only this message was skipped.
 */
public final class BmpDecodeException extends CodecException {

    private final long streamOffset;
    private final boolean framingLost;

    public BmpDecodeException(String reason, long streamOffset, boolean framingLost, Throwable cause) {
        super("BMP message at offset " + streamOffset + ": " + reason, cause);
        this.streamOffset = streamOffset;
        this.framingLost = framingLost;
    }

    public BmpDecodeException(String reason, long streamOffset, boolean framingLost) {
        this(reason, streamOffset, framingLost, null);
    }

    /** Where the offending message starts in the stream. */
    public long streamOffset() {
        return streamOffset;
    }

    public boolean framingLost() {
        return framingLost;
    }
}
