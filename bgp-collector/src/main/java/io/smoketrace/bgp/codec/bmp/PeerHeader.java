package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.DecodeContext;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;

/**
 * The per-peer header (RFC 7854 4.2): which peer and which RIB view a message is about.
 *
 * @param peerType          global, RD or local instance peer, or the Loc-RIB (RFC 9069)
 * @param flags             V (IPv6), L (post-policy), A (2-octet AS paths), O (Adj-RIB-Out, RFC 8671);
 *                          for Loc-RIB, F (filtered)
 * @param peerDistinguisher the route distinguisher of an RD instance peer, 0 otherwise
 */
public record PeerHeader(int peerType, int flags, long peerDistinguisher, InetAddress peerAddress, long peerAs,
                         Inet4Address peerBgpId, long timestampSeconds, long timestampMicroseconds) {

    public static final int LENGTH = 42;

    public static final int GLOBAL_INSTANCE_PEER = 0;
    public static final int RD_INSTANCE_PEER = 1;
    public static final int LOCAL_INSTANCE_PEER = 2;
    public static final int LOC_RIB_INSTANCE_PEER = 3;

    public static final int FLAG_IPV6 = 0x80;
    public static final int FLAG_POST_POLICY = 0x40;
    public static final int FLAG_TWO_OCTET_AS = 0x20;
    public static final int FLAG_ADJ_RIB_OUT = 0x10;
    /** Loc-RIB only (RFC 9069): the table is filtered, not the whole Loc-RIB. */
    public static final int FLAG_FILTERED = 0x80;

    public boolean isLocRib() {
        return peerType == LOC_RIB_INSTANCE_PEER;
    }

    public boolean isIpv6() {
        return !isLocRib() && (flags & FLAG_IPV6) != 0;
    }

    /** Routes after inbound (or outbound) policy, rather than as received (or before policy). */
    public boolean isPostPolicy() {
        return !isLocRib() && (flags & FLAG_POST_POLICY) != 0;
    }

    /** The legacy A flag: the encapsulated UPDATEs use 2-octet AS numbers. */
    public boolean isTwoOctetAs() {
        return !isLocRib() && (flags & FLAG_TWO_OCTET_AS) != 0;
    }

    /** Adj-RIB-Out (RFC 8671) rather than Adj-RIB-In. */
    public boolean isAdjRibOut() {
        return !isLocRib() && (flags & FLAG_ADJ_RIB_OUT) != 0;
    }

    public boolean isFiltered() {
        return isLocRib() && (flags & FLAG_FILTERED) != 0;
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(timestampSeconds, timestampMicroseconds * 1000);
    }

    /** How the UPDATEs of this peer decode, as far as the header tells: AS number width. */
    public DecodeContext decodeContext() {
        return DecodeContext.INITIAL.withFourOctetAs(!isTwoOctetAs()).withExtendedMessage(true);
    }

    static PeerHeader decode(WireReader reader) throws WireUnderflowException {
        int peerType = reader.u8();
        int flags = reader.u8();
        long distinguisher = reader.i64();
        byte[] address = reader.bytes(16);
        boolean ipv6 = peerType != LOC_RIB_INSTANCE_PEER && (flags & FLAG_IPV6) != 0;
        InetAddress peerAddress = IpAddresses.fromOctets(ipv6 ? address : Arrays.copyOfRange(address, 12, 16));
        long peerAs = reader.u32();
        Inet4Address bgpId = IpAddresses.ipv4(reader.i32());
        return new PeerHeader(peerType, flags, distinguisher, peerAddress, peerAs, bgpId, reader.u32(), reader.u32());
    }

    void encode(WireWriter out) {
        out.u8(peerType).u8(flags).i64(peerDistinguisher);
        byte[] address = peerAddress.getAddress();
        if (address.length == 4) {
            out.bytes(new byte[12]);
        }
        out.bytes(address).u32(peerAs).bytes(peerBgpId.getAddress()).u32(timestampSeconds).u32(timestampMicroseconds);
    }
}
