package io.smoketrace.bgp.bmp;

import io.micrometer.core.instrument.Meter;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bmp.BmpMessage;
import io.smoketrace.bgp.codec.bmp.InitiationMessage;
import io.smoketrace.bgp.codec.bmp.PeerDownNotification;
import io.smoketrace.bgp.codec.bmp.PeerHeader;
import io.smoketrace.bgp.codec.bmp.PeerUpNotification;
import io.smoketrace.bgp.codec.bmp.RouteMirroring;
import io.smoketrace.bgp.codec.bmp.RouteMonitoring;
import io.smoketrace.bgp.codec.bmp.Statistic;
import io.smoketrace.bgp.codec.bmp.StatisticsReport;
import io.smoketrace.bgp.codec.bmp.TerminationMessage;
import io.smoketrace.bgp.mapping.Notifications;
import io.smoketrace.bgp.mapping.RouteMapping;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.bgp.rib.AdjRibIn;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.PeerKind;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One router's BMP feed: a RIB per monitored peer and view (peer address, distinguisher, pre/post-policy
 * or Loc-RIB), kept from Route Monitoring, emptied on Peer Down and when the router goes away.
 * Confined to the connection's thread.
 */
public final class BmpRouterSession {

    private static final Logger LOG = Logger.getLogger(BmpRouterSession.class);

    private final String router;
    private final RouteFeed feed;
    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final Clock clock;
    private final Map<String, MonitoredPeer> peers = new LinkedHashMap<>();
    private String sysName;

    private static final class MonitoredPeer {
        final PeerRef ref;
        final AdjRibIn rib = new AdjRibIn();
        final List<Meter> meters;
        List<String> capabilities = List.of();

        MonitoredPeer(PeerRef ref, BgpMetrics metrics) {
            this.ref = ref;
            this.meters = metrics.trackPrefixes(ref.peerId(), rib);
        }
    }

    public BmpRouterSession(String router, RouteFeed feed, BgpPublisher publisher, BgpMetrics metrics, Clock clock) {
        this.router = router;
        this.feed = feed;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        publishRouter(SessionState.UP, "BMP connection accepted");
    }

    /** Applies one message from the router. */
    public void handle(BmpMessage message) {
        switch (message) {
            case RouteMonitoring monitoring -> routeMonitoring(monitoring);
            case PeerUpNotification up -> peerUp(up);
            case PeerDownNotification down -> peerDown(down);
            case StatisticsReport report -> statistics(report);
            case InitiationMessage initiation -> {
                sysName = initiation.sysName().orElse(null);
                LOG.infof("BMP router %s: %s (%s)", router, initiation.sysName().orElse("no sysName"),
                        initiation.sysDescr().orElse("no sysDescr"));
                publishRouter(SessionState.UP, "BMP initiation" + (sysName == null ? "" : " from " + sysName));
            }
            case TerminationMessage termination -> LOG.infof("BMP router %s terminates the session (reason %s)", router,
                    termination.reason().isPresent() ? termination.reason().getAsInt() : "not given");
            case RouteMirroring mirroring -> LOG.debugf("BMP router %s: route mirroring ignored", router);
        }
    }

    /** The router disconnected: everything learned from it is withdrawn. */
    public void close(String reason) {
        Instant now = clock.instant();
        for (MonitoredPeer peer : new ArrayList<>(peers.values())) {
            down(peer, "BMP router " + router + " disconnected: " + reason, now);
        }
        peers.clear();
        publishRouter(SessionState.DOWN, reason);
    }

    /** Routes currently held, over all monitored peers and views. */
    public long routes() {
        return peers.values().stream().mapToLong(peer -> peer.rib.size()).sum();
    }

    private void routeMonitoring(RouteMonitoring monitoring) {
        if (monitoring.peer().isAdjRibOut()) {
            // Adj-RIB-Out (RFC 8671) is what the router sends, not what it learned: not part of our RIB views.
            return;
        }
        MonitoredPeer peer = peer(monitoring.peer());
        feed.apply(peer.ref, RouteSource.BMP, peer.rib, monitoring.update(), timestamp(monitoring.peer()));
    }

    private void peerUp(PeerUpNotification up) {
        MonitoredPeer peer = peer(up.peer());
        peer.capabilities = RouteMapping.capabilityNames(up.receivedOpen().capabilities());
        for (MonitoredPeer view : viewsOf(up.peer())) {
            view.capabilities = peer.capabilities;
        }
        LOG.infof("BMP router %s: peer %s AS%d up", router, IpAddresses.format(up.peer().peerAddress()), up.peer().peerAs());
        publishPeer(peer, SessionState.UP, "BMP peer up", timestamp(up.peer()));
    }

