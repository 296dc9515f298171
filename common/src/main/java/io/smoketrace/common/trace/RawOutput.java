package io.smoketrace.common.trace;

import java.nio.charset.StandardCharsets;

/**
 * The tool's own output, kept for debugging and re-parsing, capped in size.
 *
 * @param text the output, possibly cut at the cap
 * @param truncated whether {@code text} was cut
 * @param originalBytes the size of the full output in bytes
 */
public record RawOutput(String text, boolean truncated, int originalBytes) {

    /** Default cap on the raw output carried in a trace, in bytes. */
    public static final int DEFAULT_CAP_BYTES = 16 * 1024;

    /** Keeps at most {@code capBytes} of {@code text} (cut on a character boundary). */
    public static RawOutput capped(String text, int capBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= capBytes) {
            return new RawOutput(text, false, bytes.length);
        }
        int end = capBytes;
        // Step back over UTF-8 continuation bytes so we never split a character.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new RawOutput(new String(bytes, 0, end, StandardCharsets.UTF_8), true, bytes.length);
    }
}
