package io.smoketrace.common.deadletter;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/**
 * A record a consumer could not use, kept on {@code smoketrace.dead-letter.v1} with the reason,
 * so bad input never stops a consumer and is never silently lost.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param sourceTopic where the record came from
 * @param partition its partition there
 * @param offset its offset there
 * @param key its key, as text
 * @param consumer the service (consumer group) that rejected it
 * @param reason why, naming the field where the contract was broken
 * @param receivedAt when it was rejected
 * @param payload the original value, as UTF-8 text or base64
 * @param payloadEncoding how {@code payload} is encoded
 */
public record DeadLetter(
        int formatVersion,
        String sourceTopic,
        Integer partition,
        Long offset,
        String key,
        String consumer,
        String reason,
        Instant receivedAt,
        String payload,
        PayloadEncoding payloadEncoding) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    /** How the original value is carried. */
    public enum PayloadEncoding { UTF8, BASE64, NONE }

    /** A dead letter for raw bytes: kept as text when they are valid UTF-8, else as base64. */
    public static DeadLetter of(String sourceTopic, Integer partition, Long offset, String key, String consumer,
                                String reason, byte[] value, Instant now) {
        if (value == null) {
            return new DeadLetter(FORMAT_VERSION, sourceTopic, partition, offset, key, consumer, reason, now, null,
                    PayloadEncoding.NONE);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
            return new DeadLetter(FORMAT_VERSION, sourceTopic, partition, offset, key, consumer, reason, now, text,
                    PayloadEncoding.UTF8);
        } catch (CharacterCodingException e) {
            return new DeadLetter(FORMAT_VERSION, sourceTopic, partition, offset, key, consumer, reason, now,
                    Base64.getEncoder().encodeToString(value), PayloadEncoding.BASE64);
        }
    }
}
