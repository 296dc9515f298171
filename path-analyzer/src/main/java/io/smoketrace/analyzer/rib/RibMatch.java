package io.smoketrace.analyzer.rib;

/**
 * The longest RIB prefix containing an address, with the routes the peers hold for it.
 *
 * @param address the address looked up
 * @param prefixLength the length of the matching prefix
 * @param routes the routes for that prefix
 */
public record RibMatch(IpAddress address, int prefixLength, RouteSet routes) {

    /** The matching prefix. */
    public IpPrefix prefix() {
        return new IpPrefix(address, prefixLength);
    }
}
