package io.smoketrace.analyzer.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import io.smoketrace.common.trace.Responder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace normalised: a hop for every TTL up to the destination (or the last hop that answered),
 * responders as sets annotated from the RIB, and the data-plane AS path.
 *
 * @param traceId the trace it was read from
 * @param observedAt when the trace ran
 * @param destinationReached whether the target answered
 * @param hops one entry per TTL from 1 to the hop count; trailing hops where nothing answered are cut
 * @param asPath the AS path read from the hops
 * @param destinationRttMs the target's average RTT, when it answered
 * @param destinationLossPercent loss at the target's TTL; 100 when it did not answer
 */
public record ObservedPath(
        String traceId,
        Instant observedAt,
        boolean destinationReached,
        List<ObservedHop> hops,
        AsPath asPath,
        Double destinationRttMs,
        double destinationLossPercent) {

    public ObservedPath {
        hops = hops == null ? List.of() : List.copyOf(hops);
        asPath = asPath == null ? AsPath.EMPTY : asPath;
    }

    /** The TTL of the destination, or of the last hop that answered; 0 when nothing did. */
    @JsonIgnore
    public int hopCount() {
        return hops.size();
    }

    /** The hop at a TTL (1-based). */
    public ObservedHop hop(int ttl) {
        return hops.get(ttl - 1);
    }

    /** {@code hop 4 (198.51.100.1, AS64501)}: the TTL and its first responder, for summaries. */
    public String describeHop(int ttl) {
        ObservedHop hop = hop(ttl);
        return hop.answered() ? "hop " + ttl + " (" + hop.responders().getFirst().label() + ")" : "hop " + ttl + " (*)";
    }

    /** The first responder's address at a TTL, or {@code *}. */
    public String addressAt(int ttl) {
        ObservedHop hop = hop(ttl);
        return hop.answered() ? hop.responders().getFirst().address() : Responder.NO_REPLY;
    }

    /** The path in the event contract's form, under the given path version id. */
    public PathSnapshot snapshot(String pathId) {
        List<HopSnapshot> hopSnapshots = new ArrayList<>(hops.size());
        for (ObservedHop hop : hops) {
            List<ResponderSnapshot> responders = new ArrayList<>(hop.responders().size() + 1);
            for (ObservedResponder r : hop.responders()) {
                double loss = r.sent() > 0 ? 100.0 * Math.max(0, r.sent() - r.received()) / r.sent() : 0.0;
                responders.add(new ResponderSnapshot(r.address(), r.hostname(), r.prefix(), r.asn(), r.addressClass(),
                        r.sent() > 0 ? loss : null, r.rttAvgMs(), r.ixpName()));
            }
            if (hop.sent() > hop.received() || !hop.answered()) {
                responders.add(new ResponderSnapshot(Responder.NO_REPLY, null, null, null, AddressClass.NO_REPLY, 100.0, null));
            }
            hopSnapshots.add(new HopSnapshot(hop.ttl(), responders));
        }
        return new PathSnapshot(pathId, traceId, observedAt, destinationReached, hopCount(), hopSnapshots, asPath.asns(),
                destinationRttMs, destinationLossPercent);
    }
}
