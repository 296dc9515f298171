package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.DecodeContext;

import java.util.function.Function;

/**
 * How one BMP message type is read and written.
 */
record BmpMessageCodec<M extends BmpMessage>(int type, Decoder<M> decoder, Encoder<M> encoder) {

    /** Supplies the negotiated session parameters of a monitored peer, for the BGP messages inside. */
    interface PeerContexts extends Function<PeerHeader, DecodeContext> {
    }

    @FunctionalInterface
    interface Decoder<M> {
        M decode(WireReader body, PeerContexts peers) throws WireUnderflowException, BgpDecodeException, MalformedBmpException;
    }

    @FunctionalInterface
    interface Encoder<M> {
        void encode(M message, WireWriter out);
    }
}
