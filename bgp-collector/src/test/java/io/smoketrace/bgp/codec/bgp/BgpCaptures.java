package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.pcap.Capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the BGP sessions of a capture. Where both OPENs were captured the session's negotiated
 * parameters are used; a capture that starts mid-session needs them given, as tcpdump's heuristics would guess.
 */
final class BgpCaptures {

    static final int BGP_PORT = 179;

    /** A decoded message, the direction it travelled and its octets. */
    record Decoded(Capture.Flow flow, BgpMessage message, byte[] octets) {
    }

    /** Every message of the capture and the errors that stopped decoding. */
    record Session(List<Decoded> messages, List<BgpDecodeException> errors) {

        <M extends BgpMessage> List<M> all(Class<M> kind) {
            return messages.stream().map(Decoded::message).filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    private BgpCaptures() {
    }

    static Session decode(String file, DecodeContext midSession) {
        List<Capture.Stream> streams = TestData.capture("bgp/tcpdump/" + file).streams().stream()
                .filter(s -> s.flow().sourcePort() == BGP_PORT || s.flow().destinationPort() == BGP_PORT).toList();
        Map<Capture.Flow, OpenMessage> opens = new HashMap<>();
        for (Capture.Stream stream : streams) {
            firstOpen(stream.payload()).ifPresent(open -> opens.put(stream.flow(), open));
        }
        List<Decoded> messages = new ArrayList<>();
        List<BgpDecodeException> errors = new ArrayList<>();
        for (Capture.Stream stream : streams) {
            Capture.Flow flow = stream.flow();
            Capture.Flow reverse = new Capture.Flow(flow.destination(), flow.destinationPort(), flow.source(), flow.sourcePort());
            DecodeContext context = opens.containsKey(flow) && opens.containsKey(reverse)
                    ? DecodeContext.negotiated(opens.get(reverse), opens.get(flow))
                    : midSession;
            decodeStream(flow, stream.payload(), context, messages, errors);
        }
        return new Session(messages, errors);
    }

    private static Optional<OpenMessage> firstOpen(byte[] payload) {
        BgpStreamDecoder decoder = new BgpStreamDecoder(DecodeContext.INITIAL);
        decoder.feed(payload, 0, payload.length);
        try {
            return decoder.next().filter(OpenMessage.class::isInstance).map(OpenMessage.class::cast);
        } catch (BgpDecodeException notAnOpen) {
            return Optional.empty();
        }
    }

    static void decodeStream(Capture.Flow flow, byte[] payload, DecodeContext context, List<Decoded> messages,
                             List<BgpDecodeException> errors) {
        BgpStreamDecoder decoder = new BgpStreamDecoder(context);
        decoder.feed(payload, 0, payload.length);
        int at = 0;
        while (true) {
            int before = decoder.buffered();
            try {
                Optional<BgpMessage> message = decoder.next();
                if (message.isEmpty()) {
                    return;
                }
                int length = before - decoder.buffered();
                messages.add(new Decoded(flow, message.get(), Arrays.copyOfRange(payload, at, at + length)));
                at += length;
            } catch (BgpDecodeException malformed) {
                errors.add(malformed);
                if (decoder.buffered() == before) {
                    return;
                }
                at += before - decoder.buffered();
            }
        }
    }
}
