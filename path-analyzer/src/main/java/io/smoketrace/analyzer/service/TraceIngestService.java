package io.smoketrace.analyzer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.detect.TraceAnalysis;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.analyzer.repository.TraceBatchWriter;
import io.smoketrace.analyzer.repository.TraceBatchWriter.Batch;
import io.smoketrace.analyzer.repository.TraceBatchWriter.StateRow;
import io.smoketrace.analyzer.repository.TraceBatchWriter.TraceRow;
import io.smoketrace.analyzer.repository.TraceBatchWriter.VersionRow;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Takes the traces of one Kafka poll through detection into the database: the pairs' states live in
 * memory (restored from {@code pair_state} the first time this process sees a pair, or when its
 * partition is assigned), every trace is analysed in order, then one transaction stores the batch's
 * path versions (each once), traces, the pairs' new states and the events; then the new events go to
 * the topic. A trace already stored (a replay) is skipped whole, so it changes no state and repeats no
 * event. When the transaction fails, the batch's pairs are dropped from memory: the retry restores them
 * from the database as they were before the batch, and analyses each trace once.
 */
@ApplicationScoped
public class TraceIngestService {

    private static final Logger LOG = Logger.getLogger(TraceIngestService.class);
    private static final int MAX_REMEMBERED_VERSIONS = 2_000_000;

    private final TraceBatchWriter writer;
    private final PathAnalyzer analyzer;
    private final TargetDirectory directory;
    private final PairStateRevisions revisions;
    private final PathEventPublisher publisher;
    /**
     * The path versions this process has stored, as stored (responders and reachability): a version seen
     * again unchanged only has its times moved, instead of its annotated hops written again.
     */
    private final Map<String, PathVersion> storedVersions = new ConcurrentHashMap<>();
    /** Pairs whose stored state this process has looked for (restored, or found none). */
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final Counter stored;
    private final Counter duplicates;
    private final Counter eventsCounter;
    private final Counter batches;

    public TraceIngestService(TraceBatchWriter writer, PathAnalyzer analyzer, TargetDirectory directory,
                              PairStateRevisions revisions, PathEventPublisher publisher, MeterRegistry registry) {
        this.writer = writer;
        this.analyzer = analyzer;
        this.directory = directory;
        this.revisions = revisions;
        this.publisher = publisher;
        this.stored = Counter.builder("smoketrace.analyzer.traces.stored")
                .description("Traces stored in the database").register(registry);
        this.duplicates = Counter.builder("smoketrace.analyzer.traces.duplicate")
                .description("Traces received again (replay) and not stored twice").register(registry);
        this.eventsCounter = Counter.builder("smoketrace.analyzer.events")
                .description("Path events detected and stored").register(registry);
        this.batches = Counter.builder("smoketrace.analyzer.trace.batches")
                .description("Batches of traces (one Kafka poll each) stored in one transaction").register(registry);
    }

    /** Analyses and stores one trace, then publishes its events (a batch of one). */
    public Uni<List<Rejected>> ingest(Trace trace) {
        return ingest(List.of(trace));
    }

    /**
     * Analyses the traces (in order; each pair's traces in the order of its partition) and stores them
     * in one transaction, then publishes the new events. Completes, once the events are on the topic or
     * left to the outbox, with the traces the analysis could not handle (for the dead-letter topic);
     * fails, with nothing stored and the pairs' memory as before, when the database does.
     */
    public Uni<List<Rejected>> ingest(List<Trace> batch) {
        return Uni.createFrom().deferred(() -> {
            Map<String, Trace> unique = new LinkedHashMap<>();
            for (Trace trace : batch) {
                unique.putIfAbsent(TraceBatchWriter.key(trace.traceId(), trace.startedAt()), trace);
            }
            int repeated = batch.size() - unique.size();
            return writer.existing(unique.values()).chain(existing -> {
                List<Trace> fresh = new ArrayList<>(unique.size());
                unique.forEach((key, trace) -> {
                    if (existing.contains(key)) {
                        LOG.debugf("trace %s from %s was already stored (replay)", trace.traceId(), trace.key());
                    } else {
                        fresh.add(trace);
                    }
                });
                duplicates.increment(repeated + existing.size());
                return attempt(fresh, new ArrayList<>());
            });
        });
    }

    /** Restores, analyses and stores; a trace whose analysis throws is set aside and the batch analysed again without it. */
    private Uni<List<Rejected>> attempt(List<Trace> traces, List<Rejected> rejected) {
        if (traces.isEmpty()) {
            return Uni.createFrom().item(rejected);
        }
        Set<String> pairs = new LinkedHashSet<>();
        traces.forEach(trace -> pairs.add(trace.key()));
        // Detection is CPU work: on a worker thread, whatever thread the database answered on.
        return restore(pairs).emitOn(Infrastructure.getDefaultWorkerPool()).chain(() -> {
            Analysed analysed;
            try {
                analysed = analyse(traces);
            } catch (FailedTrace failed) {
                reset(pairs);
                LOG.warnf("trace %s from %s cannot be analysed (%s); it goes to the dead-letter topic", failed.trace.traceId(),
                        failed.trace.key(), failed.getMessage());
                rejected.add(new Rejected(failed.trace, failed.getMessage()));
                return attempt(traces.stream().filter(Predicate.not(t -> t == failed.trace)).toList(), rejected);
            } catch (RuntimeException | Error e) {
                // Not the trace's fault (a bug, a broken deployment): nothing is stored, the retry starts from the database.
                reset(pairs);
                throw e;
            }
            return writer.write(analysed.batch())
                    .onFailure().invoke(e -> reset(pairs))
                    .chain(written -> {
                        remember(analysed.batch().versions());
                        batches.increment();
                        stored.increment(written.traces());
                        duplicates.increment(traces.size() - written.traces());
                        List<PathEvent> fresh = new ArrayList<>();
                        Set<String> ids = new HashSet<>(written.freshEventIds());
                        for (PathEvent event : analysed.batch().events()) {
                            if (ids.remove(event.eventId())) {
                                fresh.add(event);
                            }
                        }
                        eventsCounter.increment(fresh.size());
                        return publisher.publish(fresh)
                                .onFailure().invoke(e -> LOG.warnf("cannot publish %d path events yet (%s); the outbox will",
                                        fresh.size(), e.getMessage()))
                                .onFailure().recoverWithNull();
                    })
                    .replaceWith(rejected);
        });
    }

