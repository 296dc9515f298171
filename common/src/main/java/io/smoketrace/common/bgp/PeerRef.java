package io.smoketrace.common.bgp;

import java.util.Objects;

/**
 * The BGP neighbour a route was learned from, as the collector saw it: directly over a BGP session,
 * through a router's BMP feed, or from an MRT file.
 *
 * @param peerId stable id used in topic keys: {@code bgp:<address>}, {@code bmp:<router>:<address>[:<rd>]:<view>}, {@code mrt:<collector>:<address>}
 * @param address the neighbour's address
 * @param asn the neighbour's AS number
 * @param bgpId the neighbour's BGP identifier (router id), where known
 * @param routerAddress for BMP, the monitored router that exported the route
 * @param routeDistinguisher for BMP peers in a VRF, the peer distinguisher
 * @param view which RIB the route comes from
 */
public record PeerRef(
        String peerId,
        String address,
        long asn,
        String bgpId,
        String routerAddress,
        String routeDistinguisher,
        RibView view) {

    public PeerRef {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(view, "view");
    }

    /** Which RIB a route was taken from. */
    public enum RibView {
        /** Received over our own BGP session (no policy applied by anyone but the peer). */
        ADJ_RIB_IN,
        /** BMP Adj-RIB-In before the router's inbound policy. */
        ADJ_RIB_IN_PRE_POLICY,
        /** BMP Adj-RIB-In after the router's inbound policy. */
        ADJ_RIB_IN_POST_POLICY,
        /** BMP Loc-RIB (RFC 9069): the router's selected routes. */
        LOC_RIB,
        /** An MRT file (RIB dump or update archive). */
        MRT
    }
}
