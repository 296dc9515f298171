package io.smoketrace.common.target;

/**
 * Detection thresholds for one target; a null field falls back to the analyzer's global setting.
 *
 * @param latencyIncreaseMs raise a latency event when the destination RTT exceeds the baseline by this many ms
 * @param latencyIncreasePercent ... or by this many percent of the baseline (both must hold when both are set)
 * @param lossPercent raise a loss event when destination loss is at least this
 * @param confirmations consecutive traces a change must hold before it is an event
 */
public record DetectionThresholds(Double latencyIncreaseMs, Double latencyIncreasePercent, Double lossPercent, Integer confirmations) {
}
