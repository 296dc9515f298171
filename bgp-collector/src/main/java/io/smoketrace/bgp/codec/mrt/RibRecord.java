package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;

import java.util.List;
import java.util.OptionalLong;

/**
 * A TABLE_DUMP_V2 RIB record (RFC 6396 4.3.2, RFC 8050 for ADD-PATH): one prefix and every peer's route to it.
 *
 * @param addPath whether the entries carry path identifiers (the *_ADDPATH subtypes)
 */
public record RibRecord(MrtHeader header, long sequence, AfiSafi afiSafi, IpPrefix prefix, boolean addPath,
                        List<RibEntry> entries) implements MrtRecord {

    public static final int RIB_IPV4_UNICAST = 2;
    public static final int RIB_IPV4_MULTICAST = 3;
    public static final int RIB_IPV6_UNICAST = 4;
    public static final int RIB_IPV6_MULTICAST = 5;
    public static final int RIB_GENERIC = 6;
    public static final int RIB_IPV4_UNICAST_ADDPATH = 8;
    public static final int RIB_IPV4_MULTICAST_ADDPATH = 9;
    public static final int RIB_IPV6_UNICAST_ADDPATH = 10;
    public static final int RIB_IPV6_MULTICAST_ADDPATH = 11;
    public static final int RIB_GENERIC_ADDPATH = 12;

    /** One peer's route: which peer (an index into the {@link PeerIndexTable}), since when, and its attributes. */
    public record RibEntry(int peerIndex, long originatedTime, OptionalLong pathId, PathAttributes attributes) {
    }

    public RibRecord {
        entries = List.copyOf(entries);
    }
}
