package io.smoketrace.alerting.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.StoredAlert;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Alert state: the latest state of each alert, written with the notifications it causes. */
@ApplicationScoped
public class AlertRepository {

    // One statement per batch: the rows travel as one JSON array.
    private static final String UPSERT = """
            INSERT INTO alert (alert_id, rule_id, status, starts_at, ends_at, definition, updated_at)
            SELECT x.alert_id, x.rule_id, x.status, x.starts_at, x.ends_at, x.definition, now()
            FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb))
                 AS x(alert_id text, rule_id text, status text, starts_at timestamptz, ends_at timestamptz, definition jsonb)
            ON CONFLICT (alert_id) DO UPDATE SET rule_id = EXCLUDED.rule_id, status = EXCLUDED.status,
                starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, definition = EXCLUDED.definition,
                updated_at = now()
            """;

    /** The alerts as the JSON rows {@link #upsert} takes; built off the event loop, it is the costly part. */
    public static String rows(List<Alert> alerts) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (Alert alert : alerts) {
            ObjectNode row = rows.addObject();
            row.put("alert_id", alert.alertId());
            row.put("rule_id", alert.ruleId());
            row.put("status", alert.status().name());
            row.put("starts_at", alert.startsAt().toString());
            if (alert.endsAt() != null) {
                row.put("ends_at", alert.endsAt().toString());
            }
            row.putRawValue("definition", new RawValue(DefinitionRepository.write(slim(alert))));
        }
        return rows.toString();
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

    /** Stores the alerts' latest state (rows from {@link #rows}) in the caller's transaction. */
    public Uni<Void> upsert(Mutiny.Session session, String rows) {
        return session.createNativeQuery(UPSERT).setParameter("rows", rows).executeUpdate().replaceWithVoid();
    }

    /** The alerts firing when the service stopped. */
    public Uni<List<Alert>> firing(Mutiny.Session session) {
        return session.createSelectionQuery("from StoredAlert where status = 'FIRING'", StoredAlert.class).getResultList()
                .map(rows -> rows.stream().map(r -> DefinitionRepository.read(r.definition, Alert.class)).toList());
    }
}
