package io.smoketrace.agent.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The agent's own meters, all named {@code smoketrace_agent_*} in Prometheus.
 */
@ApplicationScoped
public class AgentMetrics {

    private final MeterRegistry registry;
    private final Timer scheduleLag;
    private final Counter published;
    private final Counter spoolDropped;

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scheduleLag = Timer.builder("smoketrace.agent.schedule.lag")
                .description("How late runs start after their slot").register(registry);
        this.published = Counter.builder("smoketrace.agent.traces.published")
                .description("Traces acknowledged by Kafka").register(registry);
        this.spoolDropped = Counter.builder("smoketrace.agent.spool.dropped")
                .description("Traces dropped, oldest first, because the spool reached its size bound").register(registry);
    }

    /** A finished run: counted by tool and status, timed, and failures counted by stage. */
    public void run(Trace trace, Duration took) {
        String tool = trace.tool() == null ? "unknown" : trace.tool().name();
        Counter.builder("smoketrace.agent.runs").description("Probe runs by tool and how they ended")
                .tag("tool", tool).tag("status", trace.status().name()).register(registry).increment();
        Timer.builder("smoketrace.agent.run.duration").description("How long probe runs take")
                .tag("tool", tool).register(registry).record(took);
        if (trace.error() != null) {
            Counter.builder("smoketrace.agent.run.failures").description("Failed runs by the stage that failed")
                    .tag("stage", trace.error().stage().name()).tag("tool", tool).register(registry).increment();
        }
    }

    public void scheduleLag(Duration lag) {
        scheduleLag.record(lag);
    }

    public void skipped(String reason) {
        Counter.builder("smoketrace.agent.runs.skipped").description("Runs skipped because they could not start before their next slot")
                .tag("reason", reason).register(registry).increment();
    }

    public void published(int traces) {
        published.increment(traces);
    }

    public void spoolDropped(int traces) {
        spoolDropped.increment(traces);
    }

    /** A target refused by source ({@code topic} or {@code file}). */
    public void targetRefused(String source) {
        Counter.builder("smoketrace.agent.targets.refused").description("Target specs refused as invalid")
                .tag("source", source.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void spoolGauges(Supplier<Number> depth, Supplier<Number> bytes) {
        registry.gauge("smoketrace.agent.spool.depth", this, m -> depth.get().doubleValue());
        registry.gauge("smoketrace.agent.spool.bytes", this, m -> bytes.get().doubleValue());
    }

    public void targetsGauge(Supplier<Number> targets) {
        registry.gauge("smoketrace.agent.targets", this, m -> targets.get().doubleValue());
    }
}
