package io.smoketrace.ui.fake;

import io.smoketrace.common.bgp.AsPathSegment;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RouteAttributes;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Measurement;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.RttStats;
import io.smoketrace.ui.client.PathAnalyzerClient.Bucket;
import io.smoketrace.ui.client.PathAnalyzerClient.PairStatus;
import io.smoketrace.ui.client.PathAnalyzerClient.PeerPath;
import io.smoketrace.ui.client.PathAnalyzerClient.RibLookup;
import io.smoketrace.ui.client.PathAnalyzerClient.Series;
import io.smoketrace.ui.client.PathAnalyzerClient.TargetStatus;
import io.smoketrace.ui.client.PathAnalyzerClient.TraceView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a path analyzer would answer about one target traced by three agents, built from the real
 * record classes (the contract types in {@code common} where the analyzer uses them, the console's
 * client records for the analyzer's own answer types): a path of {@code hops} TTLs crossing three
 * ASes with one load-balanced TTL and one silent TTL, one-minute traces for the last 30 days with a
 * latency step and a loss burst, a path change explained by a BGP update, and open problems.
 */
public final class LabScenario {

    /** The agents and their sites. */
    public static final List<String[]> AGENTS = List.of(new String[] {"fra1", "fra"}, new String[] {"ams1", "ams"},
            new String[] {"nyc1", "nyc"});
    static final long[] ASES = {64500, 64510, 64520};
    static final String PEER = "bgp:192.0.2.254";

    private final String targetId;
    private final int hops;
    private final Instant now;
    /** Per agent, one sample per minute over 30 days: RTT at the destination (ms) or NaN for a lost run. */
    private final Map<String, double[]> samples = new java.util.HashMap<>();

    public LabScenario(String targetId, int hops, Instant now) {
        this.targetId = targetId;
        this.hops = hops;
        this.now = now.truncatedTo(ChronoUnit.MINUTES);
        long seed = targetId.hashCode();
        for (String[] agent : AGENTS) {
            Random random = new Random(seed ^ agent[0].hashCode());
            double[] rtts = new double[30 * 24 * 60];
            double base = 20 + 10 * AGENTS.indexOf(agent);
            for (int i = 0; i < rtts.length; i++) {
                int minutesAgo = rtts.length - i;
                double step = minutesAgo < 90 ? 15 : 0;
                boolean burst = minutesAgo > 300 && minutesAgo < 320 && random.nextInt(3) == 0;
                rtts[i] = burst ? Double.NaN : base + step + Math.abs(random.nextGaussian()) * 3;
            }
            samples.put(agent[0], rtts);
        }
    }

    public String targetId() {
        return targetId;
    }

    public TargetStatus status() {
        List<PairStatus> pairs = new ArrayList<>();
        for (String[] agent : AGENTS) {
            List<EventType> problems = agent[0].equals("ams1") ? List.of(EventType.LATENCY_INCREASED) : List.of();
            pairs.add(new PairStatus(agent[0], agent[1], pathId(agent[0], true), traceId(agent[0]), now.minusSeconds(20), problems));
        }
        return new TargetStatus(targetId, "www.example.net", "the lab web server", List.of("web", "lab"), true, true, pairs);
    }

    /** The id of an agent's latest trace of this target. */
    public String traceId(String agentId) {
        return "trace-" + targetId + "-" + agentId;
    }

    String pathId(String agentId, boolean after) {
        return (after ? "pv-new-" : "pv-old-") + agentId;
    }

    /** The current path of an agent (after the change for fra1). */
    public PathSnapshot path(String agentId) {
        return snapshot(agentId, true);
    }

    PathSnapshot snapshot(String agentId, boolean after) {
        List<HopSnapshot> list = new ArrayList<>();
        for (int ttl = 1; ttl <= hops; ttl++) {
            List<ResponderSnapshot> responders = new ArrayList<>();
            for (String address : addresses(agentId, ttl, after)) {
                if (address.equals(Responder.NO_REPLY)) {
                    responders.add(new ResponderSnapshot(address, null, null, null, AddressClass.NO_REPLY, 100.0, null));
                } else if (address.startsWith("10.")) {
                    responders.add(new ResponderSnapshot(address, null, null, null, AddressClass.PRIVATE, 0.0, rtt(ttl)));
                } else {
                    long asn = as(ttl);
                    responders.add(new ResponderSnapshot(address, "r" + ttl + ".as" + asn + ".example.net",
                            prefix(ttl), asn, AddressClass.PUBLIC, ttl == hops ? 0.0 : 0.0, rtt(ttl)));
                }
            }
            list.add(new HopSnapshot(ttl, responders));
        }
        return new PathSnapshot(pathId(agentId, after), traceId(agentId), now.minusSeconds(20), true, hops, list,
                Arrays.stream(ASES).boxed().toList(), rtt(hops), 0.0);
    }

    /** The responders at a TTL: two private hops, three ASes, TTL 4 load-balanced, TTL 5 silent, TTL 6 moved by the change. */
    List<String> addresses(String agentId, int ttl, boolean after) {
        if (ttl <= 2) {
            return List.of("10.0." + AGENTS.stream().map(a -> a[0]).toList().indexOf(agentId) + "." + ttl);
        }
        if (ttl == hops) {
            return List.of("203.0.113.10");
        }
        if (ttl == 4) {
            return List.of("198.51.100.4", "198.51.100.5");
        }
        if (ttl == 5) {
            return List.of(Responder.NO_REPLY);
        }
        if (ttl == 6 && agentId.equals("fra1")) {
            return List.of(after ? "192.0.2.66" : "192.0.2.6");
        }
        return List.of(ipFor(ttl));
    }

    private String ipFor(int ttl) {
        long asn = as(ttl);
        return asn == ASES[0] ? "198.51.100." + ttl : asn == ASES[1] ? "192.0.2." + ttl : "203.0.113." + (100 + ttl);
    }

    long as(int ttl) {
        int third = Math.max(1, (hops - 2) / 3);
        return ttl <= 2 + third ? ASES[0] : ttl <= 2 + 2 * third ? ASES[1] : ASES[2];
    }

    String prefix(int ttl) {
        long asn = as(ttl);
        return asn == ASES[0] ? "198.51.100.0/24" : asn == ASES[1] ? "192.0.2.0/24" : "203.0.113.0/24";
    }

    double rtt(int ttl) {
        return 1.0 + 1.5 * ttl;
    }

    /** The latest stored trace of an agent: every responder with last/avg/best/worst/stddev. */
    public TraceView trace(String agentId) {
        List<Hop> list = new ArrayList<>();
        for (int ttl = 1; ttl <= hops; ttl++) {
            List<Responder> responders = new ArrayList<>();
            List<String> addresses = addresses(agentId, ttl, true);
            for (String address : addresses) {
                if (address.equals(Responder.NO_REPLY)) {
                    responders.add(Responder.noReply(10));
                    continue;
                }
                int sent = 10 / addresses.size();
                int received = ttl == 3 ? sent - 1 : sent;
                double avg = rtt(ttl);
                responders.add(new Responder(address, address.startsWith("10.") ? null : "r" + ttl + ".example.net", null, sent,
                        received, 100.0 * (sent - received) / sent, new RttStats(avg + 0.2, avg, avg - 0.4, avg + 1.1, 0.3), null,
                        null, null));
            }
            list.add(new Hop(ttl, responders));
        }
        return new TraceView(traceId(agentId), agentId, targetId, "203.0.113.10", now.minusSeconds(20), "COMPLETE", true, "mtr",
                null, pathId(agentId, true), list);
    }

    /** The events of the target, newest first: fra1's path change with its BGP update, ams1's latency increase. */
    public List<PathEvent> events() {
        Instant changed = now.minus(Duration.ofMinutes(20));
        RouteUpdate update = routeUpdate(changed.minusSeconds(40));
        PathEvent pathChange = new PathEvent(PathEvent.FORMAT_VERSION, "ev-" + targetId + "-path", EventType.IP_PATH_CHANGED,
                "fra1", targetId, "203.0.113.10", changed, changed.plusSeconds(120), 6, "192.0.2.66",
                snapshot("fra1", false), snapshot("fra1", true),
                new Verdict(Judgement.NEUTRAL, List.of(new Verdict.Reason("destination_rtt_ms", 12.0, 12.4, Judgement.NEUTRAL,
                        "destination RTT 12.0 ms -> 12.4 ms, within the margin"))), null, List.of(update), List.of("t1", "t2"),
                Map.of("site", "fra", "tags", "web,lab"), "path to " + targetId + " changed at hop 6 (192.0.2.6 -> 192.0.2.66)");
        PathEvent latency = new PathEvent(PathEvent.FORMAT_VERSION, "ev-" + targetId + "-latency", EventType.LATENCY_INCREASED,
                "ams1", targetId, "203.0.113.10", now.minus(Duration.ofMinutes(85)), now.minus(Duration.ofMinutes(83)), null, null,
                null, null, new Verdict(Judgement.WORSE, List.of()), new Measurement("destination_rtt_ms", 30, 45, 10, "ms"),
                List.of(), List.of("t3"), Map.of("site", "ams"), "latency to " + targetId + " up 15 ms from ams1");
        return List.of(pathChange, latency);
    }

    static RouteUpdate routeUpdate(Instant at) {
        PeerRef peer = new PeerRef(PEER, "192.0.2.254", 64999, "192.0.2.254", null, null, PeerRef.RibView.ADJ_RIB_IN);
        RouteAttributes attributes = new RouteAttributes(RouteAttributes.Origin.IGP,
                List.of(AsPathSegment.sequence(List.of(64999L, 64510L, 64520L))), 64520L, "192.0.2.254", null, null, false, null,
                List.of("64999:100"), List.of(), List.of());
        return new RouteUpdate(RouteUpdate.FORMAT_VERSION, RouteSource.BGP, "collector-1", peer, "203.0.113.0/24", 0,
                RouteUpdate.Action.ANNOUNCE, attributes, at);
    }

    /** The RIB's answer for any address in the lab. */
    public static RibLookup lookup(String address) {
        return new RibLookup(address, AddressClass.PUBLIC, null, "203.0.113.0/24", 64520L, List.of(
                new PeerPath(PEER, 64999, 0, "64999 64510 64520", List.of(64999L, 64510L, 64520L), 64520L, "192.0.2.254", true),
                new PeerPath("bgp:192.0.2.253", 64998, 0, "64998 64520", List.of(64998L, 64520L), 64520L, "192.0.2.253", false)));
    }

    /**
     * The series the analyzer's endpoint computes, from the one-minute samples: per bucket the
     * percentiles of the RTTs (linear interpolation, as PostgreSQL's percentile_cont) and the loss.
     */
    public Series series(String agentId, Integer hop, String range) {
        Duration span = switch (range == null ? "1d" : range) {
            case "3h" -> Duration.ofHours(3);
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> Duration.ofDays(1);
        };
        Duration step = switch (range == null ? "1d" : range) {
            case "3h" -> Duration.ofMinutes(1);
            case "7d" -> Duration.ofMinutes(30);
            case "30d" -> Duration.ofHours(2);
            default -> Duration.ofMinutes(5);
        };
        double[] rtts = samples.get(agentId);
        Instant from = now.minus(span);
        int perBucket = (int) step.toMinutes();
        List<Bucket> buckets = new ArrayList<>();
        int first = rtts.length - (int) span.toMinutes();
        double offset = hop == null ? 0 : rtt(hops) - rtt(hop);
        for (int start = first; start < rtts.length; start += perBucket) {
            List<Double> answered = new ArrayList<>();
            int lost = 0;
            int n = Math.min(perBucket, rtts.length - start);
            for (int i = start; i < start + n; i++) {
                if (Double.isNaN(rtts[i])) {
                    lost++;
                } else {
                    answered.add(Math.max(0.1, rtts[i] - offset));
                }
            }
            answered.sort(null);
            Instant at = from.plus(step.multipliedBy((start - first) / perBucket));
            buckets.add(answered.isEmpty()
                    ? new Bucket(at, n, null, null, null, null, null, null, null, 100.0)
                    : new Bucket(at, n, answered.getFirst() - 0.3, percentile(answered, 0.1), percentile(answered, 0.25),
                    percentile(answered, 0.5), percentile(answered, 0.75), percentile(answered, 0.9), answered.getLast() + 0.8,
                    100.0 * lost / n));
        }
        return new Series(targetId, agentId, hop, from, now, step.toSeconds(), buckets);
    }

    static double percentile(List<Double> sorted, double fraction) {
        double position = fraction * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
    }
}
