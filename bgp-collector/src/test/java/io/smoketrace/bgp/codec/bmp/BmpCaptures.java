package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.pcap.Capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the BMP streams of the pmacct captures, keeping each message's octets for re-encoding checks.
 */
final class BmpCaptures {

    /** A decoded message and the octets it came from. */
    record Decoded(long offset, BmpMessage message, byte[] octets) {
    }

    /** The messages of one capture, how many failed, and how many octets were left over at the end. */
    record Session(List<Decoded> messages, List<BmpDecodeException> errors, int leftOver) {

        <M extends BmpMessage> List<M> all(Class<M> kind) {
            return messages.stream().map(Decoded::message).filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    static final int BMP_PORT = 1790;

    private BmpCaptures() {
    }

    static Session decode(String pcap) {
        Capture capture = TestData.capture("bmp/pmacct/" + pcap);
        List<Decoded> messages = new ArrayList<>();
        List<BmpDecodeException> errors = new ArrayList<>();
        int leftOver = 0;
        for (Capture.Stream stream : capture.streamsTo(BMP_PORT)) {
            byte[] octets = stream.payload();
            BmpStreamDecoder decoder = new BmpStreamDecoder();
            // Feed in small odd-sized chunks so that messages straddle chunk boundaries, as TCP delivers them.
            for (int at = 0; at < octets.length; at += 997) {
                decoder.feed(octets, at, Math.min(997, octets.length - at));
                drain(decoder, octets, messages, errors);
            }
            leftOver += decoder.buffered();
        }
        return new Session(messages, errors, leftOver);
    }

    private static void drain(BmpStreamDecoder decoder, byte[] stream, List<Decoded> messages, List<BmpDecodeException> errors) {
        while (true) {
            long offset = decoder.streamOffset();
            try {
                Optional<BmpMessage> message = decoder.next();
                if (message.isEmpty()) {
                    return;
                }
                int length = (int) (decoder.streamOffset() - offset);
                messages.add(new Decoded(offset, message.get(),
                        Arrays.copyOfRange(stream, (int) offset, (int) offset + length)));
            } catch (BmpDecodeException malformed) {
                errors.add(malformed);
                if (malformed.framingLost()) {
                    return;
                }
            }
        }
    }
}