    private void peerDown(PeerDownNotification down) {
        String reason = "BMP peer down: " + reason(down);
        LOG.infof("BMP router %s: peer %s %s", router, IpAddresses.format(down.peer().peerAddress()), reason);
        List<MonitoredPeer> views = viewsOf(down.peer());
        if (views.isEmpty()) {
            views = List.of(peer(down.peer()));
        }
        for (MonitoredPeer view : views) {
            down(view, reason, timestamp(down.peer()));
            peers.remove(view.ref.peerId());
        }
    }

    private void down(MonitoredPeer peer, String reason, Instant at) {
        int withdrawn = feed.withdrawAll(peer.rib, at);
        metrics.remove(peer.meters);
        LOG.debugf("%s: %d routes withdrawn", peer.ref.peerId(), withdrawn);
        publishPeer(peer, SessionState.DOWN, reason, at);
    }

    private void statistics(StatisticsReport report) {
        metrics.bmpStatisticsReport(router);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("BMP router %s, peer %s: %s", router, IpAddresses.format(report.peer().peerAddress()),
                    report.statistics().stream().map(BmpRouterSession::statistic).collect(Collectors.joining(", ")));
        }
    }

    private static String statistic(Statistic statistic) {
        return switch (statistic) {
            case Statistic.Counter counter -> "stat " + counter.type() + "=" + counter.value();
            case Statistic.Gauge gauge -> "stat " + gauge.type() + "=" + Long.toUnsignedString(gauge.value());
            case Statistic.FamilyGauge gauge -> "stat " + gauge.type() + " " + RouteMapping.family(gauge.afiSafi())
                    + "=" + Long.toUnsignedString(gauge.value());
            case Statistic.Unknown unknown -> "stat " + unknown.type() + " (" + unknown.value().length() + " octets)";
        };
    }

    private MonitoredPeer peer(PeerHeader header) {
        PeerRef ref = RouteMapping.bmpPeer(router, header);
        return peers.computeIfAbsent(ref.peerId(), id -> new MonitoredPeer(ref, metrics));
    }

    /** Every view (pre-policy, post-policy, Loc-RIB) held for the peer of this header. */
    private List<MonitoredPeer> viewsOf(PeerHeader header) {
        PeerRef ref = RouteMapping.bmpPeer(router, header);
        return peers.values().stream()
                .filter(peer -> peer.ref.address().equals(ref.address())
                        && Objects.equals(peer.ref.routeDistinguisher(), ref.routeDistinguisher())
                        && (peer.ref.view() == PeerRef.RibView.LOC_RIB) == (ref.view() == PeerRef.RibView.LOC_RIB))
                .toList();
    }

    static String reason(PeerDownNotification down) {
        return switch (down.reason()) {
            case PeerDownNotification.LOCAL_NOTIFICATION -> "the router closed the session with NOTIFICATION "
                    + down.notification().map(Notifications::describe).orElse("?");
            case PeerDownNotification.LOCAL_NO_NOTIFICATION -> "the router closed the session without a NOTIFICATION"
                    + (down.fsmEventCode().isPresent() ? " (FSM event " + down.fsmEventCode().getAsInt() + ")" : "");
            case PeerDownNotification.REMOTE_NOTIFICATION -> "the peer closed the session with NOTIFICATION "
                    + down.notification().map(Notifications::describe).orElse("?");
            case PeerDownNotification.REMOTE_NO_NOTIFICATION -> "the peer closed the session without a NOTIFICATION";
            case PeerDownNotification.PEER_DE_CONFIGURED -> "the peer was de-configured";
            case PeerDownNotification.LOCAL_SYSTEM_CLOSED -> "the router closed the Loc-RIB";
            default -> "reason " + down.reason();
        };
    }

    private Instant timestamp(PeerHeader header) {
        return header.timestampSeconds() == 0 ? clock.instant() : header.timestamp();
    }

    private void publishPeer(MonitoredPeer peer, SessionState state, String reason, Instant since) {
        publisher.peer(new PeerState(PeerState.FORMAT_VERSION, feed.collectorId(), peer.ref, PeerKind.BMP_PEER, state,
                since, reason, null, null, peer.capabilities, peer.rib.ipv4Prefixes(), peer.rib.ipv6Prefixes(),
                clock.instant()));
    }

    private void publishRouter(SessionState state, String reason) {
        PeerRef ref = new PeerRef("bmp:" + router, router, 0, null, router, null, PeerRef.RibView.LOC_RIB);
        Instant now = clock.instant();
        publisher.peer(new PeerState(PeerState.FORMAT_VERSION, feed.collectorId(), ref, PeerKind.BMP_ROUTER, state, now,
                reason, null, null, List.of(), 0, 0, now));
    }
}
