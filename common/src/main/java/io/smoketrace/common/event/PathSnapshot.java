package io.smoketrace.common.event;

import java.time.Instant;
import java.util.List;

/**
 * A path as the analyzer understood it at one moment: responders per TTL annotated from the RIB.
 *
 * @param pathId the stored path version's id
 * @param traceId the trace it was taken from
 * @param observedAt when that trace ran
 * @param destinationReached whether the destination answered
 * @param hopCount TTL of the destination, or of the last hop that answered
 * @param hops the hops with their annotated responders
 * @param asPath the collapsed data-plane AS path (consecutive equal ASes once; unknown hops skipped)
 * @param destinationRttMs the destination's average RTT
 * @param destinationLossPercent the destination's loss
 */
public record PathSnapshot(
        String pathId,
        String traceId,
        Instant observedAt,
        boolean destinationReached,
        int hopCount,
        List<HopSnapshot> hops,
        List<Long> asPath,
        Double destinationRttMs,
        Double destinationLossPercent) {

    public PathSnapshot {
        hops = hops == null ? List.of() : List.copyOf(hops);
        asPath = asPath == null ? List.of() : List.copyOf(asPath);
    }

    /**
     * One TTL of a snapshot.
     *
     * @param ttl the TTL
     * @param responders who answered, {@code *} included
     */
    public record HopSnapshot(int ttl, List<ResponderSnapshot> responders) {
        public HopSnapshot {
            responders = responders == null ? List.of() : List.copyOf(responders);
        }
    }

    /**
     * One responder with what the RIB says about it.
     *
     * @param address the address, or {@code *}
     * @param hostname its reverse name, where known
     * @param prefix the longest matching prefix in the RIB
     * @param asn the origin AS of that prefix
     * @param addressClass what kind of address it is; special ones are marked, never looked up
     * @param lossPercent loss at this responder
     * @param rttAvgMs average RTT
     * @param ixpName the exchange's name, for an IXP address on a configured exchange LAN that has one
     */
    public record ResponderSnapshot(
            String address,
            String hostname,
            String prefix,
            Long asn,
            AddressClass addressClass,
            Double lossPercent,
            Double rttAvgMs,
            String ixpName) {

        /** A responder that is not on a named exchange LAN. */
        public ResponderSnapshot(String address, String hostname, String prefix, Long asn, AddressClass addressClass,
                                 Double lossPercent, Double rttAvgMs) {
            this(address, hostname, prefix, asn, addressClass, lossPercent, rttAvgMs, null);
        }
    }

    /** What kind of address a responder has. */
    public enum AddressClass { PUBLIC, PRIVATE, SHARED, LINK_LOCAL, LOOPBACK, IXP, DOCUMENTATION, UNROUTED, NO_REPLY }
}
