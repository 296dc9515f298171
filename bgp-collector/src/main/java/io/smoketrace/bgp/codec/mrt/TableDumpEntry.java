package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;

import java.net.InetAddress;

/**
 * TABLE_DUMP (RFC 6396 4.2): one route of one peer in a legacy RIB dump, with 2-octet AS numbers.
 */
public record TableDumpEntry(MrtHeader header, int viewNumber, int sequence, IpPrefix prefix, int status,
                             long originatedTime, InetAddress peerAddress, int peerAs, PathAttributes attributes)
        implements MrtRecord {

    public static final int SUBTYPE_AFI_IPV4 = 1;
    public static final int SUBTYPE_AFI_IPV6 = 2;
}
