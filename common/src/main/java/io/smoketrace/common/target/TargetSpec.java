package io.smoketrace.common.target;

import io.smoketrace.common.trace.ProbeProtocol;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to trace, how and from where, published on the compacted {@code smoketrace.targets.v1}
 * topic keyed by {@code targetId}; a null value deletes the target.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param targetId stable id, also the topic key: letters, digits, {@code . _ -}
 * @param host an IP address or a host name (re-resolved on every run)
 * @param addressFamily which family to resolve a name to; null means whatever the resolver returns first
 * @param tool the tool to run
 * @param protocol the probe protocol
 * @param port destination port for UDP/TCP probes
 * @param intervalSeconds seconds between runs
 * @param probesPerHop probes per TTL (mtr: report cycles)
 * @param maxTtl the highest TTL to probe
 * @param timeoutSeconds a run still going after this long is stopped and reported as a timeout
 * @param paris keep the flow identity constant (Paris traceroute) so load balancers don't fake path changes
 * @param selector which agents run this target
 * @param tags free labels used for grouping and alert routing
 * @param description a human description
 * @param thresholds per-target detection thresholds, overriding the analyzer's defaults
 * @param enabled false pauses the target without deleting its history
 * @param updatedAt when the spec was last changed
 * @param updatedBy who changed it
 */
public record TargetSpec(
        int formatVersion,
        String targetId,
        String host,
        AddressFamilyPreference addressFamily,
        ProbeTool tool,
        ProbeProtocol protocol,
        Integer port,
        int intervalSeconds,
        int probesPerHop,
        int maxTtl,
        int timeoutSeconds,
        boolean paris,
        AgentSelector selector,
        List<String> tags,
        String description,
        DetectionThresholds thresholds,
        boolean enabled,
        Instant updatedAt,
        String updatedBy) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public TargetSpec {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(host, "host");
        tags = tags == null ? List.of() : List.copyOf(tags);
        selector = selector == null ? AgentSelector.ALL : selector;
    }

    /** Whether the selector picks an agent with this id and these tags. */
    public boolean appliesTo(String agentId, List<String> agentTags) {
        return selector.matches(agentId, agentTags);
    }

    /** An IP address family preference for name resolution. */
    public enum AddressFamilyPreference { IPV4, IPV6 }
}
