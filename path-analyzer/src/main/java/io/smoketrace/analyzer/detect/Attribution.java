package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedHop;
import io.smoketrace.analyzer.model.ObservedPath;
import java.util.function.Function;

/**
 * Finds the first hop from which a destination problem persists to the destination. Walking back
 * from the destination, each hop either carries the problem, clearly does not, or cannot tell (it
 * did not answer, or there is nothing to compare with); the walk stops at the first hop that does
 * not. So latency or loss at an intermediate hop that later hops do not show (ICMP rate limiting,
 * slow-path replies) is never blamed.
 */
final class Attribution {

    /** What one hop says about a destination problem. */
    enum Carries { YES, NO, UNKNOWN }

    private Attribution() {
    }

    /** The first TTL from which the problem persists to the destination (the destination's TTL when only it shows it). */
    static int firstHopCarrying(ObservedPath path, Function<ObservedHop, Carries> carries) {
        int first = path.hopCount();
        for (int ttl = path.hopCount() - 1; ttl >= 1; ttl--) {
            Carries verdict = carries.apply(path.hop(ttl));
            if (verdict == Carries.NO) {
                break;
            }
            if (verdict == Carries.YES) {
                first = ttl;
            }
        }
        return first;
    }
}
