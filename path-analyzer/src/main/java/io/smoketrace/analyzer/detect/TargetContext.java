package io.smoketrace.analyzer.detect;

import io.smoketrace.common.target.DetectionThresholds;
import java.util.Map;

/**
 * What the service knows about a trace's target and agent that the trace does not carry.
 *
 * @param labels labels for the events (site, target tags ...); agentId and targetId are added
 * @param thresholds the target's own thresholds, or null for the defaults
 */
public record TargetContext(Map<String, String> labels, DetectionThresholds thresholds) {

    /** No labels, default thresholds. */
    public static final TargetContext DEFAULTS = new TargetContext(Map.of(), null);

    public TargetContext {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