    /** Runs detection over the batch in memory and collects what to store. */
    private Analysed analyse(List<Trace> traces) {
        Map<String, VersionRow> versions = new LinkedHashMap<>();
        List<TraceRow> rows = new ArrayList<>(traces.size());
        List<PathEvent> events = new ArrayList<>();
        Map<String, Trace> lastTrace = new LinkedHashMap<>();
        for (Trace trace : traces) {
            TraceAnalysis analysis;
            try {
                analysis = analyzer.onTrace(trace, directory.context(trace.agentId(), trace.targetId()));
            } catch (RuntimeException e) {
                throw new FailedTrace(trace, "analysis failed: " + e);
            }
            String versionId = analysis.pathVersion() == null ? null : analysis.pathVersion().id();
            if (versionId != null) {
                // The latest sighting wins: it has the widest first/last seen and the responders learned so far.
                PathVersion version = analysis.pathVersion();
                PathVersion stored = storedVersions.get(versionId);
                boolean unchanged = stored != null && stored.destinationReached() == version.destinationReached()
                        && stored.responders().equals(version.responders());
                versions.put(versionId, new VersionRow(trace.agentId(), trace.targetId(), version, analysis.path(), unchanged));
            }
            rows.add(new TraceRow(trace, versionId));
            events.addAll(analysis.events());
            lastTrace.put(trace.key(), trace);
        }
        List<StateRow> states = new ArrayList<>(lastTrace.size());
        for (Trace trace : lastTrace.values()) {
            PairState state = analyzer.state(trace.agentId(), trace.targetId());
            if (state != null) {
                states.add(new StateRow(state, revisions.next(), trace.traceId(), trace.startedAt()));
            }
        }
        return new Analysed(new Batch(List.copyOf(versions.values()), rows, states, events));
    }

    /** Notes the versions a committed batch stored (bounded: past the limit it starts over, which only costs rewrites). */
    private void remember(List<VersionRow> versions) {
        if (storedVersions.size() > MAX_REMEMBERED_VERSIONS) {
            storedVersions.clear();
        }
        for (VersionRow row : versions) {
            storedVersions.put(row.version().id(), row.version());
        }
    }

    /** Restores, in one query, the pairs this process has not looked up yet. */
    private Uni<Void> restore(Set<String> pairs) {
        List<String> missing = new ArrayList<>();
        for (String key : pairs) {
            if (!restored.contains(key)) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writer.states(missing).invoke(states -> {
            for (PairState state : states) {
                adopt(state);
            }
            restored.addAll(missing);
        }).replaceWithVoid();
    }

    /** Takes a stored state into memory unless the pair is there already (then memory is as new or newer). */
    private boolean adopt(PairState state) {
        if (analyzer.state(state.agentId(), state.targetId()) != null) {
            return false;
        }
        analyzer.restore(state);
        LOG.debugf("restored the state of %s/%s from the database", state.agentId(), state.targetId());
        return true;
    }

    /**
     * Loads, in one query, the stored state of every pair the predicate accepts (the pairs of the trace
     * partitions just assigned to this instance), so that their traces need no lookup and BGP updates
     * that come before their next trace are remembered for them. Returns how many were loaded.
     */
    public Uni<Integer> preload(Predicate<String> owned) {
        return writer.allStates().map(rows -> {
            int loaded = 0;
            for (String[] row : rows) {
                String key = row[0] + "/" + row[1];
                if (!owned.test(key) || restored.contains(key)) {
                    continue;
                }
                if (adopt(PathRepository.readState(row[2]))) {
                    loaded++;
                }
                restored.add(key);
            }
            return loaded;
        });
    }

    /** Drops the batch's pairs from memory, so that the next attempt restores them as the database has them. */
    private void reset(Set<String> pairs) {
        for (String key : pairs) {
            int slash = key.indexOf('/');
            analyzer.forget(key.substring(0, slash), key.substring(slash + 1));
            restored.remove(key);
        }
    }

    /**
     * Drops a pair from memory (its partition moved to another instance, which now owns its state);
     * should it come back, its next trace restores it from the database.
     */
    public void release(String agentId, String targetId) {
        analyzer.forget(agentId, targetId);
        restored.remove(agentId + "/" + targetId);
    }

    /** Forgets which pairs were restored, so the next trace of each restores it from the database again. */
    public void forgetRestored() {
        restored.clear();
    }

    /**
     * A trace the analysis could not handle.
     *
     * @param trace the trace
     * @param reason why, for the dead letter
     */
    public record Rejected(Trace trace, String reason) {
    }

    private record Analysed(Batch batch) {
    }

    private static final class FailedTrace extends RuntimeException {
        private final transient Trace trace;

        FailedTrace(Trace trace, String message) {
            super(message, null, false, false);
            this.trace = trace;
        }
    }
}
