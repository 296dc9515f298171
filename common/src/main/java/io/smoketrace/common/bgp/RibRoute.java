package io.smoketrace.common.bgp;

import java.time.Instant;
import java.util.Objects;

/**
 * The current route for one prefix from one peer, the value on the compacted {@code smoketrace.bgp.rib.v1}
 * topic under the key {@link #key}; a withdrawn route is a null value (tombstone) under the same key.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param source how the collector learned it
 * @param collectorId the collector instance
 * @param peer the neighbour it came from
 * @param prefix the prefix in CIDR notation
 * @param pathId the ADD-PATH path identifier, 0 without ADD-PATH
 * @param attributes the path attributes
 * @param firstSeen when this peer first announced this prefix (with this path id) since the session came up
 * @param updatedAt when the attributes last changed
 */
public record RibRoute(
        int formatVersion,
        RouteSource source,
        String collectorId,
        PeerRef peer,
        String prefix,
        long pathId,
        RouteAttributes attributes,
        Instant firstSeen,
        Instant updatedAt) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public RibRoute {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** This route's topic key. */
    public String key() {
        return key(peer.peerId(), prefix, pathId);
    }

    /** The RIB topic key: {@code peerId|prefix}, with {@code |pathId} appended when ADD-PATH gives one. */
    public static String key(String peerId, String prefix, long pathId) {
        return pathId == 0 ? peerId + "|" + prefix : peerId + "|" + prefix + "|" + pathId;
    }
}
