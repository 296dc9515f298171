package io.smoketrace.analyzer.detect;

import java.time.Instant;

/**
 * The persisted form of one problem condition of a pair.
 *
 * @param active whether the problem is present
 * @param streak traces pointing to a flip, not yet enough to confirm it; null when none
 * @param hop the TTL the problem was attributed to when it started
 * @param hopAddress the responder at that TTL
 * @param observed the size of the problem when it started (RTT in ms, loss in percent)
 * @param since when the present problem started, or null
 */
public record ConditionState(boolean active, Streak streak, Integer hop, String hopAddress, Double observed, Instant since) {
}
