package io.smoketrace.common.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished traceroute/mtr/scamper run from one agent to one target, in the tool-neutral
 * superset form published on {@code smoketrace.traces.v1}.
 *
 * @param formatVersion version of this record's layout, {@link #FORMAT_VERSION} for producers of this build
 * @param traceId unique id of this run (a UUID chosen by the agent), stable across retries and spool replays
 * @param agentId the vantage point that ran the probe
 * @param targetId the target this run belongs to
 * @param targetHost the host as configured: a name or an address
 * @param targetAddress the address actually probed (the name resolved at run time); null when resolution failed
 * @param addressFamily IPv4 or IPv6 of {@code targetAddress}
 * @param sourceAddress the agent's source address where the tool reports it
 * @param protocol the probe packets' protocol
 * @param flow the flow identity the probes kept (Paris-style constant flow), where known
 * @param probesPerHop probes sent per TTL (mtr: cycles)
 * @param maxTtl the highest TTL the tool would probe
 * @param startedAt when the run started
 * @param finishedAt when the run finished
 * @param tool the tool, its version and the output format parsed
 * @param status how the run ended
 * @param destinationReached whether the target itself answered
 * @param pathMtu the path MTU where the tool measured it (tracepath, scamper)
 * @param hops one entry per TTL probed, in TTL order
 * @param error why the run failed, for {@link TraceStatus#ERROR} and {@link TraceStatus#TIMEOUT}
 * @param raw the tool's raw output, size-capped, kept for debugging
 */
public record Trace(
        int formatVersion,
        String traceId,
        String agentId,
        String targetId,
        String targetHost,
        String targetAddress,
        AddressFamily addressFamily,
        String sourceAddress,
        ProbeProtocol protocol,
        FlowIdentity flow,
        Integer probesPerHop,
        Integer maxTtl,
        Instant startedAt,
        Instant finishedAt,
        ToolInfo tool,
        TraceStatus status,
        boolean destinationReached,
        Integer pathMtu,
        List<Hop> hops,
        TraceError error,
        RawOutput raw) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public Trace {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(status, "status");
        hops = hops == null ? List.of() : List.copyOf(hops);
    }

    /** The record's Kafka key: {@code agentId/targetId}, so one pair's traces stay in order on one partition. */
    public String key() {
        return agentId + "/" + targetId;
    }

    /** The hop whose responders include the target address, or null if the destination never answered. */
    public Hop destinationHop() {
        if (targetAddress == null) {
            return null;
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (hop.responder(targetAddress) != null) {
                return hop;
            }
        }
        return null;
    }
}
