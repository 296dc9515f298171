package io.smoketrace.alerting.repository;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.StoredAlert;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Alert state: the latest state of each alert, written with the notifications it causes. */
@ApplicationScoped
public class AlertRepository {

    // Each column travels as one array parameter ($1..$6), so PostgreSQL parses only the definitions.
    static final String UPSERT = """
            INSERT INTO alert (alert_id, rule_id, status, starts_at, ends_at, definition, updated_at)
            SELECT x.alert_id, x.rule_id, x.status, x.starts_at, x.ends_at, CAST(x.definition AS jsonb), now()
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[])
                 AS x(alert_id, rule_id, status, starts_at, ends_at, definition)
            ON CONFLICT (alert_id) DO UPDATE SET rule_id = EXCLUDED.rule_id, status = EXCLUDED.status,
                starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, definition = EXCLUDED.definition,
                updated_at = now()
            """;

    /**
     * The alerts as the six array parameters of {@link #UPSERT}; built off the event loop, serialising is
     * the costly part. One row per alert: the caller passes each alert's latest state once.
     */
    public static List<Object> rows(Collection<Alert> alerts) {
        int n = alerts.size();
        String[] ids = new String[n];
        String[] rules = new String[n];
        String[] statuses = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        String[] definitions = new String[n];
        int i = 0;
        for (Alert alert : alerts) {
            ids[i] = alert.alertId();
            rules[i] = alert.ruleId();
            statuses[i] = alert.status().name();
            starts[i] = OffsetDateTime.ofInstant(alert.startsAt(), ZoneOffset.UTC);
            ends[i] = alert.endsAt() == null ? null : OffsetDateTime.ofInstant(alert.endsAt(), ZoneOffset.UTC);
            definitions[i] = DefinitionRepository.write(slim(alert));
            i++;
        }
        return List.of(ids, rules, statuses, starts, ends, definitions);
    }

    /**
     * The alert as stored: its events keep their identity and path ids (enough to resolve it after a
     * restart) but not the hops and BGP updates, which the outbox already holds for every message.
     */
    static Alert slim(Alert alert) {
        return new Alert(alert.alertId(), alert.ruleId(), alert.severity(), alert.status(), alert.labels(),
                alert.annotations(), alert.startsAt(), alert.endsAt(), alert.eventIds(), slim(alert.trigger()),
                slim(alert.recovery()));
    }

    private static PathEvent slim(PathEvent e) {
        if (e == null) {
            return null;
        }
        return new PathEvent(e.formatVersion(), e.eventId(), e.type(), e.agentId(), e.targetId(), e.targetAddress(),
                e.changedAt(), e.detectedAt(), e.hop(), e.hopAddress(), slim(e.before()), slim(e.after()),
                new Verdict(e.verdict().judgement(), List.of()), e.measurement(), List.of(), List.of(), e.labels(), e.summary());
    }

    private static PathSnapshot slim(PathSnapshot p) {
        return p == null ? null : new PathSnapshot(p.pathId(), p.traceId(), p.observedAt(), p.destinationReached(),
                p.hopCount(), List.of(), p.asPath(), p.destinationRttMs(), p.destinationLossPercent());
    }

    /** The alerts firing when the service stopped. */
    public Uni<List<Alert>> firing(Mutiny.Session session) {
        return session.createSelectionQuery("from StoredAlert where status = 'FIRING'", StoredAlert.class).getResultList()
                .map(rows -> rows.stream().map(r -> DefinitionRepository.read(r.definition, Alert.class)).toList());
    }
}
