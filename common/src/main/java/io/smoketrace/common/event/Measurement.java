package io.smoketrace.common.event;

/**
 * The numbers behind a latency or loss event.
 *
 * @param metric destination_rtt_ms or destination_loss_percent
 * @param baseline the baseline (median over the window before the change)
 * @param observed the value over the confirming traces
 * @param threshold the threshold that was crossed
 * @param unit ms or percent
 */
public record Measurement(String metric, double baseline, double observed, double threshold, String unit) {
}
