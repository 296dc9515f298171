package io.smoketrace.bgp.codec.mrt;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * PEER_INDEX_TABLE (RFC 6396 4.3.1): the collector and the peers that later RIB entries refer to by index.
 */
public record PeerIndexTable(MrtHeader header, Inet4Address collectorBgpId, String viewName, List<Peer> peers)
        implements MrtRecord {

    public static final int SUBTYPE = 1;

    /** Peer type bit: the peer address is IPv6. */
    public static final int PEER_IPV6 = 0x01;
    /** Peer type bit: the peer AS is 4 octets. */
    public static final int PEER_AS4 = 0x02;

    /** One peer of the collector. */
    public record Peer(int peerType, Inet4Address bgpId, InetAddress address, long asNumber) {
    }

    public PeerIndexTable {
        peers = List.copyOf(peers);
    }
}
