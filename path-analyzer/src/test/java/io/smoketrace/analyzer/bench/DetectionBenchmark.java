package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.detect.DetectorConfig;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.detect.TargetContext;
import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.RttStats;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Traces per second through the whole analyzer core (normalise, annotate every hop from a
 * 1,000,000-prefix RIB, match path versions, baselines, conditions) on one thread: 2,000 pairs,
 * 30-hop traces, with load-balanced hops alternating, {@code *} hops coming and going and RTT jitter,
 * as a steady network looks. Run as {@link LpmBenchmark} says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class DetectionBenchmark {

    private static final int PAIRS = 2_000;
    private static final int HOPS = 30;
    private static final int TRACES_PER_PAIR = 16;

    private PathAnalyzer analyzer;
    private Trace[] traces;
    private int next;
    private final TargetContext context = new TargetContext(Map.of("site", "bench"), null);

    @Setup
    public void load() {
        SyntheticTable table = new SyntheticTable(7);
        List<IpPrefix> prefixes = table.prefixes(AddressFamily.IPV4, 1_000_000);
        Rib rib = new Rib(RibConfig.defaults());
        table.routes(prefixes, 1, rib::upsert);
        analyzer = new PathAnalyzer(DetectorConfig.defaults(), rib);

        Random random = new Random(7);
        IpAddress[] addresses = table.addresses(prefixes, PAIRS * HOPS * 2);
        traces = new Trace[PAIRS * TRACES_PER_PAIR];
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int pair = 0; pair < PAIRS; pair++) {
            String[] route = new String[HOPS];
            String[] alternates = new String[HOPS];
            for (int ttl = 0; ttl < HOPS; ttl++) {
                route[ttl] = addresses[(pair * HOPS + ttl) * 2].toString();
                alternates[ttl] = addresses[(pair * HOPS + ttl) * 2 + 1].toString();
            }
            for (int run = 0; run < TRACES_PER_PAIR; run++) {
                // Trace-major order: consecutive traces belong to different pairs, as on a busy partition.
                traces[run * PAIRS + pair] = trace(pair, run, route, alternates, random, start.plusSeconds(60L * run));
            }
        }
    }

    private static Trace trace(int pair, int run, String[] route, String[] alternates, Random random, Instant at) {
        List<Hop> hops = new ArrayList<>(HOPS);
        for (int ttl = 1; ttl <= HOPS; ttl++) {
            List<Responder> responders = new ArrayList<>(2);
            boolean destination = ttl == HOPS;
            double rtt = ttl * 1.5 + random.nextDouble();
            if (!destination && random.nextInt(20) == 0) {
                responders.add(Responder.noReply(10));
            } else if (!destination && ttl % 7 == 0) {
                // A load-balanced hop: sometimes both routers answer, sometimes one or the other.
                int pick = random.nextInt(3);
                if (pick != 1) {
                    responders.add(responder(route[ttl - 1], pick == 0 ? 5 : 10, rtt));
                }
                if (pick != 2) {
                    responders.add(responder(alternates[ttl - 1], pick == 0 ? 5 : 10, rtt));
                }
            } else {
                responders.add(responder(route[ttl - 1], 10, rtt));
            }
            hops.add(new Hop(ttl, responders));
        }
        String target = route[HOPS - 1];
        return new Trace(Trace.FORMAT_VERSION, "trace-" + pair + "-" + run, "agent-" + pair % 20, "target-" + pair, target, target,
                AddressFamily.IPV4, "10.0.0.2", ProbeProtocol.ICMP, null, 10, 30, at, at.plusSeconds(10),
                new ToolInfo("mtr", "0.95", "mtr-json", null), TraceStatus.COMPLETE, true, null, hops, null, null);
    }

    private static Responder responder(String address, int probes, double rtt) {
        return new Responder(address, null, null, probes, probes, 0, new RttStats(rtt, rtt, rtt, rtt, 0.0), null, null, null);
    }

    @Benchmark
    public int traces() {
        Trace trace = traces[next];
        next = next + 1 == traces.length ? 0 : next + 1;
        return analyzer.onTrace(trace, context).events().size();
    }
}
