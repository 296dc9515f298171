package io.smoketrace.analyzer.rib;

import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.trace.AddressFamily;

/**
 * The address ranges that are marked rather than looked up: RFC 1918 and ULA private space, shared
 * address space (RFC 6598), link-local, loopback, documentation when configured so, and exchange LANs.
 */
final class SpecialRanges {

    private final PrefixTrie<AddressAnnotation> ipv4 = new PrefixTrie<>(32, PrefixTrie.SMALL_TABLE_ROOT_BITS);
    private final PrefixTrie<AddressAnnotation> ipv6 = new PrefixTrie<>(128, PrefixTrie.SMALL_TABLE_ROOT_BITS);

    SpecialRanges(RibConfig config) {
        mark(AddressClass.PRIVATE, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
        mark(AddressClass.SHARED, "100.64.0.0/10");
        mark(AddressClass.LINK_LOCAL, "169.254.0.0/16", "fe80::/10");
        mark(AddressClass.LOOPBACK, "127.0.0.0/8", "::1/128");
        if (config.documentationIsSpecial()) {
            mark(AddressClass.DOCUMENTATION, "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32");
        }
        // Exchanges go in last: an exchange LAN numbered from a range above is still an exchange.
        for (RibConfig.IxpLan lan : config.ixpLans()) {
            IpPrefix prefix;
            try {
                prefix = IpPrefix.parse(lan.prefix());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("IXP LAN '" + lan.name() + "': '" + lan.prefix()
                        + "' is not a prefix; write it in CIDR notation, for example 185.1.2.0/24 or 2001:7f8:1::/64", e);
            }
            table(prefix.family()).put(prefix, new AddressAnnotation(AddressClass.IXP, null, null, lan.name()));
        }
    }

    private void mark(AddressClass addressClass, String... prefixes) {
        AddressAnnotation annotation = AddressAnnotation.special(addressClass);
        for (String text : prefixes) {
            IpPrefix prefix = IpPrefix.parse(text);
            table(prefix.family()).put(prefix, annotation);
        }
    }

    /** The annotation of the special range holding the address, or null for an address to look up. */
    AddressAnnotation classify(IpAddress address) {
        return table(address.family()).lookup(address);
    }

    private PrefixTrie<AddressAnnotation> table(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4 : ipv6;
    }
}
