package io.smoketrace.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smoketrace.analyzer.detect.DetectorConfig;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.RibConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The analyzer's settings, {@code smoketrace.analyzer.*}; bad values stop the start with the key named. */
@ConfigMapping(prefix = "smoketrace.analyzer")
public interface AnalyzerConfig {

    /** Traces older than this are dropped with their daily partition. */
    @WithDefault("30d")
    Duration retention();

    /** Path events stored longer ago than this are deleted (once published); never less than {@link #retention()}. */
    @WithDefault("90d")
    Duration eventRetention();

    /**
     * Path versions last seen longer ago than this are deleted; never less than {@link #retention()}, so a
     * kept trace always finds its path version (a pair that comes back stores its version again).
     */
    @WithDefault("90d")
    Duration pathVersionRetention();

    /**
     * BGP route change damping: after a pair's BGP_ROUTE_CHANGED event, its further route changes within
     * this window (by the updates' timestamps) are coalesced into one event sent when the window closes; 0 switches it off.
     */
    @WithDefault("1m")
    Duration bgpDampingWindow();

    /** Daily trace partitions created ahead of today. */
    @WithDefault("3")
    int partitionsAhead();

    /** Events stored but not yet on the topic (a crash between commit and publish) are re-sent after this long. */
    @WithDefault("30s")
    Duration outboxGrace();

    /** How often partitions are created and expired ones dropped (also once at start). */
    @WithDefault("1h")
    Duration maintenanceInterval();

    /** How often the outbox is swept for unpublished events. */
    @WithDefault("10s")
    Duration outboxSweepInterval();

    /** After the RIB load, how long a RIB topic record waits for its update before it repairs the RIB. */
    @WithDefault("30s")
    Duration ribRepairDelay();

    /** How often the RIB load reports its progress. */
    @WithDefault("5s")
    Duration ribProgressInterval();

    /** Detection settings (see {@link DetectorConfig}). */
    Detection detection();

    /** Address classification (see {@link RibConfig}). */
    Rib rib();

    /** {@code smoketrace.analyzer.detection.*}: the global defaults a target's thresholds override. */
    interface Detection {
        @WithDefault("2")
        int confirmations();

        @WithDefault("10")
        double latencyIncreaseMs();

        @WithDefault("20")
        double latencyIncreasePercent();

        @WithDefault("20")
        double lossPercent();

        @WithDefault("0.5")
        double recoveryFraction();

        @WithDefault("30")
        int baselineWindow();

        @WithDefault("5")
        int baselineMinSamples();

        @WithDefault("10")
        int hopBaselineWindow();

        @WithDefault("0.5")
        double attributionFraction();

        @WithDefault("2")
        int ecmpDiamondHops();

        @WithDefault("16")
        int maxRespondersPerHop();

        @WithDefault("16")
        int maxKnownPaths();

        @WithDefault("7d")
        Duration knownPathRetention();

        @WithDefault("6")
        int flapSwitches();

        @WithDefault("1h")
        Duration flapWindow();

        @WithDefault("10m")
        Duration bgpCorrelationWindow();

        @WithDefault("64")
        int maxRouteUpdates();

        /**
         * Raise BGP_ROUTE_CHANGED for an (agent, target) pair only when the peer that changed its route
         * is in an AS the pair's traffic crosses (its data-plane AS path); off: for every peer.
         */
        @WithDefault("true")
        boolean routeChangesOnPathOnly();

        @WithDefault("5")
        double verdictRttMs();

        @WithDefault("10")
        double verdictRttPercent();

        @WithDefault("5")
        double verdictLossPercent();

        @WithDefault("2")
        int verdictHopCount();

        @WithDefault("1")
        int verdictAsPathLength();

        /** The core's settings; a bad value fails here, named with its full key. */
        default DetectorConfig toDetectorConfig() {
            try {
                return new DetectorConfig(confirmations(), latencyIncreaseMs(), latencyIncreasePercent(), lossPercent(),
                        recoveryFraction(), baselineWindow(), baselineMinSamples(), hopBaselineWindow(), attributionFraction(),
                        ecmpDiamondHops(), maxRespondersPerHop(), maxKnownPaths(), knownPathRetention(), flapSwitches(),
                        flapWindow(), bgpCorrelationWindow(), maxRouteUpdates(), routeChangesOnPathOnly(),
                        new DetectorConfig.VerdictMargins(verdictRttMs(), verdictRttPercent(), verdictLossPercent(),
                                verdictHopCount(), verdictAsPathLength()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("smoketrace.analyzer.detection." + e.getMessage()
                        + " (fix it in application.properties or the SMOKETRACE_ANALYZER_DETECTION_* variable)", e);
            }
        }
    }

    /** {@code smoketrace.analyzer.rib.*}. */
    interface Rib {
        /** Mark the documentation ranges instead of looking them up (off: labs announce them). */
        @WithDefault("false")
        boolean documentationIsSpecial();

        /** Exchange peering LANs as {@code name=prefix}, e.g. {@code DE-CIX Frankfurt=80.81.192.0/21}. */
        Optional<List<String>> ixpLans();

        /** The core's settings; a malformed exchange entry fails here, named. */
        default RibConfig toRibConfig() {
            List<RibConfig.IxpLan> lans = new ArrayList<>();
            for (String entry : ixpLans().orElse(List.of())) {
                int eq = entry.lastIndexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw new IllegalArgumentException("smoketrace.analyzer.rib.ixp-lans: '" + entry
                            + "' is not name=prefix (e.g. AMS-IX=80.249.208.0/21)");
                }
                String prefix = entry.substring(eq + 1).trim();
                try {
                    IpPrefix.parse(prefix);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("smoketrace.analyzer.rib.ixp-lans: '" + prefix + "' is not a prefix: "
                            + e.getMessage(), e);
                }
                lans.add(new RibConfig.IxpLan(entry.substring(0, eq).trim(), prefix));
            }
            return new RibConfig(documentationIsSpecial(), lans);
        }
    }
}
