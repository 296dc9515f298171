package io.smoketrace.bgp.speaker;

import io.micrometer.core.instrument.Meter;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One configured neighbour and its RFC 4271 peer FSM: Idle, Connect, Active, then the states of its
 * connections (two at once during a collision, each a {@link BgpSession}: OpenSent, OpenConfirm,
 * Established). It runs the ConnectRetryTimer of active peers (Connect, on a failed TCP attempt Active,
 * on expiry Connect again), the IdleHoldTimer of DampPeerOscillations (after a session ends the peer stays
 * Idle, refusing connections, for an IdleHoldTime that doubles with each end), keeps the Adj-RIB-In, and
 * publishes every state change on the peers topic. When its established session ends, every route it gave
 * is withdrawn downstream. Methods are synchronized: connections and timers may run on different threads.
 */
public final class BgpNeighbor {

    /** How long after routes arrive the peer's prefix counts are republished. */
    static final Duration COUNTS_REFRESH = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(BgpNeighbor.class);

    private final NeighborSettings settings;
    private final PeerTimers timers;
    private final RouteFeed feed;
    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final Clock clock;
    private final SessionScheduler scheduler;
    private final PeerConnector connector;
    private final AdjRibIn rib = new AdjRibIn();
    private final List<BgpSession> sessions = new ArrayList<>();
    private BgpSession established;
    private PeerRef peer;
    private SessionState state = SessionState.IDLE;
    /** The peer's own state while no connection decides it: Idle, Connect (a TCP attempt) or Active (waiting). */
    private SessionState base = SessionState.IDLE;
    private Instant since;
    private List<Meter> meters = List.of();
    private boolean started;
    private SessionScheduler.Timer connectRetryTimer;
    private SessionScheduler.Timer idleHoldTimer;
    private SessionScheduler.Timer stableTimer;
    /** Pending republication of the peer's state with its new prefix counts (at most one per interval). */
    private SessionScheduler.Timer countsTimer;
    private String lastReason;
    private Duration nextIdleHold;
    private Instant idleHoldUntil;
    private String lastEnd;
    private int failedConnects;

    public BgpNeighbor(NeighborSettings settings, PeerTimers timers, RouteFeed feed, BgpPublisher publisher, BgpMetrics metrics,
                       Clock clock, SessionScheduler scheduler, PeerConnector connector) {
        this.settings = settings;
        this.timers = timers;
        this.feed = feed;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.scheduler = scheduler;
        this.connector = connector;
        this.nextIdleHold = timers.idleHold();
        this.peer = RouteMapping.sessionPeer(settings.address(), settings.remoteAs(), null);
        this.since = clock.instant();
        metrics.sessionState(null, state);
        metrics.trackPeerState(peer.peerId(), this::state);
    }

    public NeighborSettings settings() {
        return settings;
    }

    public synchronized SessionState state() {
        return state;
    }

    public synchronized long routes() {
        return rib.size();
    }

    public synchronized boolean hasConnections() {
        return !sessions.isEmpty();
    }

    /** ManualStart / AutomaticStart: a passive peer goes to Active and waits, an active one to Connect. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        automaticStart(settings.passive() ? "waiting for the peer to connect" : null);
    }

    /**
     * Whether a new TCP connection may start now: not while the peer is Idle (stopped, or its IdleHoldTimer
     * running). RFC 4271 8.2.2: in Idle, connection attempts are refused.
     */
    public synchronized boolean acceptsConnection() {
        return started && idleHoldTimer == null && base != SessionState.IDLE;
    }

    /** Why {@link #acceptsConnection()} is false, in words. */
    public synchronized String refusal() {
        if (!started) {
            return "the peer is Idle (not started or the collector is stopping)";
        }
        if (idleHoldTimer != null) {
            return "the peer is Idle until " + idleHoldUntil + " (IdleHoldTime after the last session ended: " + lastEnd + ")";
        }
        return "the peer is Idle";
    }

    /** A new connection to this neighbour; call {@link BgpSession#connected()} on it once it is registered. */
    public synchronized BgpSession newSession(SessionTransport transport, SessionScheduler sessionScheduler, boolean outgoing) {
        BgpSession session = new BgpSession(this, transport, sessionScheduler, outgoing);
        sessions.add(session);
        if (outgoing) {
            failedConnects = 0;
        }
        // RFC 4271 8.2.2: the ConnectRetryTimer stops once a connection carries the OPEN exchange.
        cancel(connectRetryTimer);
        connectRetryTimer = null;
        return session;
    }

