package io.smoketrace.bgp.codec.mrt;

/**
 * The common header of an MRT record (RFC 6396 2), with where the record starts in the file.
 *
 * @param offset       position of the record in the (decompressed) file
 * @param timestamp    seconds since the Unix epoch
 * @param microseconds the extended-timestamp types' microseconds (RFC 6396 3), 0 for other types
 * @param length       the header's length field: the octets after the 12-octet header, microseconds included
 */
public record MrtHeader(long offset, long timestamp, int microseconds, int type, int subtype, long length) {

    public static final int LENGTH = 12;

    public static final int TABLE_DUMP = 12;
    public static final int TABLE_DUMP_V2 = 13;
    public static final int BGP4MP = 16;
    public static final int BGP4MP_ET = 17;
    public static final int ISIS_ET = 33;
    public static final int OSPFV3_ET = 49;

    /** Whether the type carries a 4-octet microsecond field after the header. */
    public static boolean hasExtendedTimestamp(int type) {
        return type == BGP4MP_ET || type == ISIS_ET || type == OSPFV3_ET;
    }

    public boolean extendedTimestamp() {
        return hasExtendedTimestamp(type);
    }

    /** Octets of the record body, after any microsecond field. */
    public long bodyLength() {
        return extendedTimestamp() ? length - 4 : length;
    }
}
