package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.StreamBuffer;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Cuts the byte stream of a BGP session, fed in whatever chunks TCP delivers, into whole messages.
 * After a header error the stream cannot be resynchronised, so every later call fails the same way.
 */
public final class BgpStreamDecoder {

    private final StreamBuffer pending = new StreamBuffer();
    private DecodeContext context;
    private BgpDecodeException broken;

    public BgpStreamDecoder(DecodeContext context) {
        this.context = context;
    }

    /** Switches to what the OPEN exchange negotiated; applies to messages not yet returned. */
    public void negotiated(DecodeContext negotiated) {
        this.context = negotiated;
    }

    public void feed(byte[] chunk, int offset, int length) {
        pending.append(chunk, offset, length);
    }

    public void feed(ByteBuffer chunk) {
        pending.append(chunk);
    }

    /** Octets received but not yet part of a returned message. */
    public int buffered() {
        return pending.available();
    }

    /**
     * The next whole message, or empty if more octets are needed. A malformed message is consumed
     * before its exception is thrown, so the caller may go on if it wants to.
     */
    public Optional<BgpMessage> next() throws BgpDecodeException {
        if (broken != null) {
            throw broken;
        }
        if (pending.available() < BgpMessage.HEADER_LENGTH) {
            return Optional.empty();
        }
        int length;
        try {
            length = BgpMessageCodec.messageLength(pending.array(), pending.start(), context);
        } catch (BgpDecodeException headerError) {
            broken = headerError;
            throw headerError;
        }
        if (pending.available() < length) {
            return Optional.empty();
        }
        int start = pending.start();
        pending.consume(length);
        return Optional.of(BgpMessageCodec.decode(pending.array(), start, length, context));
    }
}
