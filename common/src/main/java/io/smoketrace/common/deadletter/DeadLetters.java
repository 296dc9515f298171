package io.smoketrace.common.deadletter;

import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns a rejected record into the record to publish on the dead-letter topic. */
public final class DeadLetters {

    private static final TopicCodec<DeadLetter> CODEC = TopicCodec.of(DeadLetter.class);

    private DeadLetters() {
    }

    /**
     * The dead-letter record for a rejected input record, keyed like the original, with CloudEvents headers.
     *
     * @param consumer the rejecting service, also the CloudEvents source
     * @param reason why it was rejected, naming the field
     */
    public static ProducerRecord<String, byte[]> record(String sourceTopic, int partition, long offset, String key,
                                                        byte[] value, String consumer, String reason) {
        Instant now = Instant.now();
        DeadLetter letter = DeadLetter.of(sourceTopic, partition, offset, key, consumer, reason, value, now);
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, CODEC.encode(letter),
                CloudEventHeaders.create(CODEC.spec(), "/smoketrace/" + consumer, java.util.UUID.randomUUID().toString(), now));
    }
}
