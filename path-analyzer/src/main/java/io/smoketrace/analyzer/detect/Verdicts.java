package io.smoketrace.analyzer.detect;

import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.common.event.Verdict.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a path after a change against before, metric by metric, each with a significance margin.
 * The overall call is the first significant metric in the order users feel them: reachability, loss
 * at the destination, destination RTT, AS path length, hop count.
 */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * What a path looked like on one side of a change; null where unknown.
     *
     * @param reachable whether the destination answered
     * @param lossPercent destination loss
     * @param rttMs destination RTT
     * @param asPathLength known ASes on the path
     * @param hopCount hops to the destination (or to the last answering hop)
     */
    record Metrics(Boolean reachable, Double lossPercent, Double rttMs, Integer asPathLength, Integer hopCount) {
    }

    static Verdict judge(Metrics before, Metrics after, DetectorConfig.VerdictMargins margins) {
        List<Reason> reasons = new ArrayList<>();
        if (before.reachable() != null && after.reachable() != null) {
            Judgement effect = before.reachable().equals(after.reachable()) ? Judgement.NEUTRAL
                    : after.reachable() ? Judgement.BETTER : Judgement.WORSE;
            reasons.add(new Reason("reachability", before.reachable() ? 1.0 : 0.0, after.reachable() ? 1.0 : 0.0, effect,
                    (before.reachable() ? "reachable" : "unreachable") + " -> " + (after.reachable() ? "reachable" : "unreachable")));
        }
        if (before.lossPercent() != null && after.lossPercent() != null) {
            double diff = after.lossPercent() - before.lossPercent();
            reasons.add(reason("destination_loss_percent", "destination loss", before.lossPercent(), after.lossPercent(), " %",
                    Math.abs(diff) >= margins.lossPercent(), diff));
        }
        if (before.rttMs() != null && after.rttMs() != null) {
            double diff = after.rttMs() - before.rttMs();
            boolean significant = Math.abs(diff) >= margins.rttMs() && Math.abs(diff) >= margins.rttPercent() / 100 * before.rttMs();
            reasons.add(reason("destination_rtt_ms", "destination RTT", before.rttMs(), after.rttMs(), " ms", significant, diff));
        }
        if (before.asPathLength() != null && after.asPathLength() != null) {
            int diff = after.asPathLength() - before.asPathLength();
            reasons.add(reason("as_path_length", "AS path length", before.asPathLength(), after.asPathLength(), "",
                    Math.abs(diff) >= margins.asPathLength(), diff));
        }
        if (before.hopCount() != null && after.hopCount() != null) {
            int diff = after.hopCount() - before.hopCount();
            reasons.add(reason("hop_count", "hop count", before.hopCount(), after.hopCount(), "", Math.abs(diff) >= margins.hopCount(), diff));
        }
        Judgement judgement = Judgement.NEUTRAL;
        for (Reason reason : reasons) {
            if (reason.effect() != Judgement.NEUTRAL) {
                judgement = reason.effect();
                break;
            }
        }
        return new Verdict(judgement, reasons);
    }

    /** A metric where more is worse. */
    private static Reason reason(String metric, String words, double before, double after, String unit, boolean significant, double diff) {
        Judgement effect = !significant ? Judgement.NEUTRAL : diff > 0 ? Judgement.WORSE : Judgement.BETTER;
        return new Reason(metric, before, after, effect, words + " " + number(before) + " -> " + number(after) + unit);
    }

    /** A number as operators write it: integers bare, others with one decimal. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * The verdict in a summary: {@code WORSE: destination RTT 23.1 -> 41.7 ms}, naming the deciding
     * reason, or for NEUTRAL the RTT comparison when there is one (what users look at first).
     */
    static String describe(Verdict verdict) {
        for (Reason reason : verdict.reasons()) {
            boolean named = verdict.judgement() == Judgement.NEUTRAL ? reason.metric().equals("destination_rtt_ms")
                    : reason.effect() == verdict.judgement();
            if (named) {
                return verdict.judgement() + ": " + reason.description();
            }
        }
        return verdict.judgement().toString();
    }
}
