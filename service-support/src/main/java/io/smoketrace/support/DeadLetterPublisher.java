package io.smoketrace.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smoketrace.common.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Sends records this service cannot use to the dead-letter topic with the reason, so nothing is lost. */
@ApplicationScoped
public class DeadLetterPublisher {

    /** The outgoing channel bound to {@code smoketrace.dead-letter.v1}. */
    public static final String CHANNEL = "dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;
    private final String consumer;

    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry,
                               @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.emitter = emitter;
        this.registry = registry;
        this.consumer = consumer;
    }

    /** Publishes the rejected record; completes when the broker has it. */
    public Uni<Void> reject(ConsumerRecord<String, byte[]> rejected, String reason) {
        LOG.warnf("rejected record %s-%d@%d (key %s): %s", rejected.topic(), rejected.partition(), rejected.offset(),
                rejected.key(), reason);
        registry.counter("smoketrace.dead.letters", "topic", rejected.topic()).increment();
        ProducerRecord<String, byte[]> letter = DeadLetters.record(rejected.topic(), rejected.partition(),
                rejected.offset(), rejected.key(), rejected.value(), consumer, reason);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(letter.key())
                .withHeaders(letter.headers())
                .build();
        return emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata));
    }
}
