package io.smoketrace.analyzer.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Keeps the {@code trace} table's daily partitions (UTC days): creates today's and
 * {@code smoketrace.analyzer.partitions-ahead} more, and drops those wholly older than
 * {@code smoketrace.analyzer.retention}. Runs at start and every {@code smoketrace.analyzer.maintenance-interval}.
 * Rows that landed in the default partition for a day that gets its own partition are moved into it.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'trace_p'yyyyMMdd");

    private final Mutiny.SessionFactory sessions;
    private final AnalyzerConfig config;
    private final Clock clock;

    public PartitionMaintenance(Mutiny.SessionFactory sessions, AnalyzerConfig config) {
        this.sessions = sessions;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::maintain);
    }

    @Scheduled(every = "${smoketrace.analyzer.maintenance-interval:1h}", delayed = "${smoketrace.analyzer.maintenance-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return maintain().onFailure().invoke(e -> LOG.errorf("trace partition maintenance failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Creates the partitions due and drops the expired ones. */
    public Uni<Void> maintain() {
        LocalDate today = LocalDate.now(clock);
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(config.retention()), ZoneOffset.UTC);
        return sessions.withSession(s -> partitions(s)).chain(existing -> {
            List<LocalDate> missing = new ArrayList<>();
            for (LocalDate day = today; !day.isAfter(today.plusDays(config.partitionsAhead())); day = day.plusDays(1)) {
                if (!existing.contains(NAME.format(day))) {
                    missing.add(day);
                }
            }
            List<String> expired = new ArrayList<>();
            for (String name : existing) {
                LocalDate day = dayOf(name);
                if (day != null && day.isBefore(oldestKept)) {
                    expired.add(name);
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (LocalDate day : missing) {
                chain = chain.chain(() -> sessions.withTransaction(s -> create(s, day)));
            }
            for (String name : expired) {
                chain = chain.chain(() -> sessions.withTransaction(s -> s.createNativeQuery("DROP TABLE " + name).executeUpdate())
                        .invoke(() -> LOG.infof("dropped trace partition %s (older than the retention of %s)", name,
                                config.retention())).replaceWithVoid());
            }
            return chain.chain(() -> sessions.withTransaction(s -> s.createNativeQuery(
                                    "DELETE FROM trace_default WHERE started_at < CAST(:cutoff AS timestamptz)")
                            .setParameter("cutoff", oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC))
                            .executeUpdate()))
                    .invoke(deleted -> {
                        if (deleted > 0) {
                            LOG.infof("deleted %d traces older than %s from the default partition", deleted, oldestKept);
                        }
                        LOG.infof("trace partitions checked: %d created, %d dropped, keeping traces since %s",
                                missing.size(), expired.size(), oldestKept);
                    })
                    .chain(() -> expireHistory())
                    .replaceWithVoid();
        });
    }

    /**
     * Deletes path events stored before the event retention (published ones only: the outbox keeps the
     * rest) and path versions last seen before the path version retention; both retentions are at least
     * the trace retention.
     */
    Uni<Void> expireHistory() {
        Duration eventRetention = max(config.eventRetention(), config.retention());
        Duration versionRetention = max(config.pathVersionRetention(), config.retention());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return sessions.withTransaction(s -> s.createNativeQuery(
                                "DELETE FROM path_event WHERE published AND stored_at < CAST(:cutoff AS timestamptz)")
                        .setParameter("cutoff", now.minus(eventRetention))
                        .executeUpdate())
                .chain(events -> sessions.withTransaction(s -> s.createNativeQuery(
                                        "DELETE FROM path_version WHERE last_seen < CAST(:cutoff AS timestamptz)")
                                .setParameter("cutoff", now.minus(versionRetention))
                                .executeUpdate())
                        .invoke(versions -> LOG.infof("path history checked: %d events older than %s and %d path versions "
                                + "unseen for %s deleted", events, eventRetention, versions, versionRetention)))
                .replaceWithVoid();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Uni<List<String>> partitions(Mutiny.Session session) {
        return session.createNativeQuery("""
                        SELECT c.relname FROM pg_inherits i
                          JOIN pg_class c ON c.oid = i.inhrelid
                          JOIN pg_class p ON p.oid = i.inhparent
                          JOIN pg_namespace n ON n.oid = p.relnamespace
                         WHERE p.relname = 'trace' AND n.nspname = current_schema()
                        """, String.class)
                .getResultList();
    }

    private Uni<Void> create(Mutiny.Session session, LocalDate day) {
        String name = NAME.format(day);
        String from = day + " 00:00:00+00";
        String to = day.plusDays(1) + " 00:00:00+00";
        String range = "started_at >= '" + from + "' AND started_at < '" + to + "'";
        return session.createNativeQuery("CREATE TABLE " + name + " (LIKE trace INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                .executeUpdate()
                .chain(() -> session.createNativeQuery("INSERT INTO " + name + " SELECT * FROM trace_default WHERE " + range)
                        .executeUpdate())
                .chain(moved -> session.createNativeQuery("DELETE FROM trace_default WHERE " + range).executeUpdate()
                        .replaceWith(moved))
                .chain(moved -> session.createNativeQuery("ALTER TABLE trace ATTACH PARTITION " + name
                                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')").executeUpdate()
                        .invoke(() -> LOG.infof("created trace partition %s for %s%s", name, day,
                                moved > 0 ? " (moved " + moved + " traces from the default partition)" : "")))
                .replaceWithVoid();
    }

    private static LocalDate dayOf(String partition) {
        try {
            return LocalDate.parse(partition, NAME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
