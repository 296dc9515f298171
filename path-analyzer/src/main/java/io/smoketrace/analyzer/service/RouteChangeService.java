package io.smoketrace.analyzer.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Passes BGP updates to the analyzer and stores what they produce: route change events for the pairs
 * whose target the update concerns, and those pairs' new state (the update is now remembered for
 * correlating their next path change). Called from the BGP follower thread, which it blocks until the
 * events are stored and published, retrying while the database is away.
 */
@ApplicationScoped
public class RouteChangeService {

    private static final Logger LOG = Logger.getLogger(RouteChangeService.class);

    private final PathAnalyzer analyzer;
    private final Mutiny.SessionFactory sessions;
    private final PathRepository paths;
    private final PairStateRevisions revisions;
    private final PathEventPublisher publisher;
    private final RouteChangeDamping damping;

    public RouteChangeService(PathAnalyzer analyzer, Mutiny.SessionFactory sessions, PathRepository paths,
                              PairStateRevisions revisions, PathEventPublisher publisher, AnalyzerConfig config) {
        this.analyzer = analyzer;
        this.sessions = sessions;
        this.paths = paths;
        this.revisions = revisions;
        this.publisher = publisher;
        this.damping = new RouteChangeDamping(config.bgpDampingWindow(), config.detection().maxRouteUpdates());
    }

    /**
     * Applies the update (RIB and pairs) and persists its events (a pair's route changes damped, see
     * {@link RouteChangeDamping}) and the pairs' new state; blocks the calling (non-event-loop) thread.
     */
    public void onRouteUpdate(RouteUpdate update) {
        List<PathEvent> raw = analyzer.onRouteUpdate(update);
        if (raw.isEmpty()) {
            return;
        }
        Map<String, PairState> states = new LinkedHashMap<>();
        for (PathEvent event : raw) {
            states.computeIfAbsent(event.key(), k -> analyzer.state(event.agentId(), event.targetId()));
        }
        persist(states, damping.admit(raw), update.action() + " " + update.prefix() + " from " + update.peer().peerId());
    }

    /** Stores and publishes the route changes whose damping window has closed. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushDamped() {
        List<PathEvent> due = damping.due(Instant.now());
        if (!due.isEmpty()) {
            LOG.infof("publishing %d coalesced BGP route change events (damping window over)", due.size());
            persist(Map.of(), due, "coalesced route changes");
        }
    }

    private void persist(Map<String, PairState> states, List<PathEvent> events, String what) {
        if (states.isEmpty() && events.isEmpty()) {
            return;
        }
        Duration backOff = Duration.ofMillis(200);
        while (true) {
            try {
                List<PathEvent> fresh = new ArrayList<>();
                VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> save(session, states, events, fresh))
                        .chain(() -> publisher.publish(fresh).onFailure().recoverWithNull().replaceWithVoid()));
                return;
            } catch (Throwable e) {
                LOG.warnf("cannot store the events of BGP update %s yet (%s); retrying", what, e.getMessage());
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backOff = backOff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backOff.multipliedBy(2);
            }
        }
    }

    private Uni<Void> save(Mutiny.Session session, Map<String, PairState> states, List<PathEvent> events, List<PathEvent> fresh) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PairState state : states.values()) {
            if (state != null) {
                long revision = revisions.next();
                chain = chain.chain(() -> paths.saveState(session, state, revision, null, null));
            }
        }
        for (PathEvent event : events) {
            chain = chain.chain(() -> paths.insertEvent(session, event).invoke(isNew -> {
                if (isNew) {
                    fresh.add(event);
                }
            })).replaceWithVoid();
        }
        return chain;
    }
}
