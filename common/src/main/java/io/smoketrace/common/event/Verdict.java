package io.smoketrace.common.event;

import java.util.List;
import java.util.Objects;

/**
 * Whether the path after a change is better or worse than before, with the evidence.
 *
 * @param judgement the overall call
 * @param reasons each metric that went into it
 */
public record Verdict(Judgement judgement, List<Reason> reasons) {

    public Verdict {
        Objects.requireNonNull(judgement, "judgement");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The overall call. */
    public enum Judgement { BETTER, WORSE, NEUTRAL }

    /**
     * One metric compared before and after.
     *
     * @param metric what was compared: destination_rtt_ms, hop_count, as_path_length, destination_loss_percent, reachability
     * @param before the value before
     * @param after the value after
     * @param effect how this metric alone moved
     * @param description the comparison in words
     */
    public record Reason(String metric, Double before, Double after, Judgement effect, String description) {
    }
}
