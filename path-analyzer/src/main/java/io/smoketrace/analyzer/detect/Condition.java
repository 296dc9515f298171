package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedPath;
import java.time.Instant;

/**
 * A problem that is either present or not (the target unreachable, latency high, loss, a data-plane
 * AS path that disagrees with BGP), flipping only after enough consecutive traces say so, so one odd
 * trace neither raises nor clears it, and a recovery only ever follows a problem.
 */
final class Condition {

    private boolean active;
    private Streak streak;
    private Integer hop;
    private String hopAddress;
    private Double observed;
    private Instant since;

    Condition(ConditionState state) {
        if (state != null) {
            active = state.active();
            streak = state.streak();
            hop = state.hop();
            hopAddress = state.hopAddress();
            observed = state.observed();
            since = state.since();
        }
    }

    /** Whether the problem is present. */
    boolean active() {
        return active;
    }

    /**
     * Feeds one trace: {@code deviates} says whether it shows the other state (the problem while
     * there is none, or its absence while there is one). Returns the confirmed streak when the state
     * flips, else null.
     */
    Streak observe(ObservedPath path, boolean deviates, int confirmations) {
        if (!deviates) {
            streak = null;
            return null;
        }
        streak = streak == null ? Streak.of(path) : streak.extendedWith(path);
        if (streak.length() < confirmations) {
            return null;
        }
        Streak confirmed = streak;
        streak = null;
        active = !active;
        since = active ? confirmed.onsetAt() : null;
        return confirmed;
    }

    /** Remembers where the problem was seen and its size, for the recovery event. */
    void located(Integer ttl, String address, Double value) {
        hop = ttl;
        hopAddress = address;
        observed = value;
    }

    Integer hop() {
        return hop;
    }

    String hopAddress() {
        return hopAddress;
    }

    Double observed() {
        return observed;
    }

    /** When the present problem started (its onset trace), or null. */
    Instant since() {
        return since;
    }

    ConditionState state() {
        return new ConditionState(active, streak, hop, hopAddress, observed, since);
    }
}
