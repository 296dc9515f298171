package io.smoketrace.bgp.rib;

import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.mapping.RouteMapping;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteAttributes;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns the UPDATEs of one source into published records: one {@link RouteUpdate} per prefix, and the
 * peer's {@link AdjRibIn} kept and mirrored on the compacted RIB topic (a tombstone per withdrawn route).
 * RFC 7606 outcomes are applied here: treat-as-withdraw turns the UPDATE's announcements into withdraws,
 * attribute-discard publishes the routes without the broken attribute; both are logged and counted.
 */
public final class RouteFeed {

    private static final Logger LOG = Logger.getLogger(RouteFeed.class);

    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final String collectorId;

    public RouteFeed(BgpPublisher publisher, BgpMetrics metrics, String collectorId) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.collectorId = collectorId;
    }

    public String collectorId() {
        return collectorId;
    }

    /**
     * Publishes one UPDATE received from {@code peer}. With a null {@code rib} only the updates stream is
     * written (an MRT update archive has no current state to keep).
     */
    public void apply(PeerRef peer, RouteSource source, AdjRibIn rib, UpdateMessage update, Instant timestamp) {
        Optional<ErrorAction> errorAction = update.errorAction();
        boolean treatAsWithdraw = errorAction.isPresent() && errorAction.get() != ErrorAction.ATTRIBUTE_DISCARD;
        for (AttributeError error : update.pathAttributes().errors()) {
            metrics.decodeError(source, error.action().name());
            LOG.warnf("%s: %s%s", peer.peerId(), error,
                    treatAsWithdraw ? "; the UPDATE's " + update.announcedRoutes().size() + " routes are treated as withdrawn" : "");
        }
        for (Nlri withdrawn : update.allWithdrawnRoutes()) {
            withdraw(peer, source, rib, withdrawn, timestamp);
        }
        List<Nlri> announced = update.announcedRoutes();
        if (announced.isEmpty()) {
            return;
        }
        if (treatAsWithdraw) {
            for (Nlri route : announced) {
                withdraw(peer, source, rib, route, timestamp);
            }
            return;
        }
        RouteAttributes attributes = RouteMapping.attributes(update.pathAttributes());
        for (Nlri route : announced) {
            announce(peer, source, rib, RouteMapping.prefix(route.prefix()), route.pathId().orElse(0), attributes, timestamp);
        }
    }

    /** Publishes one route as current, as a RIB dump gives it (no update record). */
    public void ribEntry(PeerRef peer, RouteSource source, String prefix, long pathId, RouteAttributes attributes,
                         Instant originated) {
        publisher.rib(RibRoute.key(peer.peerId(), prefix, pathId), new RibRoute(RibRoute.FORMAT_VERSION, source,
                collectorId, peer, prefix, pathId, attributes, originated, originated));
    }

    private void announce(PeerRef peer, RouteSource source, AdjRibIn rib, String prefix, long pathId,
                          RouteAttributes attributes, Instant timestamp) {
        publisher.update(new RouteUpdate(RouteUpdate.FORMAT_VERSION, source, collectorId, peer, prefix, pathId,
                Action.ANNOUNCE, attributes, timestamp));
        metrics.update(source, Action.ANNOUNCE);
        if (rib == null) {
            return;
        }
        RibRoute previous = rib.get(prefix, pathId);
        if (previous != null && previous.attributes().equals(attributes) && previous.peer().equals(peer)) {
            return;
        }
        RibRoute route = new RibRoute(RibRoute.FORMAT_VERSION, source, collectorId, peer, prefix, pathId, attributes,
                previous == null ? timestamp : previous.firstSeen(), timestamp);
        rib.announce(route);
        publisher.rib(route.key(), route);
    }

    private void withdraw(PeerRef peer, RouteSource source, AdjRibIn rib, Nlri route, Instant timestamp) {
        String prefix = RouteMapping.prefix(route.prefix());
        long pathId = route.pathId().orElse(0);
        publisher.update(new RouteUpdate(RouteUpdate.FORMAT_VERSION, source, collectorId, peer, prefix, pathId,
                Action.WITHDRAW, null, timestamp));
        metrics.update(source, Action.WITHDRAW);
        if (rib != null && rib.withdraw(prefix, pathId) != null) {
            publisher.rib(RibRoute.key(peer.peerId(), prefix, pathId), null);
        }
    }

    /** The peer is gone (session down, BMP peer down, router disconnected): every route of it is withdrawn. */
    public int withdrawAll(AdjRibIn rib, Instant timestamp) {
        List<RibRoute> routes = rib.clear();
        for (RibRoute route : routes) {
            publisher.update(new RouteUpdate(RouteUpdate.FORMAT_VERSION, route.source(), collectorId, route.peer(),
                    route.prefix(), route.pathId(), Action.WITHDRAW, null, timestamp));
            metrics.update(route.source(), Action.WITHDRAW);
            publisher.rib(route.key(), null);
        }
        return routes.size();
    }
}
