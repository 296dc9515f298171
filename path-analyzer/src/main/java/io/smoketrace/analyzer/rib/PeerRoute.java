package io.smoketrace.analyzer.rib;

import io.smoketrace.common.bgp.AsPathSegment;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The route one peer holds for a prefix (one ADD-PATH path of it).
 *
 * @param peer the neighbour it was learned from
 * @param pathId the ADD-PATH path identifier, 0 without ADD-PATH
 * @param attributes its path attributes
 */
public record PeerRoute(PeerRef peer, long pathId, RouteAttributes attributes) {

    /** The origin AS: the attribute when the collector gave it, else the last AS of the last AS_SEQUENCE; null when unknown. */
    public Long originAs() {
        if (attributes.originAs() != null) {
            return attributes.originAs();
        }
        List<AsPathSegment> segments = attributes.asPath();
        if (segments.isEmpty()) {
            return null;
        }
        AsPathSegment last = segments.getLast();
        return last.type() == AsPathSegment.SegmentType.AS_SEQUENCE && !last.asns().isEmpty() ? last.asns().getLast() : null;
    }

    /**
     * The ASes a packet would cross, in order: AS_SEQUENCE members with prepends collapsed, an
     * AS_SET as its members (any of them may be crossed); confederation segments left out.
     */
    public List<Long> asSequence() {
        return asSequence(attributes);
    }

    /** The ASes a packet would cross on a route with these attributes (see {@link #asSequence()}). */
    public static List<Long> asSequence(RouteAttributes attributes) {
        List<Long> asns = new ArrayList<>();
        for (AsPathSegment segment : attributes.asPath()) {
            if (segment.type() == AsPathSegment.SegmentType.AS_SEQUENCE || segment.type() == AsPathSegment.SegmentType.AS_SET) {
                for (Long asn : segment.asns()) {
                    if (asns.isEmpty() || !asns.getLast().equals(asn)) {
                        asns.add(asn);
                    }
                }
            }
        }
        return asns;
    }

    /** The route's identity in the RIB topic: {@code peerId|prefix[|pathId]}. */
    public String key(IpPrefix prefix) {
        return RibRoute.key(peer.peerId(), prefix.toString(), pathId);
    }
}
