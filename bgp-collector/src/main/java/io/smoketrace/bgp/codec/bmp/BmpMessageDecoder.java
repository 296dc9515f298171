package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.DecodeContext;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the messages of one BMP session: the registry of message codecs keyed by type, and what each
 * monitored peer negotiated (learned from its Peer Up), which Route Monitoring UPDATEs need to decode
 * ADD-PATH NLRI. Not thread-safe: one instance per BMP connection.
 */
public final class BmpMessageDecoder {

    /** Larger than any message RFC 7854 can produce from 65535-octet BGP messages; guards memory against garbage. */
    public static final int MAX_MESSAGE_LENGTH = 1 << 20;

    private static final BmpMessageCodec<?>[] BY_TYPE = new BmpMessageCodec<?>[256];

    static {
        register(RouteMonitoring.CODEC);
        register(StatisticsReport.CODEC);
        register(PeerDownNotification.CODEC);
        register(PeerUpNotification.CODEC);
        register(InitiationMessage.CODEC);
        register(TerminationMessage.CODEC);
        register(RouteMirroring.CODEC);
    }

    private record PeerKey(int peerType, long distinguisher, InetAddress address) {
        static PeerKey of(PeerHeader header) {
            return new PeerKey(header.peerType(), header.peerDistinguisher(), header.peerAddress());
        }
    }

    private final Map<PeerKey, DecodeContext> negotiated = new HashMap<>();

    private static void register(BmpMessageCodec<?> codec) {
        if (BY_TYPE[codec.type()] != null) {
            throw new IllegalStateException("BMP message type " + codec.type() + " registered twice");
        }
        BY_TYPE[codec.type()] = codec;
    }

    /**
     * Checks the common header at {@code offset} and returns the message length it declares.
     *
     * @throws BmpDecodeException with {@link BmpDecodeException#framingLost()} set: the stream cannot go on
     */
    public static int messageLength(byte[] buffer, int offset, long streamOffset) throws BmpDecodeException {
        int version = buffer[offset] & 0xFF;
        if (version != BmpMessage.VERSION) {
            throw new BmpDecodeException("BMP version " + version + ", only 3 is supported", streamOffset, true);
        }
        long length = Integer.toUnsignedLong((buffer[offset + 1] & 0xFF) << 24 | (buffer[offset + 2] & 0xFF) << 16
                | (buffer[offset + 3] & 0xFF) << 8 | buffer[offset + 4] & 0xFF);
        if (length < BmpMessage.COMMON_HEADER_LENGTH || length > MAX_MESSAGE_LENGTH) {
            throw new BmpDecodeException("message length " + length + " outside " + BmpMessage.COMMON_HEADER_LENGTH
                    + ".." + MAX_MESSAGE_LENGTH, streamOffset, true);
        }
        return (int) length;
    }

    /** Decodes one whole message occupying {@code buffer[offset, offset + length)}. */
    public BmpMessage decode(byte[] buffer, int offset, int length, long streamOffset) throws BmpDecodeException {
        if (length < BmpMessage.COMMON_HEADER_LENGTH) {
            throw new BmpDecodeException("only " + length + " octets, shorter than the common header", streamOffset, true);
        }
        int declared = messageLength(buffer, offset, streamOffset);
        if (declared != length) {
            throw new BmpDecodeException("header says " + declared + " octets but " + length + " are given", streamOffset, true);
        }
        int type = buffer[offset + 5] & 0xFF;
        BmpMessageCodec<?> codec = BY_TYPE[type];
        if (codec == null) {
            throw new BmpDecodeException("unknown message type " + type, streamOffset, false);
        }
        WireReader body = new WireReader(buffer, offset + BmpMessage.COMMON_HEADER_LENGTH, length - BmpMessage.COMMON_HEADER_LENGTH);
        BmpMessage message;
        try {
            message = codec.decoder().decode(body, this::contextFor);
        } catch (WireUnderflowException | MalformedBmpException malformed) {
            throw new BmpDecodeException("type " + type + ": " + malformed.getMessage(), streamOffset, false, malformed);
        } catch (BgpDecodeException badBgp) {
            throw new BmpDecodeException("type " + type + " carries a bad BGP message: " + badBgp.getMessage(),
                    streamOffset, false, badBgp);
        }
        remember(message);
        return message;
    }

    public BmpMessage decode(byte[] message) throws BmpDecodeException {
        return decode(message, 0, message.length, 0);
    }

    private DecodeContext contextFor(PeerHeader peer) {
        DecodeContext fromHeader = peer.decodeContext();
        DecodeContext session = negotiated.get(PeerKey.of(peer));
        return session == null ? fromHeader : fromHeader.withAddPath(session.addPathReceive());
    }

    private void remember(BmpMessage message) {
        switch (message) {
            case PeerUpNotification up -> negotiated.put(PeerKey.of(up.peer()), up.negotiated());
            case PeerDownNotification down -> negotiated.remove(PeerKey.of(down.peer()));
            default -> { }
        }
    }

    /** The message with its common header. */
    public static byte[] encode(BmpMessage message) {
        WireWriter out = new WireWriter(256);
        out.u8(BmpMessage.VERSION).i32(0).u8(message.type());
        encodeBody(BY_TYPE[message.type()], message, out);
        out.patchI32(1, out.size());
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <M extends BmpMessage> void encodeBody(BmpMessageCodec<?> codec, M message, WireWriter out) {
        ((BmpMessageCodec<M>) codec).encoder().encode(message, out);
    }
}
