package io.smoketrace.bgp.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;

import java.util.Arrays;
import java.util.Set;

/**
 * Fuzz target for the BGP message decoder: whatever the octets, it returns a message or throws
 * {@link BgpDecodeException}, and what it returns encodes again. Any other exception is a bug.
 */
class BgpMessageFuzzTest {

    /** The first octet picks the session context (bit 0: 4-octet AS, 1: ADD-PATH, 2: extended messages). */
    @FuzzTest(maxDuration = "1m")
    void decodesOrRejects(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int flags = input[0];
        DecodeContext context = DecodeContext.INITIAL.withFourOctetAs((flags & 1) != 0)
                .withAddPath((flags & 2) != 0 ? Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST) : Set.of())
                .withExtendedMessage((flags & 4) != 0);
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        BgpMessage decoded;
        try {
            decoded = BgpMessageCodec.decode(message, context);
        } catch (BgpDecodeException rejected) {
            return;
        }
        byte[] encoded = BgpMessageCodec.encode(decoded, context);
        try {
            BgpMessageCodec.decode(encoded, context);
        } catch (BgpDecodeException rejectedAgain) {
            // A message decoded with errors (a dropped attribute) may not decode cleanly once re-encoded.
        }
    }
}
