package io.smoketrace.analyzer.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Path history in PostgreSQL: path versions (stored once per pair), the pairs' detection state and
 * the path events with their publish flag (the outbox). Every write is idempotent.
 */
@ApplicationScoped
public class PathRepository {

    private static final String UPSERT_VERSION = """
            INSERT INTO path_version (path_version_id, agent_id, target_id, first_seen, last_seen, destination_reached,
                                      hop_count, hops, as_path)
            VALUES (:id, :agent, :target, :firstSeen, :lastSeen, :reached, :hopCount, CAST(CAST(:hops AS text) AS jsonb),
                    CAST(string_to_array(:asPath, ',') AS bigint[]))
            ON CONFLICT (path_version_id) DO UPDATE
               SET last_seen = greatest(path_version.last_seen, excluded.last_seen),
                   first_seen = least(path_version.first_seen, excluded.first_seen),
                   hops = CASE WHEN excluded.last_seen >= path_version.last_seen THEN excluded.hops ELSE path_version.hops END
            """;

    private static final String UPSERT_STATE = """
            INSERT INTO pair_state (agent_id, target_id, state, revision, last_trace_id, last_trace_at, updated_at)
            VALUES (:agent, :target, CAST(CAST(:state AS text) AS jsonb), :revision, :traceId, :traceAt, now())
            ON CONFLICT (agent_id, target_id) DO UPDATE
               SET state = excluded.state, revision = excluded.revision, updated_at = now(),
                   last_trace_id = coalesce(excluded.last_trace_id, pair_state.last_trace_id),
                   last_trace_at = coalesce(excluded.last_trace_at, pair_state.last_trace_at)
             WHERE pair_state.revision < excluded.revision
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO path_event (event_id, agent_id, target_id, type, changed_at, detected_at, body)
            VALUES (:id, :agent, :target, :type, :changedAt, :detectedAt, CAST(CAST(:body AS text) AS jsonb))
            ON CONFLICT (event_id) DO NOTHING
            """;

