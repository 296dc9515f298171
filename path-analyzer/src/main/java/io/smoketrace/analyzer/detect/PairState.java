package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.common.bgp.RouteUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the analyzer remembers about one (agent, target) pair, as plain records so the service
 * can persist it as JSON ({@code Json.mapper()}) and restore it after a restart; restoring and
 * replaying the following traces gives the same events as never stopping.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param agentId the vantage point
 * @param targetId the target
 * @param targetAddress the address last probed
 * @param labels the labels last given for the pair's events
 * @param everReached whether the target has ever answered (a target that never does is judged on partial paths)
 * @param knownPaths confirmed path versions, most recently seen first
 * @param currentPathId the path version the pair is on
 * @param lastPathId the known version the previous trace matched (to count switches)
 * @param pendingPath a path switch not yet confirmed, or null
 * @param lastStablePath the last trace on the current path: the "before" of the next change
 * @param rttBaseline recent destination RTTs (ms) while latency was normal, oldest first
 * @param lossBaseline recent destination losses (percent) while loss was normal, oldest first
 * @param hopRttBaselines recent RTTs per responder address while latency was normal
 * @param reachability the target-unreachable condition
 * @param latency the latency-increased condition
 * @param loss the loss condition
 * @param asPathMismatch the data-plane-disagrees-with-BGP condition
 * @param pathSwitches recent switches between known paths, oldest first
 * @param flapping whether a flapping event is out and not yet re-armed
 * @param routeUpdates recent BGP updates for the target's prefix, oldest first
 */
public record PairState(
        int formatVersion,
        String agentId,
        String targetId,
        String targetAddress,
        Map<String, String> labels,
        boolean everReached,
        List<PathVersion> knownPaths,
        String currentPathId,
        String lastPathId,
        PendingPath pendingPath,
        ObservedPath lastStablePath,
        List<Double> rttBaseline,
        List<Double> lossBaseline,
        Map<String, List<Double>> hopRttBaselines,
        ConditionState reachability,
        ConditionState latency,
        ConditionState loss,
        ConditionState asPathMismatch,
        List<PathSwitch> pathSwitches,
        boolean flapping,
        List<RouteUpdate> routeUpdates) {

    /** The layout version this build writes. */
    public static final int FORMAT_VERSION = 1;

    public PairState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        knownPaths = knownPaths == null ? List.of() : List.copyOf(knownPaths);
        rttBaseline = rttBaseline == null ? List.of() : List.copyOf(rttBaseline);
        lossBaseline = lossBaseline == null ? List.of() : List.copyOf(lossBaseline);
        hopRttBaselines = hopRttBaselines == null ? Map.of() : Map.copyOf(hopRttBaselines);
        pathSwitches = pathSwitches == null ? List.of() : List.copyOf(pathSwitches);
        routeUpdates = routeUpdates == null ? List.of() : List.copyOf(routeUpdates);
    }

    /**
     * A switch to another path version that has not held long enough yet.
     *
     * @param pathId the version switched to
     * @param candidate the new version being confirmed, or null when switching to a known one
     * @param streak the traces on it so far
     */
    public record PendingPath(String pathId, PathVersion candidate, Streak streak) {
    }

    /**
     * One switch between path versions.
     *
     * @param at when the trace showing it ran
     * @param traceId that trace
     * @param fromPathId the version before
     * @param toPathId the version after
     */
    public record PathSwitch(Instant at, String traceId, String fromPathId, String toPathId) {
    }
}
