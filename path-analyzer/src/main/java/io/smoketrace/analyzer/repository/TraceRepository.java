package io.smoketrace.analyzer.repository;

import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.StoredTrace;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Traces in PostgreSQL. Inserting a trace that is already stored (same id and start time) changes
 * nothing, so replaying a topic after a restart never duplicates rows.
 */
@ApplicationScoped
public class TraceRepository {

    private static final String INSERT = """
            INSERT INTO trace (trace_id, started_at, finished_at, agent_id, target_id, target_address, status,
                               destination_reached, hop_count, tool, hops, error, path_version_id, hop_stats)
            VALUES (:traceId, :startedAt, :finishedAt, :agentId, :targetId, :targetAddress, :status,
                    :reached, :hopCount, :tool, CAST(CAST(:hops AS text) AS jsonb), :error, :pathVersionId, CAST(CAST(:hopStats AS text) AS jsonb))
            ON CONFLICT (trace_id, started_at) DO NOTHING
            """;

    /** Whether the trace (same id and start time) is already stored: a replay. */
    public Uni<Boolean> exists(Mutiny.Session session, Trace trace) {
        return session.createNativeQuery("SELECT count(*) FROM trace WHERE trace_id = :traceId AND started_at = :startedAt",
                        Long.class)
                .setParameter("traceId", trace.traceId())
                .setParameter("startedAt", at(trace.startedAt()))
                .getSingleResult()
                .map(count -> count > 0);
    }

    /**
     * Stores the trace in the caller's session with the path version it belongs to (null for a run
     * that shows no usable path); completes with true when it was new.
     */
    public Uni<Boolean> insert(Mutiny.Session session, Trace trace, String pathVersionId) {
        return session.createNativeQuery(INSERT)
                .setParameter("traceId", trace.traceId())
                .setParameter("startedAt", at(trace.startedAt()))
                .setParameter("finishedAt", trace.finishedAt() == null ? null : at(trace.finishedAt()))
                .setParameter("agentId", trace.agentId())
                .setParameter("targetId", trace.targetId())
                .setParameter("targetAddress", trace.targetAddress())
                .setParameter("status", trace.status().name())
                .setParameter("reached", trace.destinationReached())
                .setParameter("hopCount", trace.hops().size())
                .setParameter("tool", trace.tool() == null ? null : trace.tool().name())
                .setParameter("hops", Json.mapper().valueToTree(trace.hops()).toString())
                .setParameter("error", trace.error() == null ? null : trace.error().message())
                .setParameter("pathVersionId", pathVersionId)
                .setParameter("hopStats", Json.mapper().valueToTree(HopStatistics.of(trace)).toString())
                .executeUpdate()
                .map(rows -> rows > 0);
    }

    /** The most recent traces of one (agent, target) pair, newest first. */
    public Uni<List<StoredTrace>> latest(Mutiny.Session session, String agentId, String targetId, int limit) {
        return session.createSelectionQuery(
                        "from StoredTrace where agentId = :agent and targetId = :target order by startedAt desc",
                        StoredTrace.class)
                .setParameter("agent", agentId)
                .setParameter("target", targetId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** One trace by id, or null. */
    public Uni<StoredTrace> find(Mutiny.Session session, String traceId) {
        return session.createSelectionQuery("from StoredTrace where traceId = :id", StoredTrace.class)
                .setParameter("id", traceId)
                .setMaxResults(1)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.getFirst());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
