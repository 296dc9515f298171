package io.smoketrace.common.bgp;

import java.time.Instant;
import java.util.Objects;

/**
 * One announce or withdraw of one prefix as seen from one peer, published on
 * {@code smoketrace.bgp.updates.v1} keyed by prefix.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param source how the collector learned it
 * @param collectorId the collector instance
 * @param peer the neighbour it came from
 * @param prefix the prefix in CIDR notation
 * @param pathId the ADD-PATH path identifier, 0 without ADD-PATH
 * @param action announce or withdraw
 * @param attributes the path attributes; null for a withdraw
 * @param timestamp when the router sent it (BMP/MRT timestamp) or when we received it (BGP session)
 */
public record RouteUpdate(
        int formatVersion,
        RouteSource source,
        String collectorId,
        PeerRef peer,
        String prefix,
        long pathId,
        Action action,
        RouteAttributes attributes,
        Instant timestamp) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public RouteUpdate {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(action, "action");
        if (action == Action.ANNOUNCE) {
            Objects.requireNonNull(attributes, "attributes of an announcement");
        }
    }

    /** Announce or withdraw. */
    public enum Action { ANNOUNCE, WITHDRAW }
}
