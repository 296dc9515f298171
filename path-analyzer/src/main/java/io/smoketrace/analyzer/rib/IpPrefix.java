package io.smoketrace.analyzer.rib;

import io.smoketrace.common.trace.AddressFamily;

/**
 * A CIDR prefix: the network address (host bits cleared) and the prefix length.
 *
 * @param network the first address of the prefix
 * @param length the prefix length in bits
 */
public record IpPrefix(IpAddress network, int length) {

    public IpPrefix {
        if (length < 0 || length > network.width()) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range for " + network.family());
        }
        network = network.masked(length);
    }

    /** Parses {@code address/length}; host bits are cleared, a bare address is a host prefix. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return new IpPrefix(address, address.width());
        }
        try {
            return new IpPrefix(address, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix: the length is not a number", e);
        }
    }

    /** The family of the prefix. */
    public AddressFamily family() {
        return network.family();
    }

    /** Whether the address lies inside this prefix. */
    public boolean contains(IpAddress address) {
        return address.family() == family()
                && (address.hi() & IpAddress.mask(length)) == network.hi()
                && (address.lo() & IpAddress.mask(length - 64)) == network.lo();
    }

    /** Whether the other prefix lies inside (or is) this one. */
    public boolean covers(IpPrefix other) {
        return other.length >= length && contains(other.network);
    }

    /** The last address of the prefix. */
    public IpAddress last() {
        return new IpAddress(family(), network.hi() | ~IpAddress.mask(length), network.lo() | ~IpAddress.mask(length - 64))
                .masked(network.width());
    }

    @Override
    public String toString() {
        return network.toString().concat("/").concat(Integer.toString(length));
    }
}
