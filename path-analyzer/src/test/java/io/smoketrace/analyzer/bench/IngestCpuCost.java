package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.detect.DetectorConfig;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.detect.TargetContext;
import io.smoketrace.analyzer.detect.TraceAnalysis;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.analyzer.repository.HopStatistics;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.trace.Trace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a trace's CPU goes in the analyzer, stage by stage, on one thread and timed by the thread's CPU
 * clock (so a busy machine still gives usable numbers): decoding and validating the record, detection,
 * and writing the JSON the database stores (trace hops, hop statistics, pair state, path version hops).
 * The AnalyzerLoadBenchmark workload (30-hop paths, 1,000 pairs here, several rounds). Run it with the
 * benchmark classpath (see {@link LpmBenchmark}): {@code java -cp ... io.smoketrace.analyzer.bench.IngestCpuCost}.
 */
public final class IngestCpuCost {

    private static final int HOPS = 30;

    private IngestCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = Integer.getInteger("bench.pairs", 1000);
        int rounds = Integer.getInteger("bench.rounds", 12);
        Rib rib = new Rib(RibConfig.defaults());
        for (int i = 0; i < HOPS - 1; i++) {
            rib.upsert(Routes.route("bgp:198.18.0.1", "45.0." + i + ".0/24", "64500 " + (65000 + i / 3)));
        }
        rib.upsert(Routes.route("bgp:198.18.0.1", "46.0.0.0/8", "64500 65100"));
        PathAnalyzer analyzer = new PathAnalyzer(DetectorConfig.defaults(), rib);
        TopicCodec<Trace> codec = TopicCodec.of(Trace.class);
        int agents = (int) Math.ceil(Math.sqrt(pairs));
        int targets = (int) Math.ceil((double) pairs / agents);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        TargetContext context = new TargetContext(Map.of("site", "bench"), null);
        Instant clock = Instant.parse("2026-11-01T00:00:00Z");
        long[] cpu = new long[6];
        long[] bytes = new long[5];
        long measured = 0;
        for (int round = 0; round < rounds; round++) {
            List<byte[]> records = new ArrayList<>(pairs);
            for (int a = 0, sent = 0; a < agents && sent < pairs; a++) {
                for (int t = 0; t < targets && sent < pairs; t++, sent++) {
                    records.add(codec.encode(path(a, t).build(UUID.randomUUID().toString(), "a" + a, "t" + t,
                            clock.plus(Duration.ofMinutes(round)))));
                }
            }
            boolean count = round >= rounds / 2;
            for (byte[] record : records) {
                long c0 = threads.getCurrentThreadCpuTime();
                Trace trace = codec.decode(record);
                long c1 = threads.getCurrentThreadCpuTime();
                TraceAnalysis analysis = analyzer.onTrace(trace, context);
                long c2 = threads.getCurrentThreadCpuTime();
                String hops = Json.mapper().writeValueAsString(trace.hops());
                String stats = Json.mapper().writeValueAsString(HopStatistics.of(trace));
                long c3 = threads.getCurrentThreadCpuTime();
                PairState state = analyzer.state(trace.agentId(), trace.targetId());
                long c4 = threads.getCurrentThreadCpuTime();
                String stateJson = Json.mapper().writeValueAsString(state);
                long c5 = threads.getCurrentThreadCpuTime();
                String versionJson = analysis.pathVersion() == null ? ""
                        : Json.mapper().writeValueAsString(analysis.path().snapshot(analysis.pathVersion().id()).hops());
                long c6 = threads.getCurrentThreadCpuTime();
                if (count) {
                    cpu[0] += c1 - c0;
                    cpu[1] += c2 - c1;
                    cpu[2] += c3 - c2;
                    cpu[3] += c4 - c3;
                    cpu[4] += c5 - c4;
                    cpu[5] += c6 - c5;
                    bytes[0] += record.length;
                    bytes[1] += hops.length();
                    bytes[2] += stats.length();
                    bytes[3] += stateJson.length();
                    bytes[4] += versionJson.length();
                    measured++;
                }
            }
        }
        String[] stages = {"decode + validate", "detection (normalise, RIB, detector)", "trace hops + hop stats JSON",
            "pair state snapshot", "pair state JSON", "path version hops JSON"};
        long total = 0;
        for (int i = 0; i < stages.length; i++) {
            System.out.printf("%-40s %7.1f us CPU per trace%n", stages[i], cpu[i] / 1e3 / measured);
            total += cpu[i];
        }
        System.out.printf("%-40s %7.1f us CPU per trace (%,d traces measured)%n", "total", total / 1e3 / measured, measured);
        System.out.printf("bytes per trace: record %d, hops %d, hop stats %d, pair state %d, path version hops %d%n",
                bytes[0] / measured, bytes[1] / measured, bytes[2] / measured, bytes[3] / measured, bytes[4] / measured);
    }

    private static TracePath path(int agent, int target) {
        String[] hops = new String[HOPS];
        for (int i = 0; i < HOPS - 1; i++) {
            hops[i] = "45.0." + i + "." + (1 + (agent + target + i) % 4);
        }
        hops[HOPS - 1] = "46." + (target / 256) + "." + (target % 256) + ".10";
        return TracePath.path(hops);
    }
}
