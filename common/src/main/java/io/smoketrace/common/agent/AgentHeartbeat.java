package io.smoketrace.common.agent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent's periodic "I am alive" on the compacted {@code smoketrace.agents.v1} topic, keyed by agent id.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param agentId the agent's id
 * @param site the site (vantage point) name
 * @param tags the agent's tags, matched by target selectors
 * @param coordinates where the agent is, if configured
 * @param version the agent's software version
 * @param startedAt when the agent process started
 * @param sentAt when this heartbeat was sent
 * @param intervalSeconds seconds until the next heartbeat; a consumer may call the agent lost after a few missed
 * @param capabilities the probe tools found installed
 * @param targetIds the targets this agent currently runs
 * @param spooledTraces traces waiting in the local spool because Kafka was unreachable
 * @param status the agent's own view of its health
 */
public record AgentHeartbeat(
        int formatVersion,
        String agentId,
        String site,
        List<String> tags,
        Coordinates coordinates,
        String version,
        Instant startedAt,
        Instant sentAt,
        int intervalSeconds,
        List<ToolCapability> capabilities,
        List<String> targetIds,
        long spooledTraces,
        AgentStatus status) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public AgentHeartbeat {
        Objects.requireNonNull(agentId, "agentId");
        tags = tags == null ? List.of() : List.copyOf(tags);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
    }

    /** The agent's own view of its health. */
    public enum AgentStatus { UP, DEGRADED, STOPPING }
}
