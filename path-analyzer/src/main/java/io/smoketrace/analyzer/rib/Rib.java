package io.smoketrace.analyzer.rib;

import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteAttributes;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Responder;
import java.util.HashMap;
import java.util.Map;

/**
 * The analyzer's copy of the collector's RIB: every peer's current route per prefix, one
 * longest-prefix-match table per address family, answering which prefix, origin AS and AS paths
 * an address belongs to.
 *
 * <p>Lookups are lock-free and may run on any number of threads while routes change; changes are
 * serialised here. Attributes, per-peer routes and per-prefix route sets are shared between the
 * prefixes that have equal ones, so a full table costs little more than its trie.
 */
public final class Rib {

    private final PrefixTrie<RouteSet> ipv4 = new PrefixTrie<>(32);
    private final PrefixTrie<RouteSet> ipv6 = new PrefixTrie<>(128);
    private final SpecialRanges special;
    private final Map<PeerRef, PeerRef> peers = new HashMap<>();
    private final Interner<RouteAttributes> attributes = new Interner<>(evicted -> { });
    private final Interner<PeerRoute> peerRoutes = new Interner<>(evicted -> attributes.release(evicted.attributes()));
    private final Interner<RouteSet> routeSets = new Interner<>(evicted -> evicted.routes().forEach(peerRoutes::release));

    /** An empty RIB classifying addresses as configured. */
    public Rib(RibConfig config) {
        this.special = new SpecialRanges(config);
    }

    /** Stores a route from the RIB topic; returns the route it replaced for the same peer, prefix and path id, or null. */
    public PeerRoute upsert(RibRoute route) {
        return announce(route.peer(), route.prefix(), route.pathId(), route.attributes());
    }

    /** Removes the route under a RIB topic key ({@code peerId|prefix[|pathId]}, as for a tombstone); returns it, or null. */
    public PeerRoute withdraw(String key) {
        String[] parts = key.split("\\|");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + key + "' is not a RIB key; expected peerId|prefix or peerId|prefix|pathId");
        }
        return withdraw(parts[0], parts[1], parts.length == 3 ? Long.parseLong(parts[2]) : 0);
    }

    /** Applies one announce or withdraw; returns the route the peer held for that prefix and path id before, or null. */
    public PeerRoute apply(RouteUpdate update) {
        return update.action() == RouteUpdate.Action.ANNOUNCE
                ? announce(update.peer(), update.prefix(), update.pathId(), update.attributes())
                : withdraw(update.peer().peerId(), update.prefix(), update.pathId());
    }

    private synchronized PeerRoute announce(PeerRef peer, String prefixText, long pathId, RouteAttributes routeAttributes) {
        IpPrefix prefix = IpPrefix.parse(prefixText);
        PrefixTrie<RouteSet> table = table(prefix.family());
        RouteSet old = table.get(prefix);
        PeerRoute route = new PeerRoute(peers.computeIfAbsent(peer, p -> p), pathId, routeAttributes);
        PeerRoute previous = null;
        RouteSet updated;
        if (old == null) {
            updated = new RouteSet(route);
        } else {
            int index = old.indexOf(peer.peerId(), pathId);
            previous = index < 0 ? null : old.route(index);
            if (route.equals(previous)) {
                return previous;
            }
            updated = old.with(route);
        }
        replace(table, prefix, old, updated);
        return previous;
    }

    /** Removes one peer's route (one path id of it) for a prefix; returns it, or null when there was none. */
    public synchronized PeerRoute withdraw(String peerId, String prefixText, long pathId) {
        IpPrefix prefix = IpPrefix.parse(prefixText);
        PrefixTrie<RouteSet> table = table(prefix.family());
        RouteSet old = table.get(prefix);
        int index = old == null ? -1 : old.indexOf(peerId, pathId);
        if (index < 0) {
            return null;
        }
        replace(table, prefix, old, old.without(index));
        return old.route(index);
    }

    /** Puts the shared instance of {@code updated} (null: nothing) in place of {@code old}, keeping the counts right. */
    private void replace(PrefixTrie<RouteSet> table, IpPrefix prefix, RouteSet old, RouteSet updated) {
        if (updated == null) {
            table.remove(prefix);
        } else {
            table.put(prefix, routeSets.acquire(updated, set -> set.canonical(
                    route -> peerRoutes.acquire(route, fresh -> new PeerRoute(fresh.peer(), fresh.pathId(),
                            attributes.acquire(fresh.attributes(), a -> a))))));
        }
        if (old != null) {
            routeSets.release(old);
        }
    }

    /** The longest prefix containing the address with its routes, or null when no prefix does. */
    public RibMatch lookup(IpAddress address) {
        PrefixTrie.Match<RouteSet> match = table(address.family()).match(address.hi(), address.lo());
        return match == null ? null : new RibMatch(address, match.length(), match.value());
    }

    /** The routes of exactly this prefix, or null. */
    public RouteSet exact(IpPrefix prefix) {
        return table(prefix.family()).get(prefix);
    }

    /**
     * What the analyzer says about a responder address: {@code *} is NO_REPLY; special and exchange
     * addresses are marked and never looked up; anything else is PUBLIC with its RIB prefix and origin
     * AS, or UNROUTED when no prefix covers it. The unspecified address, which the trace contract uses
     * for a responder the tool showed only by name, is UNROUTED: it would match a default route.
     */
    public AddressAnnotation annotate(String address) {
        if (Responder.NO_REPLY.equals(address)) {
            return AddressAnnotation.NO_REPLY;
        }
        IpAddress ip = IpAddress.tryParse(address);
        if (ip == null || ip.hi() == 0 && ip.lo() == 0) {
            return AddressAnnotation.UNROUTED;
        }
        AddressAnnotation marked = special.classify(ip);
        if (marked != null) {
            return marked;
        }
        RibMatch match = lookup(ip);
        return match == null ? AddressAnnotation.UNROUTED
                : new AddressAnnotation(AddressClass.PUBLIC, match.prefix().toString(), match.routes().originAs(), null);
    }

    /** What the RIB holds, for metrics and sizing. */
    public synchronized RibStats stats() {
        return new RibStats(ipv4.size(), ipv6.size(), peers.size(), attributes.size(), peerRoutes.size(), routeSets.size());
    }

    /**
     * Counts of what the RIB holds.
     *
     * @param ipv4Prefixes IPv4 prefixes with at least one route
     * @param ipv6Prefixes IPv6 prefixes with at least one route
     * @param peers peers ever seen
     * @param attributeSets distinct path attribute sets
     * @param peerRoutes distinct (peer, path id, attributes) routes
     * @param routeSets distinct per-prefix route sets
     */
    public record RibStats(int ipv4Prefixes, int ipv6Prefixes, int peers, int attributeSets, int peerRoutes, int routeSets) {
    }

    private PrefixTrie<RouteSet> table(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4 : ipv6;
    }
}
