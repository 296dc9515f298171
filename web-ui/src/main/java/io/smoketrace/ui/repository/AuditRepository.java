package io.smoketrace.ui.repository;

import io.smallrye.mutiny.Uni;
import io.smoketrace.ui.AuditEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The audit log in PostgreSQL (schema {@code ui}, table {@code audit_event}). */
@ApplicationScoped
public class AuditRepository {

    private static final String INSERT = """
            INSERT INTO audit_event (at, actor, actor_role, action, object_type, object_id, summary, before, after,
                                     topic_record, remote_addr)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """;
    private static final String COLUMNS = """
            SELECT id, at, actor, actor_role, action, object_type, object_id, summary, before::text AS before,
                   after::text AS after, topic_record, remote_addr FROM audit_event
            """;

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the events and does the work in one database transaction, in that order: when the audit log
     * cannot be written nothing is done, and when the work fails the events are rolled back. The work
     * returns where each event's change was published, stored with the event.
     */
    public <T> Uni<T> recordAround(List<AuditEvent> events, Uni<T> work, Function<T, List<String>> locations) {
        return recordAround(events, work, locations, result -> List.of());
    }

    /**
     * As {@link #recordAround(List, Uni, Function)}, for objects whose id the work assigns (a silence's id
     * comes from the alerting service): events written with an empty object id get the one returned.
     */
    public <T> Uni<T> recordAround(List<AuditEvent> events, Uni<T> work, Function<T, List<String>> locations,
                                   Function<T, List<String>> objectIds) {
        return pool.withTransaction(connection -> insert(connection, events)
                .chain(ids -> work.call(result -> locate(connection, ids, locations.apply(result), objectIds.apply(result)))));
    }

    private Uni<List<Long>> insert(SqlConnection connection, List<AuditEvent> events) {
        List<Tuple> rows = new ArrayList<>();
        for (AuditEvent event : events) {
            rows.add(Tuple.tuple().addValue(OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC))
                    .addValue(event.actor()).addValue(event.actorRole()).addValue(event.action())
                    .addValue(event.objectType()).addValue(event.objectId()).addValue(event.summary())
                    .addValue(event.before() == null ? null : new JsonObject(event.before()))
                    .addValue(event.after() == null ? null : new JsonObject(event.after()))
                    .addValue(event.topicRecord()).addValue(event.remoteAddress()));
        }
        return connection.preparedQuery(INSERT + " RETURNING id").executeBatch(rows).map(result -> {
            List<Long> ids = new ArrayList<>();
            for (RowSet<Row> rowSet = result; rowSet != null; rowSet = rowSet.next()) {
                for (Row row : rowSet) {
                    ids.add(row.getLong("id"));
                }
            }
            return ids;
        });
    }

    private Uni<Void> locate(SqlConnection connection, List<Long> ids, List<String> locations, List<String> objectIds) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < ids.size() && i < locations.size(); i++) {
            rows.add(Tuple.of(locations.get(i), ids.get(i), i < objectIds.size() ? objectIds.get(i) : null));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("""
                        UPDATE audit_event SET topic_record = $1,
                               object_id = CASE WHEN object_id = '' AND $3::text IS NOT NULL THEN $3::text ELSE object_id END
                         WHERE id = $2""").executeBatch(rows)
                .replaceWithVoid();
    }

    /** The latest events, newest first, optionally only those about one object. */
    public Uni<List<AuditEvent>> latest(String objectId, int limit) {
        boolean filtered = objectId != null && !objectId.isBlank();
        String sql = COLUMNS + (filtered ? " WHERE object_id = $2" : "") + " ORDER BY id DESC LIMIT $1";
        Tuple args = filtered ? Tuple.of(limit, objectId) : Tuple.of(limit);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new AuditEvent(row.getLong("id"), row.getOffsetDateTime("at").toInstant(),
                        row.getString("actor"), row.getString("actor_role"), row.getString("action"),
                        row.getString("object_type"), row.getString("object_id"), row.getString("summary"),
                        row.getString("before"), row.getString("after"), row.getString("topic_record"),
                        row.getString("remote_addr")));
            }
            return events;
        });
    }
}
