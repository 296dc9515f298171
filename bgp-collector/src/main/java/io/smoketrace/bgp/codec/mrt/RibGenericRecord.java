package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;

/**
 * A RIB_GENERIC record of an address family whose NLRI this codec cannot delimit, kept as octets.
 *
 * @param nlriAndEntries everything after the AFI and SAFI
 */
public record RibGenericRecord(MrtHeader header, long sequence, AfiSafi afiSafi, boolean addPath, Octets nlriAndEntries)
        implements MrtRecord {
}