    /** The outgoing TCP attempt failed (Event 18 in Connect): wait in Active for the ConnectRetryTimer. */
    public synchronized void connectFailed(String why) {
        if (!started || base != SessionState.CONNECT) {
            return;
        }
        failedConnects++;
        String reason = "cannot connect: " + why + "; next attempt in " + timers.connectRetry().toSeconds() + " s";
        if (failedConnects == 1) {
            LOG.infof("BGP %s: %s (ConnectRetryTimer)", settings.addressText(), reason);
        } else {
            LOG.debugf("BGP %s: %s (attempt %d)", settings.addressText(), reason, failedConnects);
        }
        base = SessionState.ACTIVE;
        refresh(reason);
    }

    private void automaticStart(String reason) {
        if (!started || idleHoldTimer != null) {
            return;
        }
        if (settings.passive()) {
            base = SessionState.ACTIVE;
            refresh(reason);
        } else {
            connect(reason);
        }
    }

    /** Connect state: one TCP attempt, with the ConnectRetryTimer running. */
    private void connect(String reason) {
        base = SessionState.CONNECT;
        cancel(connectRetryTimer);
        connectRetryTimer = scheduler.schedule(timers.connectRetry(), this::connectRetryExpired);
        refresh(reason == null ? "connecting to port " + settings.port() : reason);
        connector.connect(this);
    }

    private synchronized void connectRetryExpired() {
        connectRetryTimer = null;
        if (started && idleHoldTimer == null && sessions.isEmpty() && !settings.passive()) {
            connect(null);
        }
    }

    private synchronized void idleHoldExpired() {
        idleHoldTimer = null;
        idleHoldUntil = null;
        automaticStart("IdleHoldTime over; " + (settings.passive() ? "waiting for the peer to connect" : "connecting")
                + " (the last session ended: " + lastEnd + ")");
    }

    synchronized void stateChanged(BgpSession session, SessionState from, SessionState to) {
        // A connection going to Idle is handled by closed(), which knows why; to Established by established().
        if (to != SessionState.IDLE && to != SessionState.ESTABLISHED) {
            refresh(null);
        }
    }

    /**
     * RFC 4271 6.8: with an OPEN received on {@code session}, another connection in OpenConfirm or
     * Established collides with it. An Established one wins; otherwise the connection opened by the
     * speaker with the higher BGP identifier survives. Returns whether {@code session} goes on.
     */
    synchronized boolean resolveCollision(BgpSession session) {
        for (BgpSession other : List.copyOf(sessions)) {
            if (other == session) {
                continue;
            }
            if (other.state() == SessionState.ESTABLISHED) {
                session.stop(collision(), "connection collision: a session is already established");
                return false;
            }
            if (other.state() == SessionState.OPEN_CONFIRM) {
                long local = Integer.toUnsignedLong(toInt(settings.routerId().getAddress()));
                long remote = Integer.toUnsignedLong(toInt(session.receivedOpen().orElseThrow().bgpIdentifier().getAddress()));
                // The connection opened by the higher identifier survives.
                boolean keepOutgoing = local > remote;
                BgpSession loser = session.outgoing() == keepOutgoing ? other : session;
                loser.stop(collision(), "connection collision resolved in favour of the connection opened by "
                        + (keepOutgoing ? "us" : "the peer"));
                return loser != session;
            }
        }
        return true;
    }

    private static int toInt(byte[] address) {
        return (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | address[3] & 0xFF;
    }

    private static NotificationMessage collision() {
        return new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.CeaseReason.CONNECTION_COLLISION_RESOLUTION, Octets.EMPTY);
    }

    synchronized void established(BgpSession session) {
        established = session;
        OpenMessage open = session.receivedOpen().orElseThrow();
        peer = RouteMapping.sessionPeer(settings.address(), open.asNumber(), IpAddresses.format(open.bgpIdentifier()));
        meters = metrics.trackPrefixes(peer.peerId(), rib);
        cancel(stableTimer);
        // A session that stays up this long ends the back-off: the next IdleHoldTime is the first one again.
        stableTimer = scheduler.schedule(timers.idleHoldMax(), this::stable);
        LOG.infof("BGP %s AS%d: session established (hold time %ds, %s)", settings.addressText(), open.asNumber(),
                session.negotiatedHoldTime(), RouteMapping.capabilityNames(open.capabilities()));
        refresh("session established");
    }

    private synchronized void stable() {
        stableTimer = null;
        nextIdleHold = timers.idleHold();
    }

    synchronized void update(UpdateMessage update) {
        feed.apply(peer, RouteSource.BGP, rib, update, clock.instant());
        // Routers that send no End-of-RIB (FRR without graceful restart) would leave the prefix counts
        // on the peers topic at their value when the session came up: republish them a while after
        // routes arrive, once per interval however many updates come.
        if (countsTimer == null) {
            countsTimer = scheduler.schedule(COUNTS_REFRESH, this::publishCounts);
        }
    }

