package io.smoketrace.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.agent.probe.DenyList;
import io.smoketrace.agent.probe.ProbeRunner;
import io.smoketrace.agent.probe.SourcePorts;
import io.smoketrace.agent.probe.Targets;
import io.smoketrace.agent.probe.ToolInventory;
import io.smoketrace.agent.spool.TraceSpool;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 targets at a 60 s interval on one agent: the real scheduler, the real traceroute against
 * loopback, the real spool (fsync per trace). Every target must run once in its first interval with
 * no run skipped. Takes about 70 s, so it runs only when asked:
 * {@code ./mvnw -o -pl probe-agent test -Dtest=ThousandTargetsBenchmark -Dsmoketrace.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "smoketrace.benchmark", matches = "true")
class ThousandTargetsBenchmark {

    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);

    @Test
    void thousandTargetsRunOnTimeWithoutSkips(@TempDir Path dir) throws Exception {
        Map<String, TargetSpec> targets = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            TargetSpec t = Targets.target("target-%04d".formatted(i), "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true);
            targets.put(t.targetId(), new TargetSpec(t.formatVersion(), t.targetId(), t.host(), null, t.tool(), t.protocol(), null,
                    60, 1, 4, 10, true, t.selector(), List.of(), null, null, true, null, null));
        }
        ProbeRunner runner = new ProbeRunner("bench", ToolInventory.detect(), DenyList.EMPTY, SourcePorts.parse("31000-31999"),
                ProbeRunner.HostResolver.SYSTEM, InstantSource.system(), List.of());
        AtomicInteger skipped = new AtomicInteger();
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> runMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger notComplete = new AtomicInteger();
        try (TraceSpool spool = TraceSpool.open(dir, 1L << 30, 4 << 20, (r, b) -> { })) {
            RunSchedule schedule = new RunSchedule(4, (id, due, reason) -> skipped.incrementAndGet());
            ProbeScheduler scheduler = new ProbeScheduler(schedule, InstantSource.system(), due -> {
                long start = System.nanoTime();
                Trace trace = runner.run(targets.get(due.targetId()));
                try {
                    spool.append(CODEC.encode(trace));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                runMillis.add((System.nanoTime() - start) / 1_000_000);
                lagMillis.add(due.lag().toMillis());
                if (trace.status() != TraceStatus.COMPLETE) {
                    notComplete.incrementAndGet();
                }
                runs.merge(due.targetId(), 1, Integer::sum);
            });
            scheduler.update(targets);
            scheduler.start();
            Thread.sleep(Duration.ofSeconds(62));
            scheduler.stop(Duration.ofSeconds(10));
            List<Long> lags = new ArrayList<>(lagMillis);
            List<Long> took = new ArrayList<>(runMillis);
            Collections.sort(lags);
            Collections.sort(took);
            System.out.printf("1000 targets / 60 s: %d runs, %d skipped, %d not COMPLETE; lag p50 %d ms p99 %d ms max %d ms; "
                            + "run p50 %d ms p99 %d ms; spool %d traces, %d bytes%n",
                    took.size(), skipped.get(), notComplete.get(), lags.get(lags.size() / 2), lags.get(lags.size() * 99 / 100),
                    lags.getLast(), took.get(took.size() / 2), took.get(took.size() * 99 / 100), spool.depth(), spool.bytes());
            assertThat(runs.keySet()).hasSize(1000);
            assertThat(skipped.get()).isZero();
            assertThat(notComplete.get()).isZero();
            assertThat(lags.get(lags.size() * 99 / 100)).isLessThan(1000);
        }
    }
}
