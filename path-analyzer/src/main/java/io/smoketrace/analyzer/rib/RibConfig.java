package io.smoketrace.analyzer.rib;

import java.util.List;

/**
 * How the RIB classifies addresses before looking them up; a plain record the service can back with
 * {@code @ConfigMapping}.
 *
 * @param documentationIsSpecial whether the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 *        203.0.113.0/24, 2001:db8::/32) are marked DOCUMENTATION and never looked up. Off by default:
 *        labs, ours included, number routers from them as if they were public, and the lab's BGP
 *        announces them, so they must resolve to an origin AS like any public address
 * @param ixpLans exchange peering LANs: their addresses are marked IXP with the exchange's name,
 *        whatever the RIB says, because an exchange LAN says nothing about which AS a hop belongs to
 */
public record RibConfig(boolean documentationIsSpecial, List<IxpLan> ixpLans) {

    public RibConfig {
        ixpLans = ixpLans == null ? List.of() : List.copyOf(ixpLans);
    }

    /** Documentation ranges looked up like public ones; no exchange LANs. */
    public static RibConfig defaults() {
        return new RibConfig(false, List.of());
    }

    /**
     * One exchange's peering LAN.
     *
     * @param name the exchange's name as operators say it (DE-CIX Frankfurt, AMS-IX)
     * @param prefix the LAN prefix in CIDR notation
     */
    public record IxpLan(String name, String prefix) {
    }
}
