package io.smoketrace.bgp.codec.bgp;

/**
 * An address family (AFI) and subsequent address family (SAFI) pair, as negotiated by MP-BGP (RFC 4760).
 */
public record AfiSafi(int afi, int safi) {

    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;
    /** Obsolete "unicast and multicast" SAFI that old MRT archives still carry. */
    public static final int SAFI_UNICAST_MULTICAST = 3;

    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV4_MULTICAST = new AfiSafi(AFI_IPV4, SAFI_MULTICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);
    public static final AfiSafi IPV6_MULTICAST = new AfiSafi(AFI_IPV6, SAFI_MULTICAST);

    public AfiSafi {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI is 16 bits and SAFI 8 bits: " + afi + "/" + safi);
        }
    }

    /** Whether NLRI of this family are plain IP prefixes that this codec decodes (others are kept raw). */
    public boolean carriesIpPrefixes() {
        return (afi == AFI_IPV4 || afi == AFI_IPV6)
                && (safi == SAFI_UNICAST || safi == SAFI_MULTICAST || safi == SAFI_UNICAST_MULTICAST);
    }

    /** Address length in octets for this family's prefixes and next hops. */
    public int addressLength() {
        return afi == AFI_IPV6 ? 16 : 4;
    }

    @Override
    public String toString() {
        return afi + "/" + safi;
    }
}
