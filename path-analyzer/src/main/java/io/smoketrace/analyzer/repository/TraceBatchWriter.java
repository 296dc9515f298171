package io.smoketrace.analyzer.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.trace.Trace;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trace pipeline's writes and reads, a whole Kafka poll at a time, straight through the reactive
 * PostgreSQL client: each statement carries every row of the batch as column arrays ({@code unnest}),
 * so a batch of traces costs a handful of round trips and one commit instead of six statements and a
 * commit per trace. Every write is idempotent, as in {@link PathRepository}: a replayed batch changes
 * nothing and reports its events as not new.
 */
@ApplicationScoped
public class TraceBatchWriter {

    /** The batch's time range lets the executor skip the daily partitions the batch cannot be in. */
    private static final String EXISTING_TRACES = """
            SELECT t.trace_id, t.started_at FROM trace t
              JOIN unnest($1::text[], $2::timestamptz[]) AS k(trace_id, started_at)
                ON t.trace_id = k.trace_id AND t.started_at = k.started_at
             WHERE t.started_at >= $3 AND t.started_at <= $4
            """;

    private static final String STATES = """
            SELECT CAST(p.state AS text) FROM pair_state p
              JOIN unnest($1::text[], $2::text[]) AS k(agent_id, target_id)
                ON p.agent_id = k.agent_id AND p.target_id = k.target_id
            """;

    private static final String INSERT_TRACES = """
            INSERT INTO trace (trace_id, started_at, finished_at, agent_id, target_id, target_address, status,
                               destination_reached, hop_count, tool, hops, error, path_version_id, hop_stats)
            SELECT r.trace_id, r.started_at, r.finished_at, r.agent_id, r.target_id, r.target_address, r.status,
                   r.reached, r.hop_count, r.tool, CAST(r.hops AS jsonb), r.error, r.path_version_id, CAST(r.hop_stats AS jsonb)
              FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::boolean[], $9::integer[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
                   AS r(trace_id, started_at, finished_at, agent_id, target_id, target_address, status, reached, hop_count,
                        tool, hops, error, path_version_id, hop_stats)
            ON CONFLICT (trace_id, started_at) DO NOTHING
            """;

    private static final String UPSERT_VERSIONS = """
            INSERT INTO path_version (path_version_id, agent_id, target_id, first_seen, last_seen, destination_reached,
                                      hop_count, hops, as_path)
            SELECT v.id, v.agent_id, v.target_id, v.first_seen, v.last_seen, v.reached, v.hop_count, CAST(v.hops AS jsonb),
                   CAST(string_to_array(v.as_path, ',') AS bigint[])
              FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[],
                          $7::integer[], $8::text[], $9::text[])
                   AS v(id, agent_id, target_id, first_seen, last_seen, reached, hop_count, hops, as_path)
            ON CONFLICT (path_version_id) DO UPDATE
               SET last_seen = greatest(path_version.last_seen, excluded.last_seen),
                   first_seen = least(path_version.first_seen, excluded.first_seen),
                   hops = CASE WHEN excluded.last_seen >= path_version.last_seen THEN excluded.hops ELSE path_version.hops END
            """;

    /** A version stored before whose responders have not changed: only its first and last seen move. */
    private static final String TOUCH_VERSIONS = """
            UPDATE path_version p
               SET last_seen = greatest(p.last_seen, v.last_seen), first_seen = least(p.first_seen, v.first_seen)
              FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS v(id, first_seen, last_seen)
             WHERE p.path_version_id = v.id
            RETURNING p.path_version_id
            """;

    private static final String UPSERT_STATES = """
            INSERT INTO pair_state (agent_id, target_id, state, revision, last_trace_id, last_trace_at, updated_at)
            SELECT s.agent_id, s.target_id, CAST(s.state AS jsonb), s.revision, s.trace_id, s.trace_at, now()
              FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[])
                   AS s(agent_id, target_id, state, revision, trace_id, trace_at)
            ON CONFLICT (agent_id, target_id) DO UPDATE
               SET state = excluded.state, revision = excluded.revision, updated_at = now(),
                   last_trace_id = coalesce(excluded.last_trace_id, pair_state.last_trace_id),
                   last_trace_at = coalesce(excluded.last_trace_at, pair_state.last_trace_at)
             WHERE pair_state.revision < excluded.revision
            """;

