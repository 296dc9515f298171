package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;

/**
 * How one message type's body is read and written, with the body lengths RFC 4271 section 6.1 allows
 * and the NOTIFICATION to send when a field inside the body runs past its end.
 */
record MessageBodyCodec<M extends BgpMessage>(
        int type, int minBodyLength, int maxBodyLength, int underflowCode, int underflowSubcode,
        BodyDecoder<M> decoder, BodyEncoder<M> encoder) {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    MessageBodyCodec(int type, int minBodyLength, int maxBodyLength, BodyDecoder<M> decoder, BodyEncoder<M> encoder) {
        this(type, minBodyLength, maxBodyLength, NotificationMessage.MESSAGE_HEADER_ERROR,
                NotificationMessage.HeaderError.BAD_MESSAGE_LENGTH, decoder, encoder);
    }

    @FunctionalInterface
    interface BodyDecoder<M> {
        M decode(WireReader body, DecodeContext context) throws BgpDecodeException, WireUnderflowException;
    }

    @FunctionalInterface
    interface BodyEncoder<M> {
        void encode(M message, WireWriter out, DecodeContext context);
    }
}
