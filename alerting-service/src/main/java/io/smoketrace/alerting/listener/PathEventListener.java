package io.smoketrace.alerting.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smoketrace.alerting.service.AlertPipeline;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.support.DeadLetterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code smoketrace.path-events.v1} in batches. A batch is acknowledged once the alert
 * state and notifications it caused are committed; a record that breaks the contract goes to the
 * dead-letter topic and the rest of the batch goes on.
 */
@ApplicationScoped
public class PathEventListener {

    /** The incoming channel bound to {@code smoketrace.path-events.v1}. */
    public static final String CHANNEL = "path-events";

    private static final TopicCodec<PathEvent> CODEC = TopicCodec.of(PathEvent.class);

    private final AlertPipeline pipeline;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;

    public PathEventListener(AlertPipeline pipeline, DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        // Parsing and schema validation are CPU work: off the event loop.
        return Uni.createFrom().item(() -> records).emitOn(Infrastructure.getDefaultWorkerPool()).chain(this::process);
    }

    private Uni<Void> process(ConsumerRecords<String, byte[]> records) {
        List<PathEvent> events = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                PathEvent event = CODEC.decode(record.value());
                events.add(event);
                registry.counter("smoketrace.alerting.events.consumed", "type", event.type().name()).increment();
            } catch (ContractViolationException e) {
                rejected.add(deadLetters.reject(record, e.getMessage()));
            }
        }
        Uni<Void> letters = rejected.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        return letters.chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : pipeline.submit(events));
    }
}
