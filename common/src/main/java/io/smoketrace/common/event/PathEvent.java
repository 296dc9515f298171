package io.smoketrace.common.event;

import io.smoketrace.common.bgp.RouteUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A confirmed change on one (agent, target) path, published on {@code smoketrace.path-events.v1}
 * keyed by {@code agentId/targetId}.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param eventId stable id derived from what changed, so replaying the same traces yields the same id
 * @param type what changed
 * @param agentId the vantage point
 * @param targetId the target
 * @param targetAddress the address probed
 * @param changedAt when the first trace showing the change ran (the onset)
 * @param detectedAt when the change was confirmed
 * @param hop the TTL from which the change holds to the destination, if the change has one
 * @param hopAddress the responder at that TTL after the change, if any
 * @param before the path before the change
 * @param after the path after the change
 * @param verdict whether the new path is worse, and why
 * @param measurement the metric that crossed a threshold, for latency and loss events
 * @param bgpUpdates BGP updates for the target's covering prefix (or a more specific) around the change
 * @param traceIds the traces that confirmed the change, oldest first
 * @param labels site, target tags and other labels for routing alerts
 * @param summary one line for a human
 */
public record PathEvent(
        int formatVersion,
        String eventId,
        EventType type,
        String agentId,
        String targetId,
        String targetAddress,
        Instant changedAt,
        Instant detectedAt,
        Integer hop,
        String hopAddress,
        PathSnapshot before,
        PathSnapshot after,
        Verdict verdict,
        Measurement measurement,
        List<RouteUpdate> bgpUpdates,
        List<String> traceIds,
        Map<String, String> labels,
        String summary) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public PathEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(verdict, "verdict");
        bgpUpdates = bgpUpdates == null ? List.of() : List.copyOf(bgpUpdates);
        traceIds = traceIds == null ? List.of() : List.copyOf(traceIds);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The record's Kafka key. */
    public String key() {
        return agentId + "/" + targetId;
    }
}
