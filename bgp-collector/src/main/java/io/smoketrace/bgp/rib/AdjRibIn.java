package io.smoketrace.bgp.rib;

import io.smoketrace.common.bgp.RibRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes one peer currently announces to us (its Adj-RIB-In), keyed by prefix and ADD-PATH path id.
 * Confined to the thread of its session; not thread-safe.
 */
public final class AdjRibIn {

    private record RouteKey(String prefix, long pathId) {
    }

    private final Map<RouteKey, RibRoute> routes = new HashMap<>();
    private long ipv6;

    /** Stores the route and returns the one it replaces, or null. */
    public RibRoute announce(RibRoute route) {
        RibRoute previous = routes.put(new RouteKey(route.prefix(), route.pathId()), route);
        if (previous == null && isIpv6(route.prefix())) {
            ipv6++;
        }
        return previous;
    }

    /** The current route, or null. */
    public RibRoute get(String prefix, long pathId) {
        return routes.get(new RouteKey(prefix, pathId));
    }

    /** Removes and returns the route, or null when the peer did not have it. */
    public RibRoute withdraw(String prefix, long pathId) {
        RibRoute removed = routes.remove(new RouteKey(prefix, pathId));
        if (removed != null && isIpv6(removed.prefix())) {
            ipv6--;
        }
        return removed;
    }

    /** Empties the table, returning what it held. */
    public List<RibRoute> clear() {
        List<RibRoute> all = new ArrayList<>(routes.values());
        routes.clear();
        ipv6 = 0;
        return all;
    }

    public long size() {
        return routes.size();
    }

    public long ipv4Prefixes() {
        return routes.size() - ipv6;
    }

    public long ipv6Prefixes() {
        return ipv6;
    }

    private static boolean isIpv6(String prefix) {
        return prefix.indexOf(':') >= 0;
    }
}
