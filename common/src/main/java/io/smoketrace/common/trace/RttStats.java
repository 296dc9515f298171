package io.smoketrace.common.trace;

import java.util.List;

/**
 * Round-trip time statistics for one responder, in milliseconds, as mtr reports them. Only the
 * average is always there: a tool told to print fewer columns (mtr -o) leaves the others unknown.
 *
 * @param last the most recent RTT, if known
 * @param avg the mean RTT
 * @param best the lowest RTT, if known
 * @param worst the highest RTT, if known
 * @param stddev the standard deviation (0 for a single sample), if known
 */
public record RttStats(Double last, double avg, Double best, Double worst, Double stddev) {

    /** Statistics over the given samples in probe order; null when there are none. */
    public static RttStats of(List<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        double sum = 0;
        double best = Double.MAX_VALUE;
        double worst = -Double.MAX_VALUE;
        for (double s : samples) {
            sum += s;
            best = Math.min(best, s);
            worst = Math.max(worst, s);
        }
        double avg = sum / samples.size();
        double squares = 0;
        for (double s : samples) {
            squares += (s - avg) * (s - avg);
        }
        // mtr divides by n-1 (sample standard deviation); one sample has no spread.
        double stddev = samples.size() > 1 ? Math.sqrt(squares / (samples.size() - 1)) : 0;
        return new RttStats(samples.getLast(), avg, best, worst, stddev);
    }
}
