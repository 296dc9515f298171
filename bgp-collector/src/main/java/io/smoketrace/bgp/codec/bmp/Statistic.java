package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;

/**
 * One counter or gauge of a Statistics Report (RFC 7854 4.8, RFC 8671).
 */
public sealed interface Statistic {

    /** The stat type code. */
    int type();

    /** A 32-bit counter, such as prefixes rejected by inbound policy (type 0). */
    record Counter(int type, long value) implements Statistic {
    }

    /** A 64-bit gauge, such as routes in Adj-RIB-In (type 7); unsigned, print with {@link Long#toUnsignedString}. */
    record Gauge(int type, long value) implements Statistic {
    }

    /** A 64-bit gauge for one address family, such as per-AFI/SAFI routes in Adj-RIB-In (type 9). */
    record FamilyGauge(int type, AfiSafi afiSafi, long value) implements Statistic {
    }

    /** A stat type this codec does not know, or a known one with an unexpected length, kept as octets. */
    record Unknown(int type, Octets value) implements Statistic {
    }
}
