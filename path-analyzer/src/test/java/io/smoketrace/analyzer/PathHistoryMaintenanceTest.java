package io.smoketrace.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.analyzer.service.PartitionMaintenance;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** The outbox and the trace retention against the real PostgreSQL and broker. */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class PathHistoryMaintenanceTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    PathRepository paths;

    @Inject
    PartitionMaintenance maintenance;

    @Test
    void anEventStoredButNeverPublishedIsPublishedByTheOutboxOnce() throws Throwable {
        String agent = "outbox-agent-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PathEvent event = new PathEvent(PathEvent.FORMAT_VERSION, UUID.randomUUID().toString(), EventType.LOSS_STARTED, agent, "web-1",
                "203.0.113.10", at, at, null, null, null, null, new Verdict(Verdict.Judgement.WORSE, List.of()), null, null, null,
                null, "loss started (stored, then the process died before publishing)");
        // As a crash between the commit and the publish leaves it.
        assertThat(this.<Boolean>db(() -> sessions.withTransaction(s -> paths.insertEvent(s, event)))).isTrue();
        assertThat(this.<Boolean>db(() -> sessions.withTransaction(s -> paths.insertEvent(s, event)))).as("stored once").isFalse();

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PATH_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if ((agent + "/web-1").equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            // Several sweeps later it is still there once.
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if ((agent + "/web-1").equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        assertThat(found).hasSize(1);
        assertThat(CloudEventHeaders.read(found.getFirst().headers(), CloudEventHeaders.ID)).isEqualTo(event.eventId());
        assertThat(this.<Boolean>db(() -> sessions.withSession(s -> s.createNativeQuery(
                        "SELECT published FROM path_event WHERE event_id = :id", Boolean.class)
                .setParameter("id", event.eventId()).getSingleResult()))).isTrue();
    }

    @Test
    void partitionsOlderThanTheRetentionAreDroppedAndDaysAheadCreated() throws Throwable {
        db(() -> sessions.withTransaction(s -> s.createNativeQuery("""
                CREATE TABLE IF NOT EXISTS trace_p20200101 PARTITION OF trace
                    FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-01-02 00:00:00+00')
                """).executeUpdate()));
        db(() -> sessions.withTransaction(s -> s.createNativeQuery("""
                INSERT INTO trace (trace_id, started_at, agent_id, target_id, status, destination_reached, hop_count, hops)
                VALUES ('ancient', '2020-01-01 10:00:00+00', 'a', 't', 'COMPLETE', true, 0, '[]')
                """).executeUpdate()));

        db(() -> maintenance.maintain());

        List<String> partitions = db(() -> sessions.withSession(s -> s.createNativeQuery("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname = 'trace' AND p.relnamespace = c.relnamespace
                """, String.class).getResultList()));
        assertThat(partitions).doesNotContain("trace_p20200101")
                .contains("trace_default", "trace_p" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3)
                        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(this.<Long>db(() -> sessions.withSession(s -> s.createNativeQuery(
                "SELECT count(*) FROM trace WHERE trace_id = 'ancient'", Long.class).getSingleResult()))).isZero();
    }

    @Test
    void publishedEventsAndPathVersionsOlderThanTheirRetentionAreDeleted() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        db(() -> sessions.withTransaction(s -> s.createNativeQuery("""
                INSERT INTO path_event (event_id, agent_id, target_id, type, changed_at, detected_at, body, stored_at, published)
                VALUES (:old, 'a', 't', 'LOSS_STARTED', now() - interval '400 days', now() - interval '400 days', '{}',
                        now() - interval '400 days', true),
                       (:recent, 'a', 't', 'LOSS_STARTED', now() - interval '1 day', now() - interval '1 day', '{}',
                        now() - interval '1 day', true)
                """).setParameter("old", "old-" + run).setParameter("recent", "recent-" + run)
                .executeUpdate()));
        db(() -> sessions.withTransaction(s -> s.createNativeQuery("""
                INSERT INTO path_version (path_version_id, agent_id, target_id, first_seen, last_seen, destination_reached,
                                          hop_count, hops, as_path)
                VALUES (:old, 'a', 't', now() - interval '500 days', now() - interval '400 days', true, 1, '[]', '{}'),
                       (:recent, 'a', 't', now() - interval '500 days', now() - interval '1 day', true, 1, '[]', '{}')
                """).setParameter("old", "old-" + run).setParameter("recent", "recent-" + run).executeUpdate()));

        db(() -> maintenance.maintain());

        assertThat(this.<List<String>>db(() -> sessions.withSession(s -> s.createNativeQuery(
                        "SELECT event_id FROM path_event WHERE event_id LIKE :run ORDER BY event_id", String.class)
                .setParameter("run", "%-" + run).getResultList())))
                .containsExactly("recent-" + run);
        assertThat(this.<List<String>>db(() -> sessions.withSession(s -> s.createNativeQuery(
                        "SELECT path_version_id FROM path_version WHERE path_version_id LIKE :run", String.class)
                .setParameter("run", "%-" + run).getResultList()))).containsExactly("recent-" + run);
    }

    private <T> T db(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work::get);
    }
}
