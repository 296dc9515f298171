package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive traces showing the same change, not yet confirmed: where it started and what the
 * destination looked like in each.
 *
 * @param onsetTraceId the first trace showing the change
 * @param onsetAt when that trace ran
 * @param traceIds every trace in the streak, oldest first
 * @param rtts the destination RTTs of those traces that reached it
 * @param losses the destination losses
 */
public record Streak(String onsetTraceId, Instant onsetAt, List<String> traceIds, List<Double> rtts, List<Double> losses) {

    public Streak {
        traceIds = traceIds == null ? List.of() : List.copyOf(traceIds);
        rtts = rtts == null ? List.of() : List.copyOf(rtts);
        losses = losses == null ? List.of() : List.copyOf(losses);
    }

    /** A streak of one trace. */
    static Streak of(ObservedPath path) {
        return new Streak(path.traceId(), path.observedAt(), List.of(), List.of(), List.of()).extendedWith(path);
    }

    /** This streak with one more trace. */
    Streak extendedWith(ObservedPath path) {
        List<String> ids = new ArrayList<>(traceIds);
        ids.add(path.traceId());
        List<Double> newRtts = new ArrayList<>(rtts);
        if (path.destinationRttMs() != null) {
            newRtts.add(path.destinationRttMs());
        }
        List<Double> newLosses = new ArrayList<>(losses);
        newLosses.add(path.destinationLossPercent());
        return new Streak(onsetTraceId, onsetAt, ids, newRtts, newLosses);
    }

    /** The number of traces. */
    int length() {
        return traceIds.size();
    }

    /** The median destination RTT over the streak, or null when none reached it. */
    Double medianRtt() {
        return RollingWindow.median(rtts);
    }

    /** The median destination loss over the streak. */
    Double medianLoss() {
        return RollingWindow.median(losses);
    }
}
