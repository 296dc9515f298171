package io.smoketrace.ui.client;

import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The path analyzer's REST API (paths, traces, events, smoke series, RIB lookups). Non-blocking: each
 * call returns a future, so a page asks for everything it needs at once.
 */
@ApplicationScoped
public class PathAnalyzerClient {

    public static final String NAME = "path-analyzer";

    private final JsonService api;

    public PathAnalyzerClient(UiConfig config) {
        this.api = new JsonService(NAME, config.services().pathAnalyzerUrl(), Duration.ofMillis(1000),
                config.services().timeout());
    }

    /** Every target with its status per agent. */
    public CompletableFuture<List<TargetStatus>> targets() {
        return api.getList("/api/targets", TargetStatus.class).thenApply(o -> o.orElse(List.of()));
    }

    /** The pair's current path; empty when the pair has none yet. */
    public CompletableFuture<Optional<PathSnapshot>> currentPath(String targetId, String agentId) {
        return api.get("/api/targets/" + JsonService.segment(targetId) + "/agents/" + JsonService.segment(agentId) + "/path",
                PathSnapshot.class);
    }

    /** A stored trace; empty when it has expired. */
    public CompletableFuture<Optional<TraceView>> trace(String traceId) {
        return api.get("/api/traces/" + JsonService.segment(traceId), TraceView.class);
    }

    /** Events, newest change first. */
    public CompletableFuture<List<PathEvent>> events(String targetId, String agentId, EventType type, Instant from, int limit) {
        return api.getList(JsonService.path("/api/events", "target", targetId, "agent", agentId, "type", type, "from", from,
                "limit", limit), PathEvent.class).thenApply(o -> o.orElse(List.of()));
    }

    /** The smoke series of the destination ({@code hop} null) or one hop over a named range (3h, 1d, 7d, 30d). */
    public CompletableFuture<Optional<Series>> series(String targetId, String agentId, Integer hop, String range) {
        return api.get(JsonService.path("/api/series", "target", targetId, "agent", agentId, "hop", hop, "range", range),
                Series.class);
    }

    /** What the RIB says about an address; empty when no prefix covers it. */
    public CompletableFuture<Optional<RibLookup>> lookup(String address) {
        return api.get(JsonService.path("/api/rib/lookup", "address", address), RibLookup.class);
    }

    /**
     * A target and how each agent sees it (the analyzer's {@code GET /api/targets}).
     *
     * @param targetId the target
     * @param host its address or name
     * @param description its description
     * @param tags its tags
     * @param configured whether the targets topic holds it
     * @param enabled whether it runs
     * @param agents each agent that traced it
     */
    public record TargetStatus(String targetId, String host, String description, List<String> tags, boolean configured,
                               boolean enabled, List<PairStatus> agents) {
        public TargetStatus {
            tags = tags == null ? List.of() : tags;
            agents = agents == null ? List.of() : agents;
        }
    }

    /**
     * One agent's view of a target.
     *
     * @param agentId the agent
     * @param site its site
     * @param currentPathId the path version it is on
     * @param lastTraceId its latest trace
     * @param lastTraceAt when that ran
     * @param openProblems problems present now
     */
    public record PairStatus(String agentId, String site, String currentPathId, String lastTraceId, Instant lastTraceAt,
                             List<EventType> openProblems) {
        public PairStatus {
            openProblems = openProblems == null ? List.of() : openProblems;
        }
    }

    /**
     * A stored trace (the analyzer's {@code GET /api/traces/{id}}); the hops as the agent sent them.
     *
     * @param traceId the trace
     * @param agentId the agent
     * @param targetId the target
     * @param targetAddress the address probed
     * @param startedAt when it ran
     * @param status its outcome
     * @param destinationReached whether the target answered
     * @param tool the tool
     * @param error why it failed
     * @param pathVersionId its path version
     * @param hops the hops
     */
    public record TraceView(String traceId, String agentId, String targetId, String targetAddress, Instant startedAt,
                            String status, boolean destinationReached, String tool, String error, String pathVersionId,
                            List<Hop> hops) {
        public TraceView {
            hops = hops == null ? List.of() : hops;
        }
    }

    /**
     * Latency and loss over time (the analyzer's {@code GET /api/series}).
     *
     * @param targetId the target
     * @param agentId the agent
     * @param hop the TTL, null for the destination
     * @param from start
     * @param to end
     * @param stepSeconds bucket width
     * @param buckets buckets with traces, oldest first
     */
    public record Series(String targetId, String agentId, Integer hop, Instant from, Instant to, long stepSeconds,
                         List<Bucket> buckets) {
        public Series {
            buckets = buckets == null ? List.of() : buckets;
        }
    }

    /**
     * One time bucket of a series.
     *
     * @param start its start
     * @param traces traces in it
     * @param minMs best RTT
     * @param p10Ms 10th percentile of the traces' average RTT
     * @param p25Ms 25th
     * @param medianMs median
     * @param p75Ms 75th
     * @param p90Ms 90th
     * @param maxMs worst RTT
     * @param lossPercent mean loss
     */
    public record Bucket(Instant start, int traces, Double minMs, Double p10Ms, Double p25Ms, Double medianMs, Double p75Ms,
                         Double p90Ms, Double maxMs, double lossPercent) {
    }

    /**
     * The RIB's answer for an address (the analyzer's {@code GET /api/rib/lookup}).
     *
     * @param address the address
     * @param addressClass its class
     * @param ixpName the exchange, for exchange LAN addresses
     * @param prefix the longest matching prefix
     * @param originAs its origin AS
     * @param routes every peer's route
     */
    public record RibLookup(String address, AddressClass addressClass, String ixpName, String prefix, Long originAs,
                            List<PeerPath> routes) {
        public RibLookup {
            routes = routes == null ? List.of() : routes;
        }
    }

    /**
     * One peer's route.
     *
     * @param peerId the peer
     * @param peerAs its AS
     * @param pathId ADD-PATH id
     * @param asPath the AS path as text
     * @param asSequence the ASes crossed
     * @param originAs the origin AS
     * @param nextHop the next hop
     * @param best whether the analyzer takes this one
     */
    public record PeerPath(String peerId, long peerAs, long pathId, String asPath, List<Long> asSequence, Long originAs,
                           String nextHop, boolean best) {
    }
}
