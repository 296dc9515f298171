package io.smoketrace.analyzer.repository;

import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * One TTL's statistics as a trace row keeps them next to its path version: loss over the TTL's
 * probes and RTT over the responders that answered.
 *
 * @param ttl the TTL
 * @param sent probes sent at this TTL
 * @param lossPercent probes without an answer, in percent
 * @param rttAvgMs the answering responders' average RTT, weighted by their replies
 * @param rttBestMs the best RTT of any responder
 * @param rttWorstMs the worst RTT of any responder
 */
public record HopStatistics(int ttl, int sent, double lossPercent, Double rttAvgMs, Double rttBestMs, Double rttWorstMs) {

    /** The statistics of every hop of a trace, in TTL order. */
    public static List<HopStatistics> of(Trace trace) {
        List<HopStatistics> stats = new ArrayList<>(trace.hops().size());
        for (Hop hop : trace.hops()) {
            double weighted = 0;
            int replies = 0;
            Double best = null;
            Double worst = null;
            for (Responder r : hop.responders()) {
                if (r.isNoReply() || r.rtt() == null || r.received() == 0) {
                    continue;
                }
                weighted += r.rtt().avg() * r.received();
                replies += r.received();
                double low = r.rtt().best() != null ? r.rtt().best() : r.rtt().avg();
                double high = r.rtt().worst() != null ? r.rtt().worst() : r.rtt().avg();
                best = best == null ? low : Math.min(best, low);
                worst = worst == null ? high : Math.max(worst, high);
            }
            int sent = hop.sent();
            double loss = sent <= 0 ? 100.0 : 100.0 * Math.max(0, sent - hop.received()) / sent;
            stats.add(new HopStatistics(hop.ttl(), sent, loss, replies == 0 ? null : weighted / replies, best, worst));
        }
        return stats;
    }
}
