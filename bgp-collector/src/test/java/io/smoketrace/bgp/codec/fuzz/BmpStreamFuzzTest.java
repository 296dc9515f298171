package io.smoketrace.bgp.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smoketrace.bgp.codec.bmp.BmpDecodeException;
import io.smoketrace.bgp.codec.bmp.BmpMessage;
import io.smoketrace.bgp.codec.bmp.BmpMessageDecoder;
import io.smoketrace.bgp.codec.bmp.BmpStreamDecoder;

import java.util.Optional;

/**
 * Fuzz target for the BMP stream decoder: fed any octets in any chunking, it returns messages or throws
 * {@link BmpDecodeException}; decoded messages encode again. Any other exception is a bug.
 */
class BmpStreamFuzzTest {

    /** The first octet sets the chunk size, so that messages straddle chunks in every way. */
    @FuzzTest(maxDuration = "1m")
    void decodesOrRejects(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = (input[0] & 0xFF) + 1;
        BmpStreamDecoder decoder = new BmpStreamDecoder();
        for (int at = 1; at < input.length; at += chunk) {
            decoder.feed(input, at, Math.min(chunk, input.length - at));
            if (!drain(decoder)) {
                return;
            }
        }
    }

    private static boolean drain(BmpStreamDecoder decoder) {
        while (true) {
            try {
                Optional<BmpMessage> message = decoder.next();
                if (message.isEmpty()) {
                    return true;
                }
                BmpMessageDecoder.encode(message.get());
            } catch (BmpDecodeException rejected) {
                if (rejected.framingLost()) {
                    return false;
                }
            }
        }
    }
}