    private synchronized void publishCounts() {
        countsTimer = null;
        if (state == SessionState.ESTABLISHED) {
            publishState(lastReason);
        }
    }

    synchronized void endOfRib(AfiSafi family) {
        LOG.infof("BGP %s: End-of-RIB for %s, %d routes held", settings.addressText(), RouteMapping.family(family), rib.size());
        publishState(state == SessionState.ESTABLISHED ? "End-of-RIB " + RouteMapping.family(family) : null);
    }

    synchronized void sessionResetError() {
        metrics.decodeError(RouteSource.BGP, "SESSION_RESET");
    }

    synchronized void closed(BgpSession session, SessionState was, String reason) {
        sessions.remove(session);
        if (session == established) {
            established = null;
            cancel(stableTimer);
            stableTimer = null;
            int withdrawn = feed.withdrawAll(rib, clock.instant());
            metrics.remove(meters);
            meters = List.of();
            LOG.infof("BGP %s: session down (%s); %d routes withdrawn", settings.addressText(), reason, withdrawn);
        } else {
            LOG.debugf("BGP %s: connection in %s closed: %s", settings.addressText(), was, reason);
        }
        if (!sessions.isEmpty()) {
            // A collision's loser, or a second connection: the other one carries on.
            refresh(null);
            return;
        }
        base = SessionState.IDLE;
        lastEnd = reason;
        if (!started) {
            refresh(reason);
            return;
        }
        if (!settings.dampPeerOscillations() || nextIdleHold.isZero()) {
            refresh(reason);
            automaticStart("restarting after: " + reason);
            return;
        }
        // RFC 4271 8.1.1 DampPeerOscillations: stay Idle for the IdleHoldTime, doubling it for the next end.
        Duration hold = nextIdleHold;
        Duration doubled = hold.multipliedBy(2);
        nextIdleHold = doubled.compareTo(timers.idleHoldMax()) > 0 ? timers.idleHoldMax() : doubled;
        cancel(connectRetryTimer);
        connectRetryTimer = null;
        idleHoldUntil = clock.instant().plus(hold);
        idleHoldTimer = scheduler.schedule(hold, this::idleHoldExpired);
        LOG.infof("BGP %s: Idle for %d s before the next connection (IdleHoldTime, doubling while the session keeps"
                + " ending; peer oscillation damping)", settings.addressText(), hold.toSeconds());
        refresh(reason + "; Idle for " + hold.toSeconds() + " s (IdleHoldTime)");
    }

    /** Ends every connection and stays Idle (the collector is stopping). */
    public void shutdown() {
        List<BgpSession> all;
        synchronized (this) {
            started = false;
            cancel(connectRetryTimer);
            cancel(idleHoldTimer);
            cancel(stableTimer);
            cancel(countsTimer);
            connectRetryTimer = null;
            idleHoldTimer = null;
            stableTimer = null;
            countsTimer = null;
            all = List.copyOf(sessions);
        }
        for (BgpSession session : all) {
            session.stop(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.ADMINISTRATIVE_SHUTDOWN,
                    Octets.EMPTY), "the collector is shutting down");
        }
        synchronized (this) {
            base = SessionState.IDLE;
            refresh("the collector is shutting down");
        }
    }

    /** The peer's state: that of its most advanced connection, else its own; published when it changes. */
    private void refresh(String reason) {
        SessionState next = base;
        for (BgpSession session : sessions) {
            if (session.state() != SessionState.IDLE && session.state().compareTo(next) > 0) {
                next = session.state();
            }
        }
        if (next != state) {
            setState(next, reason);
        }
    }

    private static void cancel(SessionScheduler.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void setState(SessionState next, String reason) {
        LOG.debugf("BGP %s: %s -> %s%s", settings.addressText(), state, next, reason == null ? "" : " (" + reason + ")");
        metrics.sessionState(state, next);
        state = next;
        since = clock.instant();
        publishState(reason);
    }

    private void publishState(String reason) {
        lastReason = reason;
        List<String> capabilities = established == null ? List.of()
                : RouteMapping.capabilityNames(established.receivedOpen().orElseThrow().capabilities());
        Integer holdTime = established == null ? null : established.negotiatedHoldTime();
        publisher.peer(new PeerState(PeerState.FORMAT_VERSION, feed.collectorId(), peer, PeerKind.BGP_SESSION, state, since,
                reason, settings.localAs(), holdTime, capabilities, rib.ipv4Prefixes(), rib.ipv6Prefixes(), clock.instant()));
    }
}
