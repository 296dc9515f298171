package io.smoketrace.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The probe agent's configuration, {@code smoketrace.agent.*} (environment: {@code SMOKETRACE_AGENT_ID},
 * {@code SMOKETRACE_AGENT_SITE}, {@code SMOKETRACE_AGENT_TAGS}, ...). {@link AgentSettings} checks it at start-up.
 */
@ConfigMapping(prefix = "smoketrace.agent")
public interface AgentConfig {

    /** This agent's id, the key of its heartbeats and the first half of its traces' keys; the host name when unset. */
    Optional<String> id();

    /** The site (vantage point) name shown to people; the agent id when unset. */
    Optional<String> site();

    /** Tags matched by target selectors, for example {@code europe,dc}. */
    Optional<List<String>> tags();

    /** Degrees north, with {@link #longitude()}, for maps. */
    Optional<Double> latitude();

    /** Degrees east, with {@link #latitude()}. */
    Optional<Double> longitude();

    /** A JSON or YAML file with a list of targets this agent always runs, besides those on the targets topic. */
    @WithName("targets-file")
    Optional<Path> targetsFile();

    /** Where the agent keeps its spool and its copy of the targets topic. */
    @WithName("data-dir")
    Path dataDir();

    /** How many probe runs may be under way at once. */
    @WithName("max-concurrent-runs")
    @WithDefault("4")
    int maxConcurrentRuns();

    /** How often a heartbeat goes to the agents topic. */
    @WithName("heartbeat-interval")
    @WithDefault("30s")
    Duration heartbeatInterval();

    /** Prefixes (IPv4 or IPv6, CIDR) the agent never probes, checked on the resolved address before anything runs. */
    Optional<List<String>> deny();

    /** Source ports the agent picks from for Paris-style UDP/TCP runs, {@code low-high}; each target keeps its own. */
    @WithName("source-ports")
    @WithDefault("31000-31999")
    String sourcePorts();

    /**
     * Words put before every probe command, to probe from another routing context: {@code ip vrf exec mgmt}
     * (a VRF) or {@code ip netns exec probe} (a network namespace). Empty: the agent's own.
     */
    @WithName("command-prefix")
    Optional<String> commandPrefix();

    /** The spool of finished traces waiting for Kafka. */
    Spool spool();

    /** Publishing to Kafka. */
    Publish publish();

    /** The spool of finished traces. */
    interface Spool {

        /** Bytes the spool may hold; beyond it the oldest segment is dropped. */
        @WithName("max-bytes")
        @WithDefault("268435456")
        long maxBytes();

        /** Bytes per segment file before a new one is started. */
        @WithName("segment-bytes")
        @WithDefault("4194304")
        long segmentBytes();
    }

    /** Publishing to Kafka. */
    interface Publish {

        /** How long the producer keeps retrying one batch before the publisher starts it again. */
        @WithName("delivery-timeout")
        @WithDefault("120s")
        Duration deliveryTimeout();

        /** Traces sent per batch from the spool. */
        @WithName("batch-size")
        @WithDefault("200")
        int batchSize();
    }
}
