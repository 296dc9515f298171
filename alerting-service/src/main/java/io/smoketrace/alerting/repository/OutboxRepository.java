package io.smoketrace.alerting.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.StoredAttempt;
import io.smoketrace.alerting.StoredNotification;
import io.smoketrace.common.serde.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The outbox: notifications written in the same transaction as the alert state that caused them,
 * and every delivery attempt.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A notification's delivery state. */
    public enum DeliveryStatus { PENDING, DELIVERED, FAILED }

    // Each column travels as one array parameter ($7..$12; the content is stored as text, not parsed).
    private static final String INSERT = """
            INSERT INTO notification (notification_id, receiver, group_key, alert_status, content, created_at, next_attempt_at)
            SELECT x.notification_id, x.receiver, x.group_key, x.alert_status, x.content, x.created_at, x.created_at
            FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
                 AS x(notification_id, receiver, group_key, alert_status, content, created_at)
            ON CONFLICT (notification_id) DO NOTHING
            """;

    // Alert state and outbox in ONE statement (atomic on its own): one round trip, no BEGIN/COMMIT exchanges.
    private static final String STORE = "WITH stored_alerts AS (" + AlertRepository.UPSERT + ")\n" + INSERT;

    // Attempts are recorded in batches (group commit): one statement inserts them and updates their notifications.
    private static final String RECORD_ATTEMPTS = """
            WITH rows AS (
                SELECT * FROM jsonb_to_recordset(CAST($1::text AS jsonb))
                    AS x(notification_id text, attempt int, started_at timestamptz, duration_ms bigint, outcome text,
                         detail text, status text, next_attempt_at timestamptz, delivered_at timestamptz)),
            attempt AS (
                INSERT INTO delivery_attempt (notification_id, attempt, started_at, duration_ms, outcome, detail)
                SELECT notification_id, attempt, started_at, duration_ms, outcome, detail FROM rows
                ON CONFLICT DO NOTHING)
            UPDATE notification n SET attempts = r.attempt, delivery_status = r.status, next_attempt_at = r.next_attempt_at,
                delivered_at = r.delivered_at, last_error = CASE WHEN r.status = 'DELIVERED' THEN NULL ELSE r.detail END
            FROM rows r WHERE n.notification_id = r.notification_id
            """;

    /**
     * One delivery attempt and the notification's state after it.
     *
     * @param notificationId the notification
     * @param attempt its number, from 1
     * @param startedAt when it started
     * @param durationMs how long it took
     * @param outcome DELIVERED or FAILED
     * @param detail the receiver's answer or the failure
     * @param status the notification's delivery state after it
     * @param nextAttemptAt when it is tried again, null when it will not be
     */
    public record AttemptRecord(String notificationId, int attempt, Instant startedAt, long durationMs, String outcome,
                                String detail, DeliveryStatus status, Instant nextAttemptAt) {
    }

    /** The notifications as the six array parameters {@link #store} takes; built off the event loop, serialising is the costly part. */
    public static List<Object> rows(List<NotificationContent> notifications) {
        int n = notifications.size();
        String[] ids = new String[n];
        String[] receivers = new String[n];
        String[] groups = new String[n];
        String[] statuses = new String[n];
        String[] contents = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NotificationContent content = notifications.get(i);
            var notification = content.notification();
            ids[i] = notification.notificationId();
            receivers[i] = notification.receiver();
            groups[i] = notification.groupKey();
            statuses[i] = notification.status().name();
            contents[i] = DefinitionRepository.write(content);
            created[i] = OffsetDateTime.ofInstant(notification.sentAt(), ZoneOffset.UTC);
        }
        return List.of(ids, receivers, groups, statuses, contents, created);
    }

    /**
     * Stores alerts' latest state ({@link AlertRepository#rows}) and puts notifications ({@link #rows}) in
     * the outbox, atomically, in one statement.
     */
    public Uni<Void> store(Pool pool, List<Object> alertRows, List<Object> notificationRows) {
        List<Object> parameters = new ArrayList<>(alertRows);
        parameters.addAll(notificationRows);
        return pool.preparedQuery(STORE).execute(Tuple.from(parameters)).replaceWithVoid();
    }

    /** The attempts as the JSON rows {@link #recordAttempts} takes. */
    public static String attemptRows(List<AttemptRecord> records) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (AttemptRecord r : records) {
            ObjectNode row = rows.addObject();
            row.put("notification_id", r.notificationId());
            row.put("attempt", r.attempt());
            row.put("started_at", r.startedAt().toString());
            row.put("duration_ms", r.durationMs());
            row.put("outcome", r.outcome());
            row.put("detail", r.detail());
            row.put("status", r.status().name());
            if (r.nextAttemptAt() != null) {
                row.put("next_attempt_at", r.nextAttemptAt().toString());
            }
            if (r.status() == DeliveryStatus.DELIVERED) {
                row.put("delivered_at", r.startedAt().plusMillis(r.durationMs()).toString());
            }
        }
        return rows.toString();
    }

    /** Records attempts (rows from {@link #attemptRows}) and their notifications' resulting state, in one statement. */
    public Uni<Void> recordAttempts(Pool pool, String rows) {
        return pool.preparedQuery(RECORD_ATTEMPTS).execute(Tuple.of(rows)).replaceWithVoid();
    }

    /** Notifications still to deliver, oldest first. */
    public Uni<List<StoredNotification>> pending(Mutiny.Session session) {
        return session.createSelectionQuery(
                        "from StoredNotification where deliveryStatus = 'PENDING' order by createdAt", StoredNotification.class)
                .getResultList();
    }

    /** The latest notifications, newest first, optionally for one receiver or in one delivery state. */
    public Uni<List<StoredNotification>> latest(Mutiny.Session session, String receiver, DeliveryStatus status, int limit) {
        StringBuilder hql = new StringBuilder("from StoredNotification where 1 = 1");
        if (receiver != null) {
            hql.append(" and receiver = :receiver");
        }
        if (status != null) {
            hql.append(" and deliveryStatus = :status");
        }
        hql.append(" order by createdAt desc");
        var query = session.createSelectionQuery(hql.toString(), StoredNotification.class).setMaxResults(limit);
        if (receiver != null) {
            query.setParameter("receiver", receiver);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.getResultList();
    }

    public Uni<StoredNotification> find(Mutiny.Session session, String id) {
        return session.find(StoredNotification.class, id);
    }

    public Uni<List<StoredAttempt>> attempts(Mutiny.Session session, String id) {
        return session.createSelectionQuery("from StoredAttempt where notificationId = :id order by attempt",
                StoredAttempt.class).setParameter("id", id).getResultList();
    }

    /** The stored content of a notification. */
    public static NotificationContent content(StoredNotification row) {
        return DefinitionRepository.read(row.content, NotificationContent.class);
    }
}