    /** Stores a path version, or widens the stored one (last seen, responders learned since). */
    public Uni<Void> upsertVersion(Mutiny.Session session, String agentId, String targetId, PathVersion version,
                                   ObservedPath path) {
        return session.createNativeQuery(UPSERT_VERSION)
                .setParameter("id", version.id())
                .setParameter("agent", agentId)
                .setParameter("target", targetId)
                .setParameter("firstSeen", at(version.firstSeen()))
                .setParameter("lastSeen", at(version.lastSeen()))
                .setParameter("reached", version.destinationReached())
                .setParameter("hopCount", version.hopCount())
                .setParameter("hops", json(path.snapshot(version.id()).hops()))
                .setParameter("asPath", path.asPath().asns().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * Saves a pair's state unless a later one (higher revision) is already stored.
     *
     * @param traceId the trace that produced this state, or null when a BGP update did
     */
    public Uni<Void> saveState(Mutiny.Session session, PairState state, long revision, String traceId, Instant traceAt) {
        return session.createNativeQuery(UPSERT_STATE)
                .setParameter("agent", state.agentId())
                .setParameter("target", state.targetId())
                .setParameter("state", json(state))
                .setParameter("revision", revision)
                .setParameter("traceId", traceId)
                .setParameter("traceAt", traceAt == null ? null : at(traceAt))
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The stored state of a pair, or null. */
    public Uni<PairState> loadState(Mutiny.Session session, String agentId, String targetId) {
        return session.createNativeQuery("SELECT CAST(state AS text) FROM pair_state WHERE agent_id = :agent AND target_id = :target",
                        String.class)
                .setParameter("agent", agentId)
                .setParameter("target", targetId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : read(rows.getFirst(), PairState.class));
    }

    /** Every pair's stored status: state, last trace. */
    public Uni<List<StoredPair>> pairs(Mutiny.Session session, String targetId) {
        return session.createNativeQuery("""
                        SELECT agent_id, target_id, CAST(state AS text), last_trace_id, last_trace_at
                          FROM pair_state WHERE (CAST(:target AS text) IS NULL OR target_id = :target)
                         ORDER BY target_id, agent_id
                        """, Object[].class)
                .setParameter("target", targetId)
                .getResultList()
                .map(rows -> {
                    List<StoredPair> pairs = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        pairs.add(new StoredPair((String) row[0], (String) row[1], read((String) row[2], PairState.class),
                                (String) row[3], instant(row[4])));
                    }
                    return pairs;
                });
    }

    /** Stores an event as not yet published; completes with true when it was new. */
    public Uni<Boolean> insertEvent(Mutiny.Session session, PathEvent event) {
        return session.createNativeQuery(INSERT_EVENT)
                .setParameter("id", event.eventId())
                .setParameter("agent", event.agentId())
                .setParameter("target", event.targetId())
                .setParameter("type", event.type().name())
                .setParameter("changedAt", event.changedAt() == null ? null : at(event.changedAt()))
                .setParameter("detectedAt", event.detectedAt() == null ? null : at(event.detectedAt()))
                .setParameter("body", json(event))
                .executeUpdate()
                .map(rows -> rows > 0);
    }

    /** Events stored at least {@code grace} ago and not yet published, oldest first. */
    public Uni<List<PathEvent>> unpublished(Mutiny.Session session, Duration grace, int limit) {
        return session.createNativeQuery("""
                        SELECT CAST(body AS text) FROM path_event
                         WHERE NOT published AND stored_at < now() - make_interval(secs => :grace)
                         ORDER BY stored_at LIMIT :limit
                        """, String.class)
                .setParameter("grace", (double) grace.toSeconds())
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(body -> read(body, PathEvent.class)).toList());
    }

    /** Marks events as on the topic. */
    public Uni<Void> markPublished(Mutiny.Session session, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("UPDATE path_event SET published = true WHERE event_id IN (:ids)")
                .setParameter("ids", eventIds)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Events matching the filters (null: any), newest first. */
    public Uni<List<PathEvent>> events(Mutiny.Session session, String targetId, String agentId, String type, Instant from,
                                       Instant to, int limit) {
        return session.createNativeQuery("""
                        SELECT CAST(body AS text) FROM path_event
                         WHERE (CAST(:target AS text) IS NULL OR target_id = :target)
                           AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)
                           AND (CAST(:type AS text) IS NULL OR type = :type)
                           AND (CAST(:from AS timestamptz) IS NULL OR changed_at >= :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR changed_at < :to)
                         ORDER BY changed_at DESC, event_id LIMIT :limit
                        """, String.class)
                .setParameter("target", targetId)
                .setParameter("agent", agentId)
                .setParameter("type", type)
                .setParameter("from", from == null ? null : at(from))
                .setParameter("to", to == null ? null : at(to))
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(body -> read(body, PathEvent.class)).toList());
    }

    /** A pair's path versions, most recently seen first. */
    public Uni<List<StoredPathVersion>> versions(Mutiny.Session session, String agentId, String targetId) {
        return session.createNativeQuery("""
                        SELECT path_version_id, first_seen, last_seen, destination_reached, hop_count,
                               CAST(hops AS text), array_to_string(as_path, ' ')
                          FROM path_version WHERE agent_id = :agent AND target_id = :target
                         ORDER BY last_seen DESC
                        """, Object[].class)
                .setParameter("agent", agentId)
                .setParameter("target", targetId)
                .getResultList()
                .map(rows -> {
                    List<StoredPathVersion> versions = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        String asPath = (String) row[6];
                        versions.add(new StoredPathVersion((String) row[0], instant(row[1]), instant(row[2]), (Boolean) row[3],
                                ((Number) row[4]).intValue(), Json.mapper().valueToTree(read((String) row[5], List.class)),
                                asPath == null || asPath.isBlank() ? List.of()
                                        : Arrays.stream(asPath.split(" ")).map(Long::valueOf).toList()));
                    }
                    return versions;
                });
    }

    /**
     * A pair as stored.
     *
     * @param agentId the vantage point
     * @param targetId the target
     * @param state its detection state
     * @param lastTraceId the latest trace analysed
     * @param lastTraceAt when that trace ran
     */
    public record StoredPair(String agentId, String targetId, PairState state, String lastTraceId, Instant lastTraceAt) {
    }

    /**
     * A path version as stored.
     *
     * @param id the version id
     * @param firstSeen when a trace first showed it
     * @param lastSeen when a trace last showed it
     * @param destinationReached whether it reaches the target
     * @param hopCount its hops
     * @param hops per TTL the responders with their RIB annotations
     * @param asPath its collapsed AS path
     */
    public record StoredPathVersion(String id, Instant firstSeen, Instant lastSeen, boolean destinationReached, int hopCount,
                                    JsonNode hops, List<Long> asPath) {
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime odt -> odt.toInstant();
            case Instant i -> i;
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case Date d -> d.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A pair state as stored (JSON text). */
    public static PairState readState(String json) {
        return read(json, PairState.class);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
