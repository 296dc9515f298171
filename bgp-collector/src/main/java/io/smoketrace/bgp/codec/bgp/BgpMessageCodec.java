package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.HeaderError;

import java.nio.ByteBuffer;

/**
 * Entry point for BGP messages: the registry of message codecs keyed by type, header checks
 * (RFC 4271 6.1), and decoding and encoding of whole messages.
 */
public final class BgpMessageCodec {

    private static final MessageBodyCodec<?>[] BY_TYPE = new MessageBodyCodec<?>[256];

    static {
        register(OpenMessage.CODEC);
        register(UpdateMessage.CODEC);
        register(NotificationMessage.CODEC);
        register(KeepaliveMessage.CODEC);
        register(RouteRefreshMessage.CODEC);
    }

    private BgpMessageCodec() {
    }

    private static void register(MessageBodyCodec<?> codec) {
        if (BY_TYPE[codec.type()] != null) {
            throw new IllegalStateException("message type " + codec.type() + " registered twice");
        }
        BY_TYPE[codec.type()] = codec;
    }

    /**
     * Checks the 19-octet header at {@code offset} and returns the whole message's length.
     *
     * @throws BgpDecodeException with the Message Header Error RFC 4271 prescribes
     */
    public static int messageLength(byte[] buffer, int offset, DecodeContext context) throws BgpDecodeException {
        for (int i = 0; i < 16; i++) {
            if (buffer[offset + i] != (byte) 0xFF) {
                throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR,
                        HeaderError.CONNECTION_NOT_SYNCHRONIZED, "marker is not all ones");
            }
        }
        int length = (buffer[offset + 16] & 0xFF) << 8 | buffer[offset + 17] & 0xFF;
        Octets lengthField = Octets.copyOf(buffer, offset + 16, 2);
        if (length < BgpMessage.HEADER_LENGTH || length > context.maxMessageLength()) {
            throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR, HeaderError.BAD_MESSAGE_LENGTH,
                    lengthField, "message length " + length + " outside " + BgpMessage.HEADER_LENGTH + ".." + context.maxMessageLength());
        }
        int type = buffer[offset + 18] & 0xFF;
        MessageBodyCodec<?> codec = BY_TYPE[type];
        if (codec == null) {
            throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR, HeaderError.BAD_MESSAGE_TYPE,
                    Octets.copyOf(new byte[] {(byte) type}), "unknown message type " + type);
        }
        int bodyLength = length - BgpMessage.HEADER_LENGTH;
        if (bodyLength < codec.minBodyLength() || bodyLength > codec.maxBodyLength()) {
            throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR, HeaderError.BAD_MESSAGE_LENGTH,
                    lengthField, "message length " + length + " is wrong for message type " + type);
        }
        return length;
    }

    /** Decodes one message that fills {@code buffer[offset, offset + length)} exactly. */
    public static BgpMessage decode(byte[] buffer, int offset, int length, DecodeContext context) throws BgpDecodeException {
        if (length < BgpMessage.HEADER_LENGTH) {
            throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR, HeaderError.BAD_MESSAGE_LENGTH,
                    "only " + length + " octets, shorter than a header");
        }
        int declared = messageLength(buffer, offset, context);
        if (declared != length) {
            throw new BgpDecodeException(NotificationMessage.MESSAGE_HEADER_ERROR, HeaderError.BAD_MESSAGE_LENGTH,
                    Octets.copyOf(buffer, offset + 16, 2), "header says " + declared + " octets but " + length + " are given");
        }
        MessageBodyCodec<?> codec = BY_TYPE[buffer[offset + 18] & 0xFF];
        WireReader body = new WireReader(buffer, offset + BgpMessage.HEADER_LENGTH, length - BgpMessage.HEADER_LENGTH);
        try {
            BgpMessage message = codec.decoder().decode(body, context);
            if (body.hasRemaining()) {
                throw new BgpDecodeException(codec.underflowCode(), codec.underflowSubcode(),
                        body.remaining() + " unread octets at the end of message type " + codec.type());
            }
            return message;
        } catch (WireUnderflowException truncated) {
            throw new BgpDecodeException(codec.underflowCode(), codec.underflowSubcode(),
                    "message type " + codec.type() + " is cut short: " + truncated.getMessage());
        }
    }

    public static BgpMessage decode(byte[] message, DecodeContext context) throws BgpDecodeException {
        return decode(message, 0, message.length, context);
    }

    /** Decodes the message between the buffer's position and limit. */
    public static BgpMessage decode(ByteBuffer message, DecodeContext context) throws BgpDecodeException {
        if (message.hasArray()) {
            return decode(message.array(), message.arrayOffset() + message.position(), message.remaining(), context);
        }
        byte[] copy = new byte[message.remaining()];
        message.duplicate().get(copy);
        return decode(copy, context);
    }

    /** The message with its header, ready to write to the session. */
    public static byte[] encode(BgpMessage message, DecodeContext context) {
        WireWriter out = new WireWriter(64);
        for (int i = 0; i < 16; i++) {
            out.u8(0xFF);
        }
        out.u16(0).u8(message.type());
        encodeBody(BY_TYPE[message.type()], message, out, context);
        if (out.size() > context.maxMessageLength()) {
            throw new IllegalArgumentException("encoded message is " + out.size() + " octets, over " + context.maxMessageLength());
        }
        out.patchU16(16, out.size());
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <M extends BgpMessage> void encodeBody(MessageBodyCodec<?> codec, M message, WireWriter out,
                                                          DecodeContext context) {
        ((MessageBodyCodec<M>) codec).encoder().encode(message, out, context);
    }
}