    private static final String INSERT_EVENTS = """
            INSERT INTO path_event (event_id, agent_id, target_id, type, changed_at, detected_at, body)
            SELECT e.event_id, e.agent_id, e.target_id, e.type, e.changed_at, e.detected_at, CAST(e.body AS jsonb)
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
                   AS e(event_id, agent_id, target_id, type, changed_at, detected_at, body)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    private final Pool pool;

    public TraceBatchWriter(Pool pool) {
        this.pool = pool;
    }

    /** The keys ({@link #key(String, Instant)}) of the given traces that are already stored. */
    public Uni<Set<String>> existing(Collection<Trace> traces) {
        if (traces.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] ids = new String[traces.size()];
        OffsetDateTime[] starts = new OffsetDateTime[traces.size()];
        Instant earliest = null;
        Instant latest = null;
        int i = 0;
        for (Trace trace : traces) {
            ids[i] = trace.traceId();
            starts[i++] = at(trace.startedAt());
            earliest = earliest == null || trace.startedAt().isBefore(earliest) ? trace.startedAt() : earliest;
            latest = latest == null || trace.startedAt().isAfter(latest) ? trace.startedAt() : latest;
        }
        return pool.preparedQuery(EXISTING_TRACES).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfOffsetDateTime(starts)
                        .addOffsetDateTime(at(earliest)).addOffsetDateTime(at(latest)))
                .map(rows -> {
                    Set<String> keys = new HashSet<>();
                    for (Row row : rows) {
                        keys.add(key(row.getString(0), row.getOffsetDateTime(1).toInstant()));
                    }
                    return keys;
                });
    }

    /** The stored states of the given pairs ({@code agentId/targetId}); pairs without one are absent. */
    public Uni<List<PairState>> states(Collection<String> pairKeys) {
        if (pairKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] agents = new String[pairKeys.size()];
        String[] targets = new String[pairKeys.size()];
        int i = 0;
        for (String key : pairKeys) {
            int slash = key.indexOf('/');
            agents[i] = key.substring(0, slash);
            targets[i++] = key.substring(slash + 1);
        }
        return pool.preparedQuery(STATES).execute(Tuple.tuple().addArrayOfString(agents).addArrayOfString(targets))
                .map(rows -> {
                    List<PairState> states = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        states.add(PathRepository.read(row.getString(0), PairState.class));
                    }
                    return states;
                });
    }

    /** Every stored pair state's agent and target id, with the state as JSON text (parsed by the caller when it wants it). */
    public Uni<List<String[]>> allStates() {
        return pool.query("SELECT agent_id, target_id, CAST(state AS text) FROM pair_state").execute()
                .map(rows -> {
                    List<String[]> all = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        all.add(new String[] {row.getString(0), row.getString(1), row.getString(2)});
                    }
                    return all;
                });
    }

    /**
     * Stores a batch in one transaction: path versions, traces, pair states, events. Completes with the
     * number of traces that were new and the ids of the events that were new (not stored by an earlier
     * delivery of the same traces).
     */
    public Uni<Written> write(Batch batch) {
        return pool.withTransaction(connection -> versions(connection, batch.versions())
                .chain(() -> traces(connection, batch.traces()))
                .chain(stored -> states(connection, batch.states())
                        .chain(() -> events(connection, batch.events()))
                        .map(fresh -> new Written(stored, fresh))));
    }

    /** Flags events as on the topic. */
    public Uni<Void> markPublished(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE path_event SET published = true WHERE event_id = ANY($1::text[])")
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Touches the versions stored before (only their times move), then upserts the new or changed ones and any touch missed. */
    private Uni<Void> versions(SqlConnection connection, List<VersionRow> versions) {
        List<VersionRow> touch = versions.stream().filter(VersionRow::unchanged).toList();
        if (touch.isEmpty()) {
            return upsertVersions(connection, versions);
        }
        int n = touch.size();
        String[] ids = new String[n];
        OffsetDateTime[] first = new OffsetDateTime[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            PathVersion version = touch.get(i).version();
            ids[i] = version.id();
            first[i] = at(version.firstSeen());
            last[i] = at(version.lastSeen());
        }
        return connection.preparedQuery(TOUCH_VERSIONS)
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfOffsetDateTime(first).addArrayOfOffsetDateTime(last))
                .chain(rows -> {
                    Set<String> touched = new HashSet<>();
                    for (Row row : rows) {
                        touched.add(row.getString(0));
                    }
                    // New or changed versions, and any the retention deleted meanwhile: stored whole.
                    return upsertVersions(connection, versions.stream()
                            .filter(row -> !row.unchanged() || !touched.contains(row.version().id())).toList());
                });
    }

    private Uni<Void> upsertVersions(SqlConnection connection, List<VersionRow> versions) {
        if (versions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = versions.size();
        String[] ids = new String[n];
        String[] agents = new String[n];
        String[] targets = new String[n];
        OffsetDateTime[] first = new OffsetDateTime[n];
        OffsetDateTime[] last = new OffsetDateTime[n];
        Boolean[] reached = new Boolean[n];
        Integer[] hopCounts = new Integer[n];
        String[] hops = new String[n];
        String[] asPaths = new String[n];
        for (int i = 0; i < n; i++) {
            VersionRow row = versions.get(i);
            PathVersion version = row.version();
            ids[i] = version.id();
            agents[i] = row.agentId();
            targets[i] = row.targetId();
            first[i] = at(version.firstSeen());
            last[i] = at(version.lastSeen());
            reached[i] = version.destinationReached();
            hopCounts[i] = version.hopCount();
            hops[i] = json(row.path().snapshot(version.id()).hops());
            asPaths[i] = row.path().asPath().asns().stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return connection.preparedQuery(UPSERT_VERSIONS).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(agents)
                        .addArrayOfString(targets).addArrayOfOffsetDateTime(first).addArrayOfOffsetDateTime(last)
                        .addArrayOfBoolean(reached).addArrayOfInteger(hopCounts).addArrayOfString(hops).addArrayOfString(asPaths))
                .replaceWithVoid();
    }

    private Uni<Integer> traces(SqlConnection connection, List<TraceRow> traces) {
        if (traces.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = traces.size();
        String[] ids = new String[n];
        OffsetDateTime[] started = new OffsetDateTime[n];
        OffsetDateTime[] finished = new OffsetDateTime[n];
        String[] agents = new String[n];
        String[] targets = new String[n];
        String[] addresses = new String[n];
        String[] statuses = new String[n];
        Boolean[] reached = new Boolean[n];
        Integer[] hopCounts = new Integer[n];
        String[] tools = new String[n];
        String[] hops = new String[n];
        String[] errors = new String[n];
        String[] versions = new String[n];
        String[] stats = new String[n];
        for (int i = 0; i < n; i++) {
            Trace trace = traces.get(i).trace();
            ids[i] = trace.traceId();
            started[i] = at(trace.startedAt());
            finished[i] = trace.finishedAt() == null ? null : at(trace.finishedAt());
            agents[i] = trace.agentId();
            targets[i] = trace.targetId();
            addresses[i] = trace.targetAddress();
            statuses[i] = trace.status().name();
            reached[i] = trace.destinationReached();
            hopCounts[i] = trace.hops().size();
            tools[i] = trace.tool() == null ? null : trace.tool().name();
            hops[i] = json(trace.hops());
            errors[i] = trace.error() == null ? null : trace.error().message();
            versions[i] = traces.get(i).pathVersionId();
            stats[i] = json(HopStatistics.of(trace));
        }
        return connection.preparedQuery(INSERT_TRACES).execute(Tuple.tuple().addArrayOfString(ids)
                        .addArrayOfOffsetDateTime(started).addArrayOfOffsetDateTime(finished).addArrayOfString(agents)
                        .addArrayOfString(targets).addArrayOfString(addresses).addArrayOfString(statuses)
                        .addArrayOfBoolean(reached).addArrayOfInteger(hopCounts).addArrayOfString(tools).addArrayOfString(hops)
                        .addArrayOfString(errors).addArrayOfString(versions).addArrayOfString(stats))
                .map(RowSet::rowCount);
    }

    private Uni<Void> states(SqlConnection connection, List<StateRow> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = states.size();
        String[] agents = new String[n];
        String[] targets = new String[n];
        String[] bodies = new String[n];
        Long[] revisions = new Long[n];
        String[] traceIds = new String[n];
        OffsetDateTime[] traceAts = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            StateRow row = states.get(i);
            agents[i] = row.state().agentId();
            targets[i] = row.state().targetId();
            bodies[i] = json(row.state());
            revisions[i] = row.revision();
            traceIds[i] = row.traceId();
            traceAts[i] = row.traceAt() == null ? null : at(row.traceAt());
        }
        return connection.preparedQuery(UPSERT_STATES).execute(Tuple.tuple().addArrayOfString(agents).addArrayOfString(targets)
                        .addArrayOfString(bodies).addArrayOfLong(revisions).addArrayOfString(traceIds)
                        .addArrayOfOffsetDateTime(traceAts))
                .replaceWithVoid();
    }

    private Uni<Set<String>> events(SqlConnection connection, List<PathEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] agents = new String[n];
        String[] targets = new String[n];
        String[] types = new String[n];
        OffsetDateTime[] changed = new OffsetDateTime[n];
        OffsetDateTime[] detected = new OffsetDateTime[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            PathEvent event = events.get(i);
            ids[i] = event.eventId();
            agents[i] = event.agentId();
            targets[i] = event.targetId();
            types[i] = event.type().name();
            changed[i] = event.changedAt() == null ? null : at(event.changedAt());
            detected[i] = event.detectedAt() == null ? null : at(event.detectedAt());
            bodies[i] = json(event);
        }
        return connection.preparedQuery(INSERT_EVENTS).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(agents)
                        .addArrayOfString(targets).addArrayOfString(types).addArrayOfOffsetDateTime(changed)
                        .addArrayOfOffsetDateTime(detected).addArrayOfString(bodies))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getString(0));
                    }
                    return fresh;
                });
    }

    /** The identity of a stored trace: its id and start time (the partition key). */
    public static String key(String traceId, Instant startedAt) {
        return traceId + "@" + startedAt;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * What one batch stores.
     *
     * @param versions each path version once, as last seen in the batch
     * @param traces the traces, in order
     * @param states each pair's state after its last trace of the batch
     * @param events the events, in order
     */
    public record Batch(List<VersionRow> versions, List<TraceRow> traces, List<StateRow> states, List<PathEvent> events) {
    }

    /**
     * What a batch's transaction stored.
     *
     * @param traces traces that were new
     * @param freshEventIds events that were new
     */
    public record Written(int traces, Set<String> freshEventIds) {
    }

    /**
     * A path version with the path it was last seen on (for the annotated hops and the AS path).
     *
     * @param unchanged stored before by this process with the same responders: only its times need to move
     */
    public record VersionRow(String agentId, String targetId, PathVersion version, ObservedPath path, boolean unchanged) {
    }

    /** A trace with the path version it belongs to, or null. */
    public record TraceRow(Trace trace, String pathVersionId) {
    }

    /** A pair's state to save, with its revision and the trace that produced it (null after a BGP update). */
    public record StateRow(PairState state, long revision, String traceId, Instant traceAt) {
    }
}
