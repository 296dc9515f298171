package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;

/**
 * The traceroute annotation ({@code !H}, {@code !X}, {@code !F-1480} ...) for an ICMP reply given
 * by type and code, for tools that report the numbers (scamper) rather than the letters. IPv4
 * follows BSD traceroute's table, which keeps every code apart and agrees with Linux traceroute on
 * the codes Linux names; IPv6 follows Linux traceroute6. Replies that mean "arrived" or "time
 * exceeded" carry none.
 */
final class IcmpAnnotations {

    private static final int V4_UNREACHABLE = 3;
    private static final int V6_UNREACHABLE = 1;
    private static final int V6_PACKET_TOO_BIG = 2;
    private static final String[] V4_UNREACHABLE_CODES = {
        "!N", "!H", "!P", null, "!F", "!S", "!U", "!W", "!I", "!A", "!Z", "!Q", "!T", "!X", "!V", "!C"};
    private static final String[] V6_UNREACHABLE_CODES = {"!N", "!X", "!H", "!H", null};
    private static final int NEEDS_FRAGMENTATION = 4;

    private IcmpAnnotations() {
    }

    /**
     * The annotation, or null when the reply is a plain time-exceeded, an echo reply or the
     * destination's port unreachable.
     *
     * @param nextHopMtu the MTU quoted in "fragmentation needed" / "packet too big", or null
     */
    static String of(AddressFamily family, int type, int code, Integer nextHopMtu) {
        if (family == AddressFamily.IPV6) {
            if (type == V6_PACKET_TOO_BIG) {
                return fragmentation(nextHopMtu);
            }
            if (type != V6_UNREACHABLE) {
                return null;
            }
            return code >= 0 && code < V6_UNREACHABLE_CODES.length ? V6_UNREACHABLE_CODES[code] : "!<" + code + ">";
        }
        if (type != V4_UNREACHABLE) {
            return null;
        }
        if (code == NEEDS_FRAGMENTATION) {
            return fragmentation(nextHopMtu);
        }
        return code >= 0 && code < V4_UNREACHABLE_CODES.length ? V4_UNREACHABLE_CODES[code] : "!<" + code + ">";
    }

    private static String fragmentation(Integer mtu) {
        return mtu == null || mtu <= 0 ? "!F" : "!F-" + mtu;
    }
}
