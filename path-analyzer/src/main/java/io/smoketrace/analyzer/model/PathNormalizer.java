package io.smoketrace.analyzer.model;

import io.smoketrace.analyzer.rib.AddressAnnotation;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a trace into an {@link ObservedPath}: {@code *} becomes unanswered probes rather than an
 * address, each TTL's responders become a set annotated from the RIB, missing TTLs become silent
 * hops, and the hops after the destination (or after the last answer) are dropped.
 */
public final class PathNormalizer {

    private static final Comparator<ObservedResponder> BY_ADDRESS = Comparator.comparing(ObservedResponder::address);

    private final Rib rib;

    public PathNormalizer(Rib rib) {
        this.rib = rib;
    }

    /** The normalised path of a trace. */
    public ObservedPath normalize(Trace trace) {
        Hop destination = trace.destinationReached() ? trace.destinationHop() : null;
        boolean reached = trace.destinationReached() && (destination != null || !trace.hops().isEmpty());
        int lastTtl = 0;
        for (Hop hop : trace.hops()) {
            if (destination != null ? hop.ttl() <= destination.ttl() : hop.received() > 0) {
                lastTtl = Math.max(lastTtl, hop.ttl());
            }
        }
        ObservedHop[] byTtl = new ObservedHop[lastTtl];
        for (Hop hop : trace.hops()) {
            if (hop.ttl() >= 1 && hop.ttl() <= lastTtl) {
                byTtl[hop.ttl() - 1] = observe(hop);
            }
        }
        List<ObservedHop> hops = new ArrayList<>(lastTtl);
        List<Long> perHopAs = new ArrayList<>(lastTtl);
        for (int ttl = 1; ttl <= lastTtl; ttl++) {
            ObservedHop hop = byTtl[ttl - 1] != null ? byTtl[ttl - 1] : new ObservedHop(ttl, List.of(), 0, 0);
            hops.add(hop);
            addAs(hop, perHopAs);
        }
        Double rtt = null;
        double loss = 100.0;
        if (reached && !hops.isEmpty()) {
            ObservedHop last = hops.getLast();
            ObservedResponder target = trace.targetAddress() == null ? null : last.responder(trace.targetAddress());
            rtt = target != null ? target.rttAvgMs() : null;
            loss = last.lossPercent();
        }
        return new ObservedPath(trace.traceId(), trace.startedAt(), reached, hops, AsPath.of(perHopAs), rtt, loss);
    }

    private ObservedHop observe(Hop hop) {
        List<ObservedResponder> responders = new ArrayList<>(hop.responders().size());
        for (Responder r : hop.responders()) {
            if (r.isNoReply() || r.received() == 0) {
                continue;
            }
            AddressAnnotation annotation = rib.annotate(r.address());
            responders.add(new ObservedResponder(r.address(), r.hostname(), annotation.addressClass(), annotation.prefix(),
                    annotation.originAs(), annotation.ixpName(), r.sent(), r.received(), averageRtt(r)));
        }
        responders.sort(BY_ADDRESS);
        return new ObservedHop(hop.ttl(), responders, hop.sent(), hop.received());
    }

    private static Double averageRtt(Responder responder) {
        if (responder.rtt() != null) {
            return responder.rtt().avg();
        }
        if (responder.samples().isEmpty()) {
            return null;
        }
        double sum = 0;
        for (double sample : responder.samples()) {
            sum += sample;
        }
        return sum / responder.samples().size();
    }

    /** Adds the hop's AS to the per-hop list: its responders' origins, a gap when none is known, nothing for an exchange. */
    private static void addAs(ObservedHop hop, List<Long> perHopAs) {
        boolean exchange = false;
        int before = perHopAs.size();
        for (ObservedResponder responder : hop.responders()) {
            if (responder.addressClass() == AddressClass.IXP) {
                exchange = true;
            } else if (responder.asn() != null && !perHopAs.subList(before, perHopAs.size()).contains(responder.asn())) {
                perHopAs.add(responder.asn());
            }
        }
        if (perHopAs.size() == before && !exchange) {
            perHopAs.add(AsPath.GAP);
        }
    }
}
