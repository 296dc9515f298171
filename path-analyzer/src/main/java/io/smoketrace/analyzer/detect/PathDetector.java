package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.detect.Attribution.Carries;
import io.smoketrace.analyzer.detect.DetectorConfig.Thresholds;
import io.smoketrace.analyzer.detect.PairState.PathSwitch;
import io.smoketrace.analyzer.detect.PairState.PendingPath;
import io.smoketrace.analyzer.model.AsPath;
import io.smoketrace.analyzer.model.KnownPaths;
import io.smoketrace.analyzer.model.ObservedHop;
import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.ObservedResponder;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.PeerRoute;
import io.smoketrace.analyzer.rib.RibMatch;
import io.smoketrace.common.bgp.RouteAttributes;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Measurement;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The change detector of one (agent, target) pair: takes the pair's traces in order (and the BGP
 * updates for its target's prefix) and emits a path event once a change has held for enough traces.
 * Not thread-safe: {@link PathAnalyzer} calls it under the pair's lock.
 */
final class PathDetector {

    /** Responder RTT baselines kept per pair: enough for a few alternate paths of 30 hops. */
    private static final int MAX_HOP_BASELINES = 256;

    /** Hop RTT samples needed before a hop can say whether it carries a latency increase. */
    private static final int MIN_HOP_SAMPLES = 3;

    private final DetectorConfig config;
    private final String agentId;
    private final String targetId;
    private String targetAddress;
    private Map<String, String> labels;
    private boolean everReached;
    private final KnownPaths knownPaths;
    private String currentPathId;
    private String lastPathId;
    private PendingPath pending;
    private ObservedPath lastStable;
    private final RollingWindow rttBaseline;
    private final RollingWindow lossBaseline;
    private final Map<String, RollingWindow> hopRtt;
    private final Condition reachability;
    private final Condition latency;
    private final Condition loss;
    private final Condition asPathMismatch;
    private final ArrayDeque<PathSwitch> switches;
    private boolean flapping;
    private final ArrayDeque<RouteUpdate> routeUpdates;

    /** A detector for a pair never seen before. */
    PathDetector(DetectorConfig config, String agentId, String targetId) {
        this(config, new PairState(PairState.FORMAT_VERSION, agentId, targetId, null, null, false, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false, null));
    }

