package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;

/**
 * Reads and writes the whole BGP messages (header included) that BMP messages carry. BMP may carry
 * messages up to the extended size whatever the monitored session negotiated, so the limit is lifted.
 */
final class BgpPdus {

    private BgpPdus() {
    }

    /** Reads one BGP message, whose own header says how long it is. */
    static <M extends BgpMessage> M read(WireReader reader, DecodeContext context, Class<M> expected)
            throws WireUnderflowException, BgpDecodeException, MalformedBmpException {
        DecodeContext unlimited = context.withExtendedMessage(true);
        if (reader.remaining() < BgpMessage.HEADER_LENGTH) {
            throw new MalformedBmpException("a BGP message needs 19 octets, only " + reader.remaining() + " left");
        }
        int length = BgpMessageCodec.messageLength(reader.peekBytes(BgpMessage.HEADER_LENGTH), 0, unlimited);
        if (length > reader.remaining()) {
            throw new MalformedBmpException("BGP message of " + length + " octets overruns the BMP message ("
                    + reader.remaining() + " octets left)");
        }
        BgpMessage decoded = BgpMessageCodec.decode(reader.bytes(length), unlimited);
        if (!expected.isInstance(decoded)) {
            throw new MalformedBmpException("expected a BGP " + expected.getSimpleName() + " but found message type " + decoded.type());
        }
        return expected.cast(decoded);
    }

    static void write(BgpMessage message, DecodeContext context, WireWriter out) {
        out.bytes(BgpMessageCodec.encode(message, context.withExtendedMessage(true)));
    }
}
