package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Responder;
import java.net.Inet6Address;
import java.util.Arrays;

/** Recognises and compares the IP address literals tools print, without ever resolving a name. */
final class Addresses {

    /** Stands in for a responder the tool printed only by name: see {@link Responder#NOT_PRINTED_IPV4}. */
    static final String NOT_PRINTED_V4 = Responder.NOT_PRINTED_IPV4;
    static final String NOT_PRINTED_V6 = Responder.NOT_PRINTED_IPV6;

    private Addresses() {
    }

    /** The unspecified address of the family, used for responders shown only by name. */
    static String notPrinted(AddressFamily family) {
        return family == AddressFamily.IPV6 ? NOT_PRINTED_V6 : NOT_PRINTED_V4;
    }

    /** Whether the text is an IPv4 dotted quad or an IPv6 literal (a zone suffix is allowed). */
    static boolean isAddress(String text) {
        return text != null && (text.indexOf(':') >= 0 ? ipv6Bytes(withoutZone(text)) != null : isDottedQuad(text));
    }

    /** The address without an IPv6 zone ({@code %eth0}): the zone names an interface of the agent, not the hop. */
    static String withoutZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }

    /** Whether two literals name the same address, whatever their spelling ({@code 2001:DB8::1} = {@code 2001:db8:0::1}). */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (a.indexOf(':') < 0 || b.indexOf(':') < 0) {
            return false;
        }
        byte[] x = ipv6Bytes(withoutZone(a));
        return x != null && Arrays.equals(x, ipv6Bytes(withoutZone(b)));
    }

    private static boolean isDottedQuad(String text) {
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                octets++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    private static byte[] ipv6Bytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            // ofLiteral never consults DNS: a parse either succeeds on the literal or fails.
            return Inet6Address.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
