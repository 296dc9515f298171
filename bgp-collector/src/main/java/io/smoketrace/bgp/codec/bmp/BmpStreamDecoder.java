package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.StreamBuffer;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Cuts the byte stream of a BMP session, fed in whatever chunks TCP delivers, into whole messages.
 */
public final class BmpStreamDecoder {

    private final StreamBuffer pending = new StreamBuffer();
    private final BmpMessageDecoder decoder = new BmpMessageDecoder();
    private BmpDecodeException framingLost;

    public void feed(byte[] chunk, int offset, int length) {
        pending.append(chunk, offset, length);
    }

    public void feed(ByteBuffer chunk) {
        pending.append(chunk);
    }

    /** Octets received but not yet part of a returned message: non-zero at the end means a cut-off message. */
    public int buffered() {
        return pending.available();
    }

    /** Stream offset of the next message to be returned. */
    public long streamOffset() {
        return pending.streamOffset();
    }

    /**
     * The next whole message, or empty if more octets are needed. A message that is well framed but
     * malformed inside is consumed before its exception is thrown, so decoding can go on; once the
     * framing is lost every call throws.
     */
    public Optional<BmpMessage> next() throws BmpDecodeException {
        if (framingLost != null) {
            throw framingLost;
        }
        if (pending.available() < BmpMessage.COMMON_HEADER_LENGTH) {
            return Optional.empty();
        }
        long offset = pending.streamOffset();
        int length;
        try {
            length = BmpMessageDecoder.messageLength(pending.array(), pending.start(), offset);
        } catch (BmpDecodeException badHeader) {
            framingLost = badHeader;
            throw badHeader;
        }
        if (pending.available() < length) {
            return Optional.empty();
        }
        int start = pending.start();
        pending.consume(length);
        return Optional.of(decoder.decode(pending.array(), start, length, offset));
    }
}
