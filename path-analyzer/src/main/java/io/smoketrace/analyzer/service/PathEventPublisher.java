package io.smoketrace.analyzer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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

    private final MutinyEmitter<byte[]> emitter;
    private final Mutiny.SessionFactory sessions;
    private final PathRepository paths;
    private final Duration grace;

    public PathEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, Mutiny.SessionFactory sessions,
                              PathRepository paths, AnalyzerConfig config) {
        this.emitter = emitter;
        this.sessions = sessions;
        this.paths = paths;
        this.grace = config.outboxGrace();
    }

    /** Sends the events (already stored) in order and flags them published; completes when the broker has them all. */
    public Uni<Void> publish(List<PathEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().asList()
                .chain(sent -> sessions.withTransaction(s -> paths.markPublished(s, events.stream().map(PathEvent::eventId).toList())));
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
