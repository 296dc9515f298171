package io.smoketrace.analyzer.listener;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smoketrace.analyzer.service.TraceIngestService;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.support.DeadLetterPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code smoketrace.traces.v1}, a poll at a time. A batch is acknowledged (and its offsets
 * become committable) only once it is analysed, stored and its events published; a record that breaks
 * the contract, or whose analysis fails, goes to the dead-letter topic instead. Traces wait until the RIB and the targets are loaded: analysed against
 * a partial RIB, every path would look changed.
 */
@ApplicationScoped
public class TraceListener {

    /** The incoming channel bound to {@code smoketrace.traces.v1}. */
    public static final String CHANNEL = "traces";

    private static final Logger LOG = Logger.getLogger(TraceListener.class);
    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);

    private final TraceIngestService ingest;
    private final DeadLetterPublisher deadLetters;
    private final Bootstrap bootstrap;

    public TraceListener(TraceIngestService ingest, DeadLetterPublisher deadLetters, Bootstrap bootstrap) {
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.bootstrap = bootstrap;
    }

    /**
     * One Kafka poll at a time: broken records go to the dead-letter topic, the others are analysed and
     * stored together ({@link TraceIngestService#ingest(List)}); the batch is acknowledged, and its
     * offsets become committable, only when the transaction has committed.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        // Decoding (JSON Schema validation) and analysis are CPU work: on a worker thread, off the event loop.
        return Uni.createFrom().item(() -> decode(records)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(decoded -> store(decoded));
    }

    private Decoded decode(ConsumerRecords<String, byte[]> records) {
        List<Trace> traces = new ArrayList<>(records.count());
        Map<Trace, ConsumerRecord<String, byte[]>> origins = new IdentityHashMap<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Trace trace = CODEC.decode(record.value());
                traces.add(trace);
                origins.put(trace, record);
            } catch (ContractViolationException e) {
                rejected.add(deadLetters.reject(record, e.getMessage()));
            }
        }
        return new Decoded(traces, origins, rejected);
    }

    private Uni<Void> store(Decoded decoded) {
        List<Trace> traces = decoded.traces();
        Map<Trace, ConsumerRecord<String, byte[]>> origins = decoded.origins();
        List<Uni<Void>> rejected = decoded.rejected();
        Uni<Void> letters = rejected.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        if (traces.isEmpty()) {
            return letters;
        }
        // A database outage must not skip traces: retry until it is back, holding these partitions.
        return letters.chain(() -> whenReady())
                .chain(() -> ingest.ingest(traces)
                        .onFailure().invoke(e -> LOG.warnf("cannot store a batch of %d traces yet (%s); retrying", traces.size(),
                                e.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely())
                .chain(unanalysable -> {
                    if (unanalysable.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Uni<Void>> sent = new ArrayList<>();
                    for (TraceIngestService.Rejected r : unanalysable) {
                        sent.add(deadLetters.reject(origins.get(r.trace()), r.reason()));
                    }
                    return Uni.join().all(sent).andFailFast().replaceWithVoid();
                });
    }

    private record Decoded(List<Trace> traces, Map<Trace, ConsumerRecord<String, byte[]>> origins, List<Uni<Void>> rejected) {
    }

    /** Completes when traces can be analysed, back on the caller's Vert.x context (the database needs it). */
    private Uni<Void> whenReady() {
        if (bootstrap.done().isDone()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        Uni<Void> ready = Uni.createFrom().completionStage(bootstrap.done());
        return context == null ? ready : ready.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