    /** A detector carrying on from persisted state. */
    PathDetector(DetectorConfig config, PairState state) {
        this.config = config;
        this.agentId = state.agentId();
        this.targetId = state.targetId();
        this.targetAddress = state.targetAddress();
        this.labels = state.labels();
        this.everReached = state.everReached();
        this.knownPaths = new KnownPaths(state.knownPaths(), config.maxKnownPaths(), config.knownPathRetention());
        this.currentPathId = state.currentPathId();
        this.lastPathId = state.lastPathId();
        this.pending = state.pendingPath();
        this.lastStable = state.lastStablePath();
        this.rttBaseline = new RollingWindow(config.baselineWindow(), state.rttBaseline());
        this.lossBaseline = new RollingWindow(config.baselineWindow(), state.lossBaseline());
        this.hopRtt = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RollingWindow> eldest) {
                return size() > MAX_HOP_BASELINES;
            }
        };
        state.hopRttBaselines().forEach((address, samples) -> hopRtt.put(address, new RollingWindow(config.hopBaselineWindow(), samples)));
        this.reachability = new Condition(state.reachability());
        this.latency = new Condition(state.latency());
        this.loss = new Condition(state.loss());
        this.asPathMismatch = new Condition(state.asPathMismatch());
        this.switches = new ArrayDeque<>(state.pathSwitches());
        this.flapping = state.flapping();
        this.routeUpdates = new ArrayDeque<>(state.routeUpdates());
    }

    String targetAddress() {
        return targetAddress;
    }

    /**
     * Judges one trace (the pair's next, in order) against what came before.
     *
     * @param path the trace normalised
     * @param targetRoute the RIB's longest match for the target address, or null
     */
    TraceAnalysis onTrace(Trace trace, ObservedPath path, TargetContext context, RibMatch targetRoute) {
        labels = context.labels();
        if (trace.targetAddress() != null) {
            targetAddress = trace.targetAddress();
        }
        // A run that failed or timed out says nothing about the network, only about the agent.
        if (trace.status() == TraceStatus.ERROR || trace.status() == TraceStatus.TIMEOUT) {
            return new TraceAnalysis(path, null, List.of());
        }
        Thresholds thresholds = config.thresholdsFor(context.thresholds());
        List<PathEvent> events = new ArrayList<>();
        observeReachability(path, thresholds, events);
        PathVersion version = null;
        // While a target that answers is unreachable, the cut-off path is an outage, not a new path.
        if (path.hopCount() > 0 && (path.destinationReached() || !everReached)) {
            version = observePath(path, thresholds, events);
        }
        if (path.destinationReached()) {
            everReached = true;
            observeLatency(path, thresholds, events);
            observeLoss(path, thresholds, events);
            observeAsPathMismatch(path, targetRoute, thresholds, events);
        }
        return new TraceAnalysis(path, version, events);
    }

    private void observeReachability(ObservedPath path, Thresholds thresholds, List<PathEvent> events) {
        if (!everReached) {
            return;
        }
        boolean deviates = reachability.active() == path.destinationReached();
        Streak confirmed = reachability.observe(path, deviates, thresholds.confirmations());
        if (confirmed == null) {
            return;
        }
        // Having just flipped, the condition is active exactly when the target was reachable before.
        Verdict verdict = Verdicts.judge(reachable(reachability.active()), reachable(path.destinationReached()), config.margins());
        if (reachability.active()) {
            int lastHop = path.hopCount();
            reachability.located(lastHop, lastHop > 0 ? path.addressAt(lastHop) : null, null);
            String where = lastHop > 0 ? "trace ends after " + path.describeHop(lastHop) : "no hop answered";
            // A withdraw of the target's prefix is the usual routing cause of an outage: attach it like any change's.
            events.add(draft(EventType.TARGET_UNREACHABLE, confirmed, path)
                    .hop(lastHop, reachability.hopAddress())
                    .paths(snapshot(lastStable, currentPathId), path.snapshot(null))
                    .verdict(verdict)
                    .bgpUpdates(correlated(confirmed.onsetAt()))
                    .summary("target " + targetAddress + " unreachable: " + where + "; " + Verdicts.describe(verdict)));
        } else {
            events.add(draft(EventType.TARGET_REACHABLE, confirmed, path)
                    .hop(reachability.hop(), reachability.hopAddress())
                    .paths(null, path.snapshot(currentPathId))
                    .verdict(verdict)
                    .bgpUpdates(correlated(confirmed.onsetAt()))
                    .summary("target " + targetAddress + " reachable again; " + Verdicts.describe(verdict)));
            reachability.located(null, null, null);
        }
    }

    private PathVersion observePath(ObservedPath path, Thresholds thresholds, List<PathEvent> events) {
        Instant now = path.observedAt();
        PathVersion known = knownPaths.find(path, currentPathId, config.ecmpDiamondHops(), config.maxRespondersPerHop());
        if (known != null) {
            knownPaths.remember(known, now);
            recordSwitch(path, known.id());
            if (currentPathId == null || known.id().equals(currentPathId)) {
                currentPathId = known.id();
                pending = null;
                lastStable = path;
            } else {
                // Back on a known alternate: it becomes the current path once it holds, without an event.
                pending = pending != null && known.id().equals(pending.pathId())
                        ? new PendingPath(known.id(), null, pending.streak().extendedWith(path))
                        : new PendingPath(known.id(), null, Streak.of(path));
                if (pending.streak().length() >= thresholds.confirmations()) {
                    currentPathId = known.id();
                    lastStable = path;
                    pending = null;
                }
            }
            checkFlapping(path, events);
            return known;
        }
        if (currentPathId == null) {
            PathVersion first = PathVersion.founding(agentId, targetId, path);
            knownPaths.remember(first, now);
            currentPathId = first.id();
            lastPathId = first.id();
            lastStable = path;
            return first;
        }
        // A new path: the same candidate as the previous trace's, or the start of another one.
        PathVersion candidate = pending != null && pending.candidate() != null
                ? pending.candidate().absorb(path, config.ecmpDiamondHops(), config.maxRespondersPerHop())
                : null;
        if (candidate != null) {
            pending = new PendingPath(candidate.id(), candidate, pending.streak().extendedWith(path));
        } else {
            candidate = PathVersion.founding(agentId, targetId, path);
            pending = new PendingPath(candidate.id(), candidate, Streak.of(path));
        }
        if (pending.streak().length() < thresholds.confirmations()) {
            return candidate;
        }
        PathVersion before = knownPaths.byId(currentPathId);
        knownPaths.remember(candidate, now);
        pathChanged(before, candidate, path, pending.streak(), events);
        recordSwitch(path, candidate.id());
        currentPathId = candidate.id();
        lastStable = path;
        pending = null;
        checkFlapping(path, events);
        return candidate;
    }

    /** Emits the IP path change and, where they changed too, the hop count and AS path changes. */
    private void pathChanged(PathVersion before, PathVersion after, ObservedPath path, Streak streak, List<PathEvent> events) {
        int ttl = before == null ? 1 : Math.min(before.firstDifference(after), path.hopCount());
        Verdict verdict = Verdicts.judge(baselineMetrics(), streakMetrics(path, streak), config.margins());
        PathSnapshot beforeSnapshot = snapshot(lastStable, currentPathId);
        PathSnapshot afterSnapshot = path.snapshot(after.id());
        List<RouteUpdate> updates = correlated(streak.onsetAt());
        BiFunction<EventType, Integer, EventDraft> change = (type, hop) -> draft(type, streak, path)
                .hop(hop, path.addressAt(hop))
                .paths(beforeSnapshot, afterSnapshot)
                .verdict(verdict)
                .bgpUpdates(updates);
        String judged = "; " + Verdicts.describe(verdict);
        String was = lastStable != null && ttl <= lastStable.hopCount() ? lastStable.addressAt(ttl) : "(no hop)";
        events.add(change.apply(EventType.IP_PATH_CHANGED, ttl)
                .summary("IP path changed at " + path.describeHop(ttl) + ": " + was + " -> " + path.addressAt(ttl) + judged));
        if (lastStable == null) {
            return;
        }
        if (lastStable.hopCount() != path.hopCount()) {
            events.add(change.apply(EventType.HOP_COUNT_CHANGED, ttl).summary("hop count changed " + lastStable.hopCount() + " -> "
                    + path.hopCount() + " (path changed at " + path.describeHop(ttl) + ")" + judged));
        }
        if (!lastStable.asPath().compatibleWith(path.asPath())) {
            int asTtl = firstHopWithNewAs(lastStable.asPath(), path, ttl);
            events.add(change.apply(EventType.AS_PATH_CHANGED, asTtl).summary("AS path changed at " + path.describeHop(asTtl) + ": "
                    + lastStable.asPath().text() + " -> " + path.asPath().text() + judged + "; " + explanation(updates, path.asPath())));
        }
    }

    /** The first hop of the new path in an AS the old path did not have, else the first differing hop. */
    private static int firstHopWithNewAs(AsPath old, ObservedPath path, int fallback) {
        List<Long> oldAsns = old.asns();
        for (ObservedHop hop : path.hops()) {
            for (ObservedResponder responder : hop.responders()) {
                if (responder.asn() != null && !oldAsns.contains(responder.asn())) {
                    return hop.ttl();
                }
            }
        }
        return fallback;
    }

    private void recordSwitch(ObservedPath path, String pathId) {
        if (lastPathId != null && !lastPathId.equals(pathId)) {
            switches.addLast(new PathSwitch(path.observedAt(), path.traceId(), lastPathId, pathId));
        }
        lastPathId = pathId;
    }

    private void checkFlapping(ObservedPath path, List<PathEvent> events) {
        Instant windowStart = path.observedAt().minus(config.flapWindow());
        while (!switches.isEmpty() && switches.getFirst().at().isBefore(windowStart)) {
            switches.removeFirst();
        }
        if (flapping) {
            // Re-armed only once the path has clearly calmed down, so a path that keeps flapping raises one event.
            flapping = switches.size() * 2 >= config.flapSwitches();
            return;
        }
        if (switches.size() < config.flapSwitches()) {
            return;
        }
        flapping = true;
        PathSwitch first = switches.getFirst();
        Set<String> paths = new HashSet<>();
        List<String> traceIds = new ArrayList<>();
        for (PathSwitch change : switches) {
            paths.add(change.fromPathId());
            paths.add(change.toPathId());
            traceIds.add(change.traceId());
        }
        Streak streak = new Streak(first.traceId(), first.at(), traceIds, List.of(), List.of());
        Verdict verdict = Verdicts.judge(baselineMetrics(), streakMetrics(path, Streak.of(path)), config.margins());
        long minutes = Math.max(1, Duration.between(first.at(), path.observedAt()).toMinutes());
        events.add(draft(EventType.PATH_FLAPPING, streak, path)
                .paths(snapshot(lastStable, currentPathId), path.snapshot(lastPathId))
                .verdict(verdict)
                .bgpUpdates(correlated(first.at()))
                .summary("path flapping: " + switches.size() + " switches between " + paths.size() + " known paths in " + minutes
                        + " min (latest trace " + path.hopCount() + " hops, AS path " + path.asPath().text() + ")"));
    }

    private void observeLatency(ObservedPath path, Thresholds thresholds, List<PathEvent> events) {
        Double rtt = path.destinationRttMs();
        if (rtt == null) {
            return;
        }
        if (rttBaseline.size() < config.baselineMinSamples()) {
            learnRtt(path);
            return;
        }
        double baseline = rttBaseline.median();
        boolean high = thresholds.latencyExceeded(rtt - baseline, baseline, 1);
        boolean deviates = latency.active() ? !thresholds.latencyExceeded(rtt - baseline, baseline, config.recoveryFraction()) : high;
        Streak confirmed = latency.observe(path, deviates, thresholds.confirmations());
        if (confirmed != null) {
            double observed = confirmed.medianRtt();
            boolean started = latency.active();
            double threshold = thresholds.latencyThreshold(baseline, started ? 1 : config.recoveryFraction());
            Measurement measurement = new Measurement("destination_rtt_ms", baseline, observed, threshold, "ms");
            if (started) {
                double increase = observed - baseline;
                int ttl = Attribution.firstHopCarrying(path, hop -> carriesLatency(hop, increase));
                latency.located(ttl, path.addressAt(ttl), observed);
            }
            Verdict verdict = Verdicts.judge(new Verdicts.Metrics(null, null, started ? baseline : latency.observed(), null, null),
                    new Verdicts.Metrics(null, null, observed, null, null), config.margins());
            String numbers = "destination RTT " + Verdicts.number(started ? baseline : latency.observed()) + " -> "
                    + Verdicts.number(observed) + " ms (baseline " + Verdicts.number(baseline) + " ms, threshold "
                    + Verdicts.number(threshold) + " ms)";
            events.add(conditionEvent(started ? EventType.LATENCY_INCREASED : EventType.LATENCY_RECOVERED, latency, confirmed, path,
                    verdict, measurement, (started ? "latency increased from " : "latency recovered at ") + hopWords(path, latency)
                            + ": " + numbers));
        }
        if (!latency.active() && !high) {
            learnRtt(path);
        }
    }

    private void observeLoss(ObservedPath path, Thresholds thresholds, List<PathEvent> events) {
        double lossPercent = path.destinationLossPercent();
        boolean lossy = lossPercent >= thresholds.lossPercent();
        boolean deviates = loss.active() ? lossPercent < config.recoveryFraction() * thresholds.lossPercent() : lossy;
        Streak confirmed = loss.observe(path, deviates, thresholds.confirmations());
        if (confirmed != null) {
            double observed = confirmed.medianLoss();
            boolean started = loss.active();
            double baseline = lossBaseline.size() > 0 ? lossBaseline.median() : 0.0;
            double threshold = started ? thresholds.lossPercent() : config.recoveryFraction() * thresholds.lossPercent();
            if (started) {
                int ttl = Attribution.firstHopCarrying(path, hop -> !hop.answered() ? Carries.UNKNOWN
                        : hop.lossPercent() >= config.attributionFraction() * observed ? Carries.YES : Carries.NO);
                loss.located(ttl, path.addressAt(ttl), observed);
            }
            double before = started ? baseline : loss.observed();
            Verdict verdict = Verdicts.judge(new Verdicts.Metrics(null, before, null, null, null),
                    new Verdicts.Metrics(null, observed, null, null, null), config.margins());
            events.add(conditionEvent(started ? EventType.LOSS_STARTED : EventType.LOSS_RECOVERED, loss, confirmed, path, verdict,
                    new Measurement("destination_loss_percent", baseline, observed, threshold, "percent"),
                    (started ? "loss from " : "loss recovered at ") + hopWords(path, loss) + ": destination loss "
                            + Verdicts.number(before) + " -> " + Verdicts.number(observed) + " % (threshold "
                            + Verdicts.number(threshold) + " %)"));
        }
        if (!loss.active() && !lossy) {
            lossBaseline.add(lossPercent);
        }
    }

    /** A latency or loss event: attributed to the hop the problem was located at when it started. */
    private PathEvent conditionEvent(EventType type, Condition condition, Streak confirmed, ObservedPath path, Verdict verdict,
            Measurement measurement, String summary) {
        PathEvent event = draft(type, confirmed, path)
                .hop(condition.hop(), condition.hopAddress())
                .paths(snapshot(lastStable, currentPathId), path.snapshot(lastPathId))
                .verdict(verdict)
                .measurement(measurement)
                .bgpUpdates(correlated(confirmed.onsetAt()))
                .summary(summary + "; " + Verdicts.describe(verdict));
        if (!condition.active()) {
            condition.located(null, null, null);
        }
        return event;
    }

    private static String hopWords(ObservedPath path, Condition condition) {
        Integer ttl = condition.hop();
        return ttl == null ? "the destination" : ttl <= path.hopCount() ? path.describeHop(ttl) : "hop " + ttl;
    }

    /** Whether a hop shows the destination's RTT increase, against each responder's own baseline. */
    private Carries carriesLatency(ObservedHop hop, double destinationIncrease) {
        Double largest = null;
        for (ObservedResponder responder : hop.responders()) {
            RollingWindow baseline = hopRtt.get(responder.address());
            if (responder.rttAvgMs() != null && baseline != null && baseline.size() >= MIN_HOP_SAMPLES) {
                double increase = responder.rttAvgMs() - baseline.median();
                largest = largest == null ? increase : Math.max(largest, increase);
            }
        }
        if (largest == null) {
            return Carries.UNKNOWN;
        }
        return largest >= config.attributionFraction() * destinationIncrease ? Carries.YES : Carries.NO;
    }

    private void learnRtt(ObservedPath path) {
        rttBaseline.add(path.destinationRttMs());
        for (ObservedHop hop : path.hops()) {
            for (ObservedResponder responder : hop.responders()) {
                if (responder.rttAvgMs() != null) {
                    hopRtt.computeIfAbsent(responder.address(), a -> new RollingWindow(config.hopBaselineWindow(), List.of()))
                            .add(responder.rttAvgMs());
                }
            }
        }
    }

    /**
     * Compares the data-plane AS path with every peer's BGP path for the target's prefix. The first AS
     * is left out when no BGP path has it: that is the vantage point's own network, which routes
     * learned from outside do not contain. Unknown hops are tolerated: the data-plane ASes must all be
     * on one peer's path, in any order (interfaces numbered from a neighbour's space shift an AS by a hop).
     */
    private void observeAsPathMismatch(ObservedPath path, RibMatch targetRoute, Thresholds thresholds, List<PathEvent> events) {
        List<Long> data = path.asPath().asns();
        if (targetRoute == null || data.isEmpty()) {
            return;
        }
        List<PeerRoute> routes = targetRoute.routes().routes();
        Set<Long> onAnyPath = new HashSet<>();
        routes.forEach(route -> onAnyPath.addAll(route.asSequence()));
        List<Long> compared = onAnyPath.contains(data.getFirst()) ? data : data.subList(1, data.size());
        if (compared.isEmpty()) {
            return;
        }
        boolean fits = routes.stream().anyMatch(route -> route.asSequence().containsAll(compared));
        Streak confirmed = asPathMismatch.observe(path, asPathMismatch.active() == fits, thresholds.confirmations());
        if (confirmed == null || !asPathMismatch.active()) {
            return;
        }
        PeerRoute best = targetRoute.routes().best();
        Long stranger = compared.stream().filter(asn -> !onAnyPath.contains(asn)).findFirst().orElse(null);
        int ttl = stranger == null ? path.hopCount() : firstHopIn(path, stranger);
        asPathMismatch.located(ttl, path.addressAt(ttl), null);
        String what = stranger != null ? "AS" + stranger + " at " + path.describeHop(ttl) + " is on no peer's BGP path"
                : "the ASes are not all on any one peer's BGP path";
        Verdict verdict = new Verdict(Verdict.Judgement.NEUTRAL, List.of(new Verdict.Reason("as_path_length",
                (double) best.attributes().asPathLength(), (double) path.asPath().length(), Verdict.Judgement.NEUTRAL,
                "BGP AS path length " + best.attributes().asPathLength() + ", data-plane " + path.asPath().length())));
        List<RouteUpdate> updates = correlated(confirmed.onsetAt());
        events.add(draft(EventType.AS_PATH_MISMATCH, confirmed, path)
                .hop(ttl, path.addressAt(ttl))
                .paths(null, path.snapshot(lastPathId))
                .verdict(verdict)
                .bgpUpdates(updates)
                .summary("data-plane AS path " + path.asPath().text() + " disagrees with BGP: " + what + "; best BGP path "
                        + best.attributes().asPathText() + " (peer " + best.peer().peerId() + ", " + targetRoute.prefix() + ")"));
    }

    private static int firstHopIn(ObservedPath path, long asn) {
        for (ObservedHop hop : path.hops()) {
            for (ObservedResponder responder : hop.responders()) {
                if (responder.asn() != null && responder.asn() == asn) {
                    return hop.ttl();
                }
            }
        }
        return path.hopCount();
    }

    /**
     * Takes a BGP update that concerns the target (its covering prefix or a more specific holding it)
     * and keeps it for correlation; an announce with another AS path or next hop, a new route, or a
     * withdraw is a route change event.
     *
     * @param previous the route the peer held for that prefix before the update
     * @param before the target's longest match before the update
     * @param after the target's longest match after it
     */
    List<PathEvent> onRouteUpdate(RouteUpdate update, PeerRoute previous, RibMatch before, RibMatch after) {
        // At-least-once delivery may bring the same update twice; it is one update.
        if (routeUpdates.contains(update)) {
            return List.of();
        }
        routeUpdates.addLast(update);
        while (routeUpdates.size() > config.maxRouteUpdates()) {
            routeUpdates.removeFirst();
        }
        boolean withdraw = update.action() == RouteUpdate.Action.WITHDRAW;
        if (withdraw ? previous == null : previous != null && sameRoute(previous.attributes(), update.attributes())) {
            return List.of();
        }
        if (config.routeChangesOnPathOnly() && !onThePath(update.peer().asn())) {
            // A router whose AS this pair's traffic never crosses: its choice does not move these packets
            // (if the path moves, the path change carries the update).
            return List.of();
        }
        String peer = update.peer().peerId();
        String change;
        if (withdraw) {
            change = "BGP route " + update.prefix() + " withdrawn at peer " + peer + " (was " + previous.attributes().asPathText() + ")";
        } else if (previous == null) {
            change = "BGP route " + update.prefix() + " announced at peer " + peer + " via " + update.attributes().asPathText();
        } else {
            change = "BGP route " + update.prefix() + " changed at peer " + peer + ": " + previous.attributes().asPathText() + " -> "
                    + update.attributes().asPathText() + nextHopChange(previous.attributes(), update.attributes());
        }
        String now = after == null ? "no route covers " + targetAddress + " any more"
                : "target now follows " + after.prefix() + " via " + after.routes().best().attributes().asPathText();
        Verdict verdict = Verdicts.judge(routeMetrics(before), routeMetrics(after), config.margins());
        String onsetKey = update.peer().peerId() + "|" + update.prefix() + "|" + update.pathId() + "|" + update.action() + "|"
                + update.timestamp();
        PathEvent event = new EventDraft(EventType.BGP_ROUTE_CHANGED, agentId, targetId, onsetKey, update.timestamp(),
                update.timestamp(), List.of())
                .target(targetAddress, labels)
                .verdict(verdict)
                .bgpUpdates(List.of(update))
                .summary(change + "; " + now + "; " + Verdicts.describe(verdict));
        return List.of(event);
    }

    /** Whether the pair's traffic crosses this AS, as last seen; true while no path with ASes is known. */
    private boolean onThePath(long asn) {
        if (lastStable == null || lastStable.asPath().asns().isEmpty()) {
            return true;
        }
        return lastStable.asPath().asns().contains(asn);
    }

    private static boolean sameRoute(RouteAttributes a, RouteAttributes b) {
        return a.asPath().equals(b.asPath()) && Objects.equals(a.nextHop(), b.nextHop());
    }

    private static String nextHopChange(RouteAttributes before, RouteAttributes after) {
        return Objects.equals(before.nextHop(), after.nextHop()) ? "" : " (next hop " + before.nextHop() + " -> " + after.nextHop() + ")";
    }

    private static Verdicts.Metrics routeMetrics(RibMatch match) {
        return match == null ? new Verdicts.Metrics(false, null, null, null, null)
                : new Verdicts.Metrics(true, null, null, match.routes().best().attributes().asPathLength(), null);
    }

    /** The BGP updates for the target's prefix within the correlation window around an onset, oldest first. */
    private List<RouteUpdate> correlated(Instant onset) {
        Instant from = onset.minus(config.bgpCorrelationWindow());
        Instant to = onset.plus(config.bgpCorrelationWindow());
        List<RouteUpdate> updates = new ArrayList<>();
        for (RouteUpdate update : routeUpdates) {
            if (update.timestamp() != null && !update.timestamp().isBefore(from) && !update.timestamp().isAfter(to)) {
                updates.add(update);
            }
        }
        return updates;
    }

    /** Says which BGP update explains an AS-level change, or that none does. */
    private String explanation(List<RouteUpdate> updates, AsPath newPath) {
        if (updates.isEmpty()) {
            return "no BGP update for " + targetAddress + " within " + config.bgpCorrelationWindow().toMinutes()
                    + " min explains it";
        }
        RouteUpdate chosen = updates.getLast();
        for (RouteUpdate update : updates) {
            if (update.action() == RouteUpdate.Action.ANNOUNCE
                    && PeerRoute.asSequence(update.attributes()).stream().anyMatch(newPath.asns()::contains)) {
                chosen = update;
            }
        }
        String what = chosen.action() == RouteUpdate.Action.ANNOUNCE
                ? "announced " + IpPrefix.parse(chosen.prefix()) + " via " + chosen.attributes().asPathText()
                : "withdrew " + IpPrefix.parse(chosen.prefix());
        return "explained by BGP: peer " + chosen.peer().peerId() + " " + what;
    }

    private EventDraft draft(EventType type, Streak streak, ObservedPath path) {
        return new EventDraft(type, agentId, targetId, streak.onsetTraceId(), streak.onsetAt(), path.observedAt(), streak.traceIds())
                .target(targetAddress, labels);
    }

    private static PathSnapshot snapshot(ObservedPath path, String pathId) {
        return path == null ? null : path.snapshot(pathId);
    }

    /** The path before a change as its baselines describe it, falling back to the last stable trace. */
    private Verdicts.Metrics baselineMetrics() {
        if (lastStable == null) {
            return new Verdicts.Metrics(null, null, null, null, null);
        }
        Double rtt = rttBaseline.size() >= config.baselineMinSamples() ? Double.valueOf(rttBaseline.median()) : lastStable.destinationRttMs();
        Double lossPercent = lossBaseline.size() > 0 ? Double.valueOf(lossBaseline.median()) : lastStable.destinationLossPercent();
        return new Verdicts.Metrics(lastStable.destinationReached(), lossPercent, rtt, lastStable.asPath().length(), lastStable.hopCount());
    }

    /** The path after a change: its shape from the latest trace, RTT and loss as medians over the confirming traces. */
    private static Verdicts.Metrics streakMetrics(ObservedPath path, Streak streak) {
        return new Verdicts.Metrics(path.destinationReached(), streak.medianLoss(), streak.medianRtt(), path.asPath().length(),
                path.hopCount());
    }

    private static Verdicts.Metrics reachable(boolean reachable) {
        return new Verdicts.Metrics(reachable, null, null, null, null);
    }

    /** The pair's state for persisting. */
    PairState state() {
        Map<String, List<Double>> hops = new LinkedHashMap<>();
        hopRtt.forEach((address, window) -> hops.put(address, window.toList()));
        return new PairState(PairState.FORMAT_VERSION, agentId, targetId, targetAddress, labels, everReached, knownPaths.versions(),
                currentPathId, lastPathId, pending, lastStable, rttBaseline.toList(), lossBaseline.toList(), hops, reachability.state(),
                latency.state(), loss.state(), asPathMismatch.state(), List.copyOf(switches), flapping, List.copyOf(routeUpdates));
    }
}
