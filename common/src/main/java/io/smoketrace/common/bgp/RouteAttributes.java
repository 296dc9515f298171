package io.smoketrace.common.bgp;

import java.util.List;

/**
 * The path attributes of one announced route, decoded into the values operators read.
 *
 * @param origin ORIGIN
 * @param asPath AS_PATH as segments, with AS4_PATH already merged (RFC 6793)
 * @param originAs the last AS of the last AS_SEQUENCE, or null when the path ends in a set or is empty
 * @param nextHop NEXT_HOP or the MP_REACH next hop (global address first)
 * @param med MULTI_EXIT_DISC
 * @param localPref LOCAL_PREF
 * @param atomicAggregate ATOMIC_AGGREGATE present
 * @param aggregator AGGREGATOR (AS4_AGGREGATOR merged)
 * @param communities COMMUNITIES as {@code asn:value}, well-known ones by name (no-export ...)
 * @param extendedCommunities EXTENDED COMMUNITIES as {@code rt:asn:value}, {@code soo:...} or hex
 * @param largeCommunities LARGE COMMUNITIES as {@code global:local1:local2}
 */
public record RouteAttributes(
        Origin origin,
        List<AsPathSegment> asPath,
        Long originAs,
        String nextHop,
        Long med,
        Long localPref,
        boolean atomicAggregate,
        Aggregator aggregator,
        List<String> communities,
        List<String> extendedCommunities,
        List<String> largeCommunities) {

    public RouteAttributes {
        asPath = asPath == null ? List.of() : List.copyOf(asPath);
        communities = communities == null ? List.of() : List.copyOf(communities);
        extendedCommunities = extendedCommunities == null ? List.of() : List.copyOf(extendedCommunities);
        largeCommunities = largeCommunities == null ? List.of() : List.copyOf(largeCommunities);
    }

    /** The AS path in the usual text form: {@code 64500 64501 {64502,64503}}. */
    public String asPathText() {
        StringBuilder sb = new StringBuilder();
        for (AsPathSegment segment : asPath) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(segment.text());
        }
        return sb.toString();
    }

    /** Number of ASes a BGP decision would count: a set counts as one. */
    public int asPathLength() {
        int length = 0;
        for (AsPathSegment segment : asPath) {
            length += switch (segment.type()) {
                case AS_SEQUENCE -> segment.asns().size();
                case AS_SET -> 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
            };
        }
        return length;
    }

    /** The ORIGIN attribute. */
    public enum Origin { IGP, EGP, INCOMPLETE }

    /**
     * The AGGREGATOR attribute.
     *
     * @param asn the aggregating AS
     * @param address the aggregating router's address
     */
    public record Aggregator(long asn, String address) {
    }
}
