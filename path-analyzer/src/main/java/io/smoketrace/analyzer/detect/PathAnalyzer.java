package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.PathNormalizer;
import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.PeerRoute;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibMatch;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The analyzer's core: joins traces with the RIB and turns them, together with BGP updates, into
 * path events, keeping per (agent, target) state that can be saved and restored. Pure logic: no I/O,
 * no framework; the service feeds it from the topics and persists what it returns.
 *
 * <p>Feeding: load the compacted RIB topic into the {@link Rib} ({@link Rib#upsert}, {@link Rib#withdraw(String)}
 * for tombstones) at startup, then pass each BGP update to {@link #onRouteUpdate}, which applies it to the
 * RIB itself: it must see the route the update replaces to tell whether the route changed.
 *
 * <p>Threads: traces of different pairs may be fed concurrently; each pair's traces must come in order
 * (as one Kafka partition delivers them). Route updates may arrive on another thread.
 */
public final class PathAnalyzer {

    private final DetectorConfig config;
    private final Rib rib;
    private final PathNormalizer normalizer;
    private final Map<String, PathDetector> detectors = new ConcurrentHashMap<>();
    /** The pairs probing each target address, to find those a BGP update concerns by address range. */
    private final ConcurrentSkipListMap<IpAddress, Set<String>> pairsByTarget = new ConcurrentSkipListMap<>();

    public PathAnalyzer(DetectorConfig config, Rib rib) {
        this.config = config;
        this.rib = rib;
        this.normalizer = new PathNormalizer(rib);
    }

    /** Judges one trace of a pair (the pair's next, in order) and returns its path version and the events it confirmed. */
    public TraceAnalysis onTrace(Trace trace, TargetContext context) {
        String key = trace.key();
        PathDetector detector = detectors.computeIfAbsent(key, k -> new PathDetector(config, trace.agentId(), trace.targetId()));
        ObservedPath path = normalizer.normalize(trace);
        IpAddress target = IpAddress.tryParse(trace.targetAddress());
        RibMatch targetRoute = target == null ? null : rib.lookup(target);
        synchronized (detector) {
            String indexed = detector.targetAddress();
            TraceAnalysis analysis = detector.onTrace(trace, path, context, targetRoute);
            reindex(key, indexed, detector.targetAddress());
            return analysis;
        }
    }

    /**
     * Applies a BGP update to the RIB and returns the route change events for every pair whose target
     * it concerns: the update's prefix holds the target address and is not less specific than the
     * target's longest match before the update (the covering prefix, or a more specific of it).
     */
    public List<PathEvent> onRouteUpdate(RouteUpdate update) {
        IpPrefix prefix = IpPrefix.parse(update.prefix());
        Map<IpAddress, RibMatch> before = new HashMap<>();
        Map<IpAddress, Set<String>> concerned = new HashMap<>();
        pairsByTarget.subMap(prefix.network(), true, prefix.last(), true).forEach((target, pairs) -> {
            RibMatch match = rib.lookup(target);
            if (match == null || match.prefixLength() <= prefix.length()) {
                before.put(target, match);
                concerned.put(target, pairs);
            }
        });
        PeerRoute previous = rib.apply(update);
        List<PathEvent> events = new ArrayList<>();
        concerned.forEach((target, pairs) -> {
            RibMatch after = rib.lookup(target);
            for (String key : pairs) {
                PathDetector detector = detectors.get(key);
                if (detector != null) {
                    synchronized (detector) {
                        events.addAll(detector.onRouteUpdate(update, previous, before.get(target), after));
                    }
                }
            }
        });
        return events;
    }

    /** The state of a pair for persisting, or null when the pair has not been seen. */
    public PairState state(String agentId, String targetId) {
        PathDetector detector = detectors.get(agentId + "/" + targetId);
        if (detector == null) {
            return null;
        }
        synchronized (detector) {
            return detector.state();
        }
    }

    /** The state of every pair, for a snapshot. */
    public List<PairState> states() {
        List<PairState> states = new ArrayList<>();
        for (PathDetector detector : detectors.values()) {
            synchronized (detector) {
                states.add(detector.state());
            }
        }
        return states;
    }

    /** Restores a pair's state saved earlier (before feeding it any trace), replacing whatever the pair had. */
    public void restore(PairState state) {
        if (state.formatVersion() != PairState.FORMAT_VERSION) {
            throw new IllegalArgumentException("pair state " + state.agentId() + "/" + state.targetId() + " has format version "
                    + state.formatVersion() + "; this build reads " + PairState.FORMAT_VERSION);
        }
        String key = state.agentId() + "/" + state.targetId();
        PathDetector old = detectors.put(key, new PathDetector(config, state));
        reindex(key, old == null ? null : old.targetAddress(), state.targetAddress());
    }

    /** Forgets a pair (its target was deleted or no longer runs on the agent). */
    public void forget(String agentId, String targetId) {
        String key = agentId + "/" + targetId;
        PathDetector old = detectors.remove(key);
        if (old != null) {
            reindex(key, old.targetAddress(), null);
        }
    }

    private void reindex(String key, String oldAddress, String newAddress) {
        if (oldAddress != null && oldAddress.equals(newAddress)) {
            return;
        }
        IpAddress old = IpAddress.tryParse(oldAddress);
        if (old != null) {
            pairsByTarget.computeIfPresent(old, (address, pairs) -> {
                pairs.remove(key);
                return pairs.isEmpty() ? null : pairs;
            });
        }
        IpAddress current = IpAddress.tryParse(newAddress);
        if (current != null) {
            pairsByTarget.computeIfAbsent(current, address -> ConcurrentHashMap.newKeySet()).add(key);
        }
    }
}
