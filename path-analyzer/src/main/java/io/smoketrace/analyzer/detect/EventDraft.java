package io.smoketrace.analyzer.detect;

import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Measurement;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A path event being put together; the id is derived from what changed, so a replay yields the same id. */
final class EventDraft {

    private final EventType type;
    private final String agentId;
    private final String targetId;
    private final String onsetKey;
    private final Instant changedAt;
    private final Instant detectedAt;
    private final List<String> traceIds;
    private String targetAddress;
    private Integer hop;
    private String hopAddress;
    private PathSnapshot before;
    private PathSnapshot after;
    private Verdict verdict;
    private Measurement measurement;
    private List<RouteUpdate> bgpUpdates = List.of();
    private Map<String, String> labels = Map.of();

    /**
     * @param onsetKey what identifies the change within the pair: the onset trace's id, or the BGP update's identity
     */
    EventDraft(EventType type, String agentId, String targetId, String onsetKey, Instant changedAt, Instant detectedAt, List<String> traceIds) {
        this.type = type;
        this.agentId = agentId;
        this.targetId = targetId;
        this.onsetKey = onsetKey;
        this.changedAt = changedAt;
        this.detectedAt = detectedAt;
        this.traceIds = traceIds;
    }

    /** The stable event id: a name-based UUID of agent, target, event type and onset. */
    static String eventId(String agentId, String targetId, EventType type, String onsetKey) {
        String name = agentId + "/" + targetId + "/" + type + "/" + onsetKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    EventDraft target(String address, Map<String, String> callerLabels) {
        targetAddress = address;
        Map<String, String> all = new HashMap<>(callerLabels);
        all.put("agentId", agentId);
        all.put("targetId", targetId);
        labels = all;
        return this;
    }

    EventDraft hop(Integer ttl, String address) {
        hop = ttl == null || ttl < 1 ? null : ttl;
        hopAddress = hop == null ? null : address;
        return this;
    }

    EventDraft paths(PathSnapshot beforeChange, PathSnapshot afterChange) {
        before = beforeChange;
        after = afterChange;
        return this;
    }

    EventDraft verdict(Verdict value) {
        verdict = value;
        return this;
    }

    EventDraft measurement(Measurement value) {
        measurement = value;
        return this;
    }

    EventDraft bgpUpdates(List<RouteUpdate> updates) {
        bgpUpdates = updates;
        return this;
    }

    PathEvent summary(String text) {
        return new PathEvent(PathEvent.FORMAT_VERSION, eventId(agentId, targetId, type, onsetKey), type, agentId, targetId,
                targetAddress, changedAt, detectedAt, hop, hopAddress, before, after, verdict, measurement, bgpUpdates, traceIds,
                labels, text);
    }
}
