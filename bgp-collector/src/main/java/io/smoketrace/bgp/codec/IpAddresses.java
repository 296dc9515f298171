package io.smoketrace.bgp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.smoketrace.common.net.Ipv6Text;
import java.util.Arrays;

/**
 * Turns wire octets into {@link InetAddress} values and addresses into RFC 5952 text, without DNS.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The address held in 4 or 16 octets. A 16-octet IPv4-mapped address stays an {@link Inet6Address},
     * because on the wire it was one (the JDK's own factory would silently turn it into IPv4).
     */
    public static InetAddress fromOctets(byte[] octets) {
        try {
            return switch (octets.length) {
                case 4 -> InetAddress.getByAddress(octets);
                case 16 -> Inet6Address.getByAddress(null, octets, -1);
                default -> throw new IllegalArgumentException("an IP address has 4 or 16 octets, not " + octets.length);
            };
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }

    public static Inet4Address ipv4(int bits) {
        return (Inet4Address) fromOctets(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
    }

    /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
    public static String format(InetAddress address) {
        return format(address.getAddress());
    }

    public static String format(byte[] octets) {
        if (octets.length == 4) {
            return (octets[0] & 0xFF) + "." + (octets[1] & 0xFF) + "." + (octets[2] & 0xFF) + "." + (octets[3] & 0xFF);
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= octets[i] == 0;
        }
        if (mapped && octets[10] == (byte) 0xFF && octets[11] == (byte) 0xFF) {
            // RFC 5952 5: IPv4-mapped addresses keep the dotted quad.
            return "::ffff:" + format(Arrays.copyOfRange(octets, 12, 16));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (octets[2 * i] & 0xFF) << 8 | octets[2 * i + 1] & 0xFF;
        }
        return Ipv6Text.format(groups);
    }
}
