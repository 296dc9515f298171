package io.smoketrace.analyzer.detect;

import io.smoketrace.common.target.DetectionThresholds;
import java.time.Duration;

/**
 * The analyzer's detection settings, global defaults for every (agent, target) pair; a target's
 * {@link DetectionThresholds} override the four thresholds it carries. A plain record the service can
 * back with {@code @ConfigMapping}; bad values fail at construction, naming the setting.
 *
 * @param confirmations consecutive traces a change must hold before it is an event
 * @param latencyIncreaseMs a latency problem needs the destination RTT this many ms above the baseline ...
 * @param latencyIncreasePercent ... and this many percent above it
 * @param lossPercent a loss problem needs at least this much loss at the destination
 * @param recoveryFraction a problem has recovered when it is below this fraction of its threshold (hysteresis)
 * @param baselineWindow traces whose median is the destination RTT and loss baseline
 * @param baselineMinSamples traces needed in the baseline before latency is judged
 * @param hopBaselineWindow traces whose median is each responder's RTT baseline, for attribution
 * @param attributionFraction a hop carries a destination problem when it shows at least this fraction of it
 * @param ecmpDiamondHops the longest run of differing hops between two shared routers still taken for load balancing
 * @param maxRespondersPerHop load-balanced responders remembered per TTL of a path version
 * @param maxKnownPaths alternate path versions remembered per pair
 * @param knownPathRetention how long an unseen path version stays known
 * @param flapSwitches switches between known paths within {@code flapWindow} that make flapping
 * @param flapWindow the flapping window
 * @param bgpCorrelationWindow BGP updates this close to a change's onset (before or after) are attached to it
 * @param maxRouteUpdates BGP updates kept per pair for correlation
 * @param routeChangesOnPathOnly raise {@code BGP_ROUTE_CHANGED} for a pair only when the peer's AS is on
 *                               the pair's data-plane AS path (every update is still kept for correlation)
 * @param margins how big a difference must be to count in a verdict
 */
public record DetectorConfig(
        int confirmations,
        double latencyIncreaseMs,
        double latencyIncreasePercent,
        double lossPercent,
        double recoveryFraction,
        int baselineWindow,
        int baselineMinSamples,
        int hopBaselineWindow,
        double attributionFraction,
        int ecmpDiamondHops,
        int maxRespondersPerHop,
        int maxKnownPaths,
        Duration knownPathRetention,
        int flapSwitches,
        Duration flapWindow,
        Duration bgpCorrelationWindow,
        int maxRouteUpdates,
        boolean routeChangesOnPathOnly,
        VerdictMargins margins) {

    public DetectorConfig {
        atLeast("confirmations", confirmations, 1);
        atLeast("latency-increase-ms", latencyIncreaseMs, 0);
        atLeast("latency-increase-percent", latencyIncreasePercent, 0);
        if (lossPercent <= 0 || lossPercent > 100) {
            throw new IllegalArgumentException("loss-percent must be in (0, 100], got " + lossPercent);
        }
        if (recoveryFraction <= 0 || recoveryFraction > 1) {
            throw new IllegalArgumentException("recovery-fraction must be in (0, 1], got " + recoveryFraction);
        }
        atLeast("baseline-window", baselineWindow, 1);
        if (baselineMinSamples < 1 || baselineMinSamples > baselineWindow) {
            throw new IllegalArgumentException("baseline-min-samples must be between 1 and baseline-window (" + baselineWindow
                    + "), got " + baselineMinSamples);
        }
        atLeast("hop-baseline-window", hopBaselineWindow, 1);
        if (attributionFraction <= 0 || attributionFraction > 1) {
            throw new IllegalArgumentException("attribution-fraction must be in (0, 1], got " + attributionFraction);
        }
        atLeast("ecmp-diamond-hops", ecmpDiamondHops, 0);
        atLeast("max-responders-per-hop", maxRespondersPerHop, 1);
        atLeast("max-known-paths", maxKnownPaths, 1);
        positive("known-path-retention", knownPathRetention);
        atLeast("flap-switches", flapSwitches, 2);
        positive("flap-window", flapWindow);
        positive("bgp-correlation-window", bgpCorrelationWindow);
        atLeast("max-route-updates", maxRouteUpdates, 0);
        if (margins == null) {
            throw new IllegalArgumentException("margins must be set (see VerdictMargins.defaults())");
        }
    }

    /** Defaults chosen against false alarms on noisy Internet paths. */
    public static DetectorConfig defaults() {
        return new DetectorConfig(2, 10, 20, 20, 0.5, 30, 5, 10, 0.5, 2, 16, 16, Duration.ofDays(7), 6, Duration.ofHours(1),
                Duration.ofMinutes(10), 64, true, VerdictMargins.defaults());
    }

    /** The thresholds for one target: its own where it sets them, these defaults elsewhere. */
    public Thresholds thresholdsFor(DetectionThresholds target) {
        if (target == null) {
            return new Thresholds(latencyIncreaseMs, latencyIncreasePercent, lossPercent, confirmations);
        }
        return new Thresholds(
                target.latencyIncreaseMs() != null ? target.latencyIncreaseMs() : latencyIncreaseMs,
                target.latencyIncreasePercent() != null ? target.latencyIncreasePercent() : latencyIncreasePercent,
                target.lossPercent() != null ? target.lossPercent() : lossPercent,
                target.confirmations() != null ? Math.max(1, target.confirmations()) : confirmations);
    }

    private static void atLeast(String key, double value, double minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", got " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
    }

    /**
     * The thresholds in force for one target.
     *
     * @param latencyIncreaseMs RTT increase over the baseline, in ms
     * @param latencyIncreasePercent RTT increase over the baseline, in percent of it
     * @param lossPercent loss at the destination
     * @param confirmations consecutive traces to confirm a change
     */
    public record Thresholds(double latencyIncreaseMs, double latencyIncreasePercent, double lossPercent, int confirmations) {

        /** Whether an RTT increase over the baseline crosses the latency threshold scaled by {@code fraction}. */
        boolean latencyExceeded(double increase, double baseline, double fraction) {
            return increase >= fraction * latencyIncreaseMs && increase >= fraction * latencyIncreasePercent / 100 * baseline;
        }

        /** The RTT at which the latency threshold scaled by {@code fraction} is crossed. */
        double latencyThreshold(double baseline, double fraction) {
            return baseline + fraction * Math.max(latencyIncreaseMs, latencyIncreasePercent / 100 * baseline);
        }
    }

    /**
     * The smallest differences that count in a verdict; smaller ones are NEUTRAL.
     *
     * @param rttMs destination RTT difference in ms ...
     * @param rttPercent ... and in percent of the RTT before (both must hold)
     * @param lossPercent destination loss difference, in percentage points
     * @param hopCount hop count difference
     * @param asPathLength AS path length difference
     */
    public record VerdictMargins(double rttMs, double rttPercent, double lossPercent, int hopCount, int asPathLength) {

        /** 5 ms and 10 %, 5 loss points, 2 hops, 1 AS. */
        public static VerdictMargins defaults() {
            return new VerdictMargins(5, 10, 5, 2, 1);
        }
    }
}
