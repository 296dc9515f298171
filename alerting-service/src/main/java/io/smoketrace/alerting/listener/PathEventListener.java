package io.smoketrace.alerting.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smoketrace.alerting.service.AlertPipeline;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.support.DeadLetterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code smoketrace.path-events.v1} in batches. A batch is acknowledged (its offsets become
 * committable) only once the alert state and notifications it caused are committed; a record that
 * breaks the contract goes to the dead-letter topic first and the rest of the batch goes on. The next
 * batch is taken as soon as the engine has applied this one and the batch before it is stored, so
 * decoding and applying one batch overlaps with committing the previous one.
 */
@ApplicationScoped
public class PathEventListener {

    /** The incoming channel bound to {@code smoketrace.path-events.v1}. */
    public static final String CHANNEL = "path-events";

    private static final TopicCodec<PathEvent> CODEC = TopicCodec.of(PathEvent.class);

    private final AlertPipeline pipeline;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;
    /** The previous batch's commit: at most two batches are taken but not yet stored. */
    private volatile CompletableFuture<Void> previousStored = CompletableFuture.completedFuture(null);

    public PathEventListener(AlertPipeline pipeline, DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    @SuppressWarnings("unchecked")
    public Uni<Void> consume(Message<List<byte[]>> batch) {
        ConsumerRecords<String, byte[]> records = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords())
                .orElseThrow(() -> new IllegalStateException("the path-events channel must be consumed in batches"));
        // Parsing and schema validation are CPU work: off the event loop.
        return Uni.createFrom().item(records).emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(r -> process(batch, r));
    }

    private Uni<Void> process(Message<List<byte[]>> batch, ConsumerRecords<String, byte[]> records) {
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
        return letters.chain(() -> {
            AlertPipeline.Submission submission = pipeline.submit(events);
            submission.stored().thenRun(batch::ack);
            CompletableFuture<Void> before = previousStored;
            previousStored = submission.stored();
            return Uni.createFrom().completionStage(CompletableFuture.allOf(submission.applied(), before));
        });
    }
}
