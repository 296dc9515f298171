package io.smoketrace.analyzer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.analyzer.repository.TraceBatchWriter;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes stored path events to {@code smoketrace.path-events.v1} and flags them published: the
 * outbox. An event is published right after the transaction that stored it; one left unpublished by a
 * crash or a broker outage is sent by the sweep, so every stored event reaches the topic, with its
 * stable id as {@code ce_id} (consumers de-duplicate on it if a crash repeats one).
 */
@ApplicationScoped
public class PathEventPublisher {

    /** The outgoing channel bound to {@code smoketrace.path-events.v1}. */
    public static final String CHANNEL = "path-events";

    static final String SOURCE = "/smoketrace/path-analyzer";
    private static final Logger LOG = Logger.getLogger(PathEventPublisher.class);
    private static final TopicCodec<PathEvent> CODEC = TopicCodec.of(PathEvent.class);
    private static final int SWEEP_BATCH = 500;
    private static final int IN_FLIGHT = 100;

    private final MutinyEmitter<byte[]> emitter;
    private final Mutiny.SessionFactory sessions;
    private final PathRepository paths;
    private final TraceBatchWriter writer;
    private final Duration grace;

    public PathEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, Mutiny.SessionFactory sessions,
                              PathRepository paths, TraceBatchWriter writer, AnalyzerConfig config) {
        this.emitter = emitter;
        this.sessions = sessions;
        this.paths = paths;
        this.writer = writer;
        this.grace = config.outboxGrace();
    }

    /**
     * Sends the events (already stored) and flags them published; completes when the broker has them all.
     * They are handed to the producer in order (one idempotent producer keeps that order per partition)
     * without waiting for each acknowledgement in turn, up to {@value #IN_FLIGHT} at a time (the emitter's
     * buffer is bounded).
     */
    public Uni<Void> publish(List<PathEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<PathEvent>> chunks = new ArrayList<>();
        for (int i = 0; i < events.size(); i += IN_FLIGHT) {
            chunks.add(events.subList(i, Math.min(events.size(), i + IN_FLIGHT)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> {
                    List<Uni<Void>> sends = new ArrayList<>(chunk.size());
                    for (PathEvent event : chunk) {
                        sends.add(send(event));
                    }
                    return Uni.join().all(sends).andFailFast();
                })
                .collect().last()
                .chain(sent -> writer.markPublished(events.stream().map(PathEvent::eventId).toList()));
    }

    private Uni<Void> send(PathEvent event) {
        Instant time = event.detectedAt() != null ? event.detectedAt() : Instant.now();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .withHeaders(CloudEventHeaders.create(CODEC.spec(), SOURCE, event.eventId(), time))
                .build();
        return emitter.sendMessage(Message.of(CODEC.encode(event)).addMetadata(metadata));
    }

    /** Publishes events a crash or an outage left stored but unsent. */
    @Scheduled(every = "${smoketrace.analyzer.outbox-sweep-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sessions.withSession(s -> paths.unpublished(s, grace, SWEEP_BATCH))
                .chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("publishing %d path events left unpublished (outbox)", events.size());
                    return publish(events);
                })
                .onFailure().invoke(e -> LOG.warnf("outbox sweep failed (%s); next sweep retries", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
