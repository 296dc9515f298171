package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.CodecException;

/**
 * A truncated, corrupt or unsupported MRT record, with where it starts in the file. The reader reports
 * it and goes on with the next record.
 */
public final class MrtDecodeException extends CodecException {

    private final long offset;

    public MrtDecodeException(String reason, long offset, Throwable cause) {
        super("MRT record at offset " + offset + ": " + reason, cause);
        this.offset = offset;
    }

    public MrtDecodeException(String reason, long offset) {
        this(reason, offset, null);
    }

    public long offset() {
        return offset;
    }
}
