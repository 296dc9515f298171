package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix exactly as the wire carried it, host bits included; {@link #masked()} clears them.
 */
public record IpPrefix(Octets address, int length) {

    public IpPrefix {
        if (address.length() != 4 && address.length() != 16) {
            throw new IllegalArgumentException("prefix address must be 4 or 16 octets, not " + address.length());
        }
        if (length < 0 || length > address.length() * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
    }

    public static IpPrefix of(InetAddress address, int length) {
        return new IpPrefix(Octets.copyOf(address.getAddress()), length);
    }

    /** Parses {@code 192.0.2.0/24} or {@code 2001:db8::/32}; for configuration and tests, not the data path. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a prefix: " + text);
        }
        String host = text.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + host);
        }
        try {
            return of(InetAddress.getByName(host), Integer.parseInt(text.substring(slash + 1)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e);
        }
    }

    public boolean isIpv4() {
        return address.length() == 4;
    }

    public int afi() {
        return isIpv4() ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
    }

    /** Whether bits past the prefix length are set, which RFC 4271 says senders should not do. */
    public boolean hasHostBits() {
        for (int bit = length; bit < address.length() * 8; bit++) {
            if ((address.get(bit >>> 3) & (0x80 >>> (bit & 7))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The prefix with host bits cleared: what a RIB keys routes by. */
    public IpPrefix masked() {
        if (!hasHostBits()) {
            return this;
        }
        byte[] octets = address.toByteArray();
        for (int bit = length; bit < octets.length * 8; bit++) {
            octets[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return new IpPrefix(Octets.copyOf(octets), length);
    }

    public InetAddress networkAddress() {
        return IpAddresses.fromOctets(address.toByteArray());
    }

    @Override
    public String toString() {
        return IpAddresses.format(address.toByteArray()) + "/" + length;
    }
}
