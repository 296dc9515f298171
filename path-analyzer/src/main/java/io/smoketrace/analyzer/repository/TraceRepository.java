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
                               destination_reached, hop_count, tool, hops, error)
            VALUES (:traceId, :startedAt, :finishedAt, :agentId, :targetId, :targetAddress, :status,
                    :reached, :hopCount, :tool, CAST(:hops AS jsonb), :error)
            ON CONFLICT (trace_id, started_at) DO NOTHING
            """;

    /** Stores the trace in the caller's session; completes with true when it was new. */
    public Uni<Boolean> insert(Mutiny.Session session, Trace trace) {
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

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
