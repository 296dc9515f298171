package io.smoketrace.analyzer.rib;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The routes the peers hold for a prefix, with the best one chosen; immutable and shared by every
 * prefix whose routes are the same (typically all prefixes of one origin), which keeps the RIB small.
 *
 * <p>The best route: the origin AS announced by the most peers wins (a MOAS conflict is settled by
 * agreement, not by one peer's view), then among that origin's routes the shortest AS path, then the
 * lowest peer id and path id, so every analyzer instance picks the same route from the same RIB.
 */
public final class RouteSet {

    private static final Comparator<PeerRoute> BY_PEER = Comparator
            .comparing((PeerRoute r) -> r.peer().peerId())
            .thenComparingLong(PeerRoute::pathId);

    private final PeerRoute[] routes;
    private final PeerRoute best;
    private final int hash;

    /** The given routes; their order does not matter. */
    RouteSet(PeerRoute... routes) {
        this.routes = routes.clone();
        Arrays.sort(this.routes, BY_PEER);
        this.best = choose(this.routes);
        this.hash = Arrays.hashCode(this.routes);
    }

    private static PeerRoute choose(PeerRoute[] routes) {
        Map<Long, Set<String>> peersPerOrigin = new HashMap<>();
        for (PeerRoute route : routes) {
            peersPerOrigin.computeIfAbsent(route.originAs(), origin -> new TreeSet<>()).add(route.peer().peerId());
        }
        PeerRoute best = null;
        int bestAgreement = 0;
        for (PeerRoute route : routes) {
            int agreement = route.originAs() == null ? 0 : peersPerOrigin.get(route.originAs()).size();
            if (best == null || agreement > bestAgreement
                    || agreement == bestAgreement && route.attributes().asPathLength() < best.attributes().asPathLength()) {
                best = route;
                bestAgreement = agreement;
            }
        }
        return best;
    }

    /** The best route (see the class comment). */
    public PeerRoute best() {
        return best;
    }

    /** The origin AS of the best route, or null when its AS path ends in a set or is empty. */
    public Long originAs() {
        return best.originAs();
    }

    /** Every peer's route, ordered by peer id and path id: the AS paths seen per peer. */
    public List<PeerRoute> routes() {
        return List.of(routes);
    }

    /** These routes with the one of the same peer and path id replaced by (or extended with) {@code route}. */
    RouteSet with(PeerRoute route) {
        int index = indexOf(route.peer().peerId(), route.pathId());
        PeerRoute[] updated = index >= 0 ? routes.clone() : Arrays.copyOf(routes, routes.length + 1);
        updated[index >= 0 ? index : routes.length] = route;
        return new RouteSet(updated);
    }

    /** These routes without the peer's path, or null when nothing is left. */
    RouteSet without(int index) {
        if (routes.length == 1) {
            return null;
        }
        PeerRoute[] updated = new PeerRoute[routes.length - 1];
        System.arraycopy(routes, 0, updated, 0, index);
        System.arraycopy(routes, index + 1, updated, index, updated.length - index);
        return new RouteSet(updated);
    }

    /** The position of the peer's path among the routes, or -1. */
    int indexOf(String peerId, long pathId) {
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].pathId() == pathId && routes[i].peer().peerId().equals(peerId)) {
                return i;
            }
        }
        return -1;
    }

    PeerRoute route(int index) {
        return routes[index];
    }

    /** The same routes with each replaced by its shared instance. */
    RouteSet canonical(UnaryOperator<PeerRoute> share) {
        PeerRoute[] shared = new PeerRoute[routes.length];
        for (int i = 0; i < routes.length; i++) {
            shared[i] = share.apply(routes[i]);
        }
        return new RouteSet(shared);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteSet other && other.hash == hash && Arrays.equals(other.routes, routes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RouteSet[best=" + best + ", routes=" + routes.length + "]";
    }
}
