package io.smoketrace.agent.probe;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefixes the agent must never probe (IPv4 and IPv6, CIDR or single addresses), checked on the
 * resolved address before any packet leaves.
 */
public final class DenyList {

    /** The default: nothing denied. */
    public static final DenyList EMPTY = new DenyList(List.of());

    private final List<IPAddress> prefixes;

    private DenyList(List<IPAddress> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Parses prefixes such as {@code 224.0.0.0/4} or {@code ff00::/8}; host bits are ignored (the whole block is denied).
     *
     * @throws IllegalArgumentException naming the first entry that is not a prefix
     */
    public static DenyList of(List<String> entries) {
        List<IPAddress> prefixes = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                IPAddress address = new IPAddressString(text).toAddress();
                prefixes.add(address.isPrefixed() ? address.toPrefixBlock() : address);
            } catch (AddressStringException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 prefix (" + e.getMessage() + ")", e);
            }
        }
        return new DenyList(prefixes);
    }

    /** The prefix that denies this address, or null when it may be probed. */
    public String denying(String address) {
        IPAddress ip = new IPAddressString(address).getAddress();
        if (ip == null) {
            return null;
        }
        for (IPAddress prefix : prefixes) {
            if (prefix.getIPVersion() == ip.getIPVersion() && prefix.contains(ip)) {
                return prefix.toCanonicalString();
            }
        }
        // An IPv4-mapped IPv6 address reaches the IPv4 host: check its IPv4 form too.
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            return denying(ip.toIPv6().getEmbeddedIPv4Address().toCanonicalString());
        }
        return null;
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    @Override
    public String toString() {
        return prefixes.stream().map(IPAddress::toCanonicalString).toList().toString();
    }
}
