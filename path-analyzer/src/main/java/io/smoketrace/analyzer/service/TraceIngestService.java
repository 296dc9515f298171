package io.smoketrace.analyzer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.detect.TraceAnalysis;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.analyzer.repository.TraceRepository;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Takes each trace from the topic through detection into the database: in one transaction the path
 * version, the trace pointing at it, the pair's new state and the events; then the events go to the
 * topic. A trace already stored (a replay) is skipped whole, so it changes no state and repeats no event.
 */
@ApplicationScoped
public class TraceIngestService {

    private static final Logger LOG = Logger.getLogger(TraceIngestService.class);

    private final Mutiny.SessionFactory sessions;
    private final TraceRepository traces;
    private final PathRepository paths;
    private final PathAnalyzer analyzer;
    private final TargetDirectory directory;
    private final PairStateRevisions revisions;
    private final PathEventPublisher publisher;
    /** Pairs whose stored state this process has looked for (restored, or found none). */
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final Counter stored;
    private final Counter duplicates;
    private final Counter eventsCounter;

    public TraceIngestService(Mutiny.SessionFactory sessions, TraceRepository traces, PathRepository paths, PathAnalyzer analyzer,
                              TargetDirectory directory, PairStateRevisions revisions, PathEventPublisher publisher,
                              MeterRegistry registry) {
        this.sessions = sessions;
        this.traces = traces;
        this.paths = paths;
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
    }

    /** Analyses and stores the trace, then publishes its events; completes when they are on the topic. */
    public Uni<Void> ingest(Trace trace) {
        List<PathEvent> fresh = new ArrayList<>();
        PairState[] before = new PairState[1];
        boolean[] analysed = new boolean[1];
        return sessions.withTransaction((session, tx) -> traces.exists(session, trace).chain(exists -> {
                    if (exists) {
                        duplicates.increment();
                        LOG.debugf("trace %s from %s was already stored (replay)", trace.traceId(), trace.key());
                        return Uni.createFrom().voidItem();
                    }
                    return restore(session, trace.agentId(), trace.targetId()).chain(() -> {
                        before[0] = analyzer.state(trace.agentId(), trace.targetId());
                        analysed[0] = true;
                        TraceAnalysis analysis;
                        try {
                            analysis = analyzer.onTrace(trace, directory.context(trace.agentId(), trace.targetId()));
                        } catch (RuntimeException e) {
                            throw new TraceAnalysisException("analysis failed: " + e, e);
                        }
                        return store(session, trace, analysis, fresh);
                    });
                }))
                .onFailure().invoke(e -> {
                    // Not stored: put the pair back as it was, so the retry analyses the trace once.
                    if (analysed[0]) {
                        rollback(trace, before[0]);
                    }
                    fresh.clear();
                })
                .chain(() -> publisher.publish(fresh)
                        .onFailure().invoke(e -> LOG.warnf("cannot publish %d events of trace %s yet (%s); the outbox will",
                                fresh.size(), trace.traceId(), e.getMessage()))
                        .onFailure().recoverWithNull().replaceWithVoid());
    }

    private Uni<Void> store(Mutiny.Session session, Trace trace, TraceAnalysis analysis, List<PathEvent> fresh) {
        String versionId = analysis.pathVersion() == null ? null : analysis.pathVersion().id();
        Uni<Void> version = analysis.pathVersion() == null ? Uni.createFrom().voidItem()
                : paths.upsertVersion(session, trace.agentId(), trace.targetId(), analysis.pathVersion(), analysis.path());
        PairState state = analyzer.state(trace.agentId(), trace.targetId());
        return version
                .chain(() -> traces.insert(session, trace, versionId))
                .invoke(isNew -> (isNew ? stored : duplicates).increment())
                .chain(() -> paths.saveState(session, state, revisions.next(), trace.traceId(), trace.startedAt()))
                .chain(() -> insertEvents(session, analysis.events(), 0, fresh));
    }

    private Uni<Void> insertEvents(Mutiny.Session session, List<PathEvent> events, int index, List<PathEvent> fresh) {
        if (index == events.size()) {
            return Uni.createFrom().voidItem();
        }
        PathEvent event = events.get(index);
        return paths.insertEvent(session, event)
                .invoke(isNew -> {
                    if (isNew) {
                        fresh.add(event);
                        eventsCounter.increment();
                    }
                })
                .chain(() -> insertEvents(session, events, index + 1, fresh));
    }

    /** Restores the pair from the database the first time this process sees it. */
    Uni<Void> restore(Mutiny.Session session, String agentId, String targetId) {
        String key = agentId + "/" + targetId;
        if (restored.contains(key) || analyzer.state(agentId, targetId) != null) {
            return Uni.createFrom().voidItem();
        }
        return paths.loadState(session, agentId, targetId).invoke(state -> {
            if (state != null && analyzer.state(agentId, targetId) == null) {
                analyzer.restore(state);
                LOG.debugf("restored the state of %s from the database", key);
            }
            restored.add(key);
        }).replaceWithVoid();
    }

    private void rollback(Trace trace, PairState before) {
        if (before == null) {
            analyzer.forget(trace.agentId(), trace.targetId());
        } else {
            analyzer.restore(before);
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
}
