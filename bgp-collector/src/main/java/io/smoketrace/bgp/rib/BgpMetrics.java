package io.smoketrace.bgp.rib;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smoketrace.bgp.publish.PublishBacklog;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The collector's meters, all named {@code smoketrace_bgp_*}: sessions by state, prefixes held per peer,
 * updates (their rate is updates/s), decode errors by action and connected BMP routers.
 */
@Singleton
public class BgpMetrics {

    private final MeterRegistry registry;
    private final Map<SessionState, AtomicInteger> sessions = new EnumMap<>(SessionState.class);
    private final AtomicInteger bmpRouters = new AtomicInteger();
    private final Map<RouteSource, AtomicInteger> paused = new EnumMap<>(RouteSource.class);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Per prefix, so looked up by ordinals rather than by name and tags. */
    private final Counter[][] updates = new Counter[RouteSource.values().length][Action.values().length];

    @Inject
    public BgpMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SessionState state : SessionState.values()) {
            AtomicInteger count = new AtomicInteger();
            sessions.put(state, count);
            Gauge.builder("smoketrace.bgp.sessions", count, AtomicInteger::get)
                    .description("Configured BGP sessions by FSM state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("smoketrace.bgp.bmp.routers.connected", bmpRouters, AtomicInteger::get)
                .description("Routers with an open BMP connection").register(registry);
        for (RouteSource source : RouteSource.values()) {
            AtomicInteger count = new AtomicInteger();
            paused.put(source, count);
            Gauge.builder("smoketrace.bgp.connections.paused", count, AtomicInteger::get)
                    .description("Router connections not being read because Kafka is behind (TCP backpressure)")
                    .tag("source", source.name()).register(registry);
        }
        for (RouteSource source : RouteSource.values()) {
            for (Action action : Action.values()) {
                updates[source.ordinal()][action.ordinal()] = counter("smoketrace.bgp.updates",
                        "Route updates published (rate = updates/s)", "source", source.name(), "action", action.name());
            }
        }
    }

    /** A session moved from one state to another (null: it did not exist before / does not any more). */
    public void sessionState(SessionState from, SessionState to) {
        if (from != null) {
            sessions.get(from).decrementAndGet();
        }
        if (to != null) {
            sessions.get(to).incrementAndGet();
        }
    }

    public int sessions(SessionState state) {
        return sessions.get(state).get();
    }

    public void bmpRouterConnected(boolean connected) {
        if (connected) {
            bmpRouters.incrementAndGet();
        } else {
            bmpRouters.decrementAndGet();
        }
    }

    /** A connection stopped (or started again) reading because of the publish backlog. */
    public void readPaused(RouteSource source, boolean nowPaused) {
        if (nowPaused) {
            paused.get(source).incrementAndGet();
            counter("smoketrace.bgp.read.pauses", "Times a router connection was paused because Kafka was behind",
                    "source", source.name()).increment();
        } else {
            paused.get(source).decrementAndGet();
        }
    }

    public int pausedConnections(RouteSource source) {
        return paused.get(source).get();
    }

    /** Shows the publisher's backlog: octets handed over and not yet acknowledged by Kafka. */
    public void trackBacklog(PublishBacklog backlog) {
        Gauge.builder("smoketrace.bgp.publish.backlog", backlog, PublishBacklog::octets).strongReference(true).baseUnit("bytes")
                .description("Record octets handed to the Kafka producer and not yet acknowledged").register(registry);
    }

    public void update(RouteSource source, Action action) {
        updates[source.ordinal()][action.ordinal()].increment();
    }

    /** A decode problem: an RFC 7606 action, or a skipped BMP message / MRT record. */
    public void decodeError(RouteSource source, String action) {
        counter("smoketrace.bgp.decode.errors", "Decode errors by the action taken",
                "source", source.name(), "action", action).increment();
    }

    public void bmpStatisticsReport(String router) {
        counter("smoketrace.bgp.bmp.statistics.reports", "BMP statistics reports received", "router", router).increment();
    }

    /**
     * Shows a configured peer's FSM state as {@code smoketrace_bgp_peer_state{peer}}, numbered as RFC 4271
     * (and the BGP4-MIB's bgpPeerState, and MRT): 1 Idle, 2 Connect, 3 Active, 4 OpenSent, 5 OpenConfirm,
     * 6 Established.
     */
    public void trackPeerState(String peerId, Supplier<SessionState> state) {
        Gauge.builder("smoketrace.bgp.peer.state", state, s -> rfc4271Number(s.get())).strongReference(true)
                .description("RFC 4271 FSM state of a configured peer: 1 Idle, 2 Connect, 3 Active, 4 OpenSent,"
                        + " 5 OpenConfirm, 6 Established").tag("peer", peerId).register(registry);
    }

    /** The RFC 4271 state number (1 Idle .. 6 Established), 0 for the BMP-only UP/DOWN. */
    public static int rfc4271Number(SessionState state) {
        return switch (state) {
            case IDLE -> 1;
            case CONNECT -> 2;
            case ACTIVE -> 3;
            case OPEN_SENT -> 4;
            case OPEN_CONFIRM -> 5;
            case ESTABLISHED -> 6;
            case UP, DOWN -> 0;
        };
    }

    /** Shows the prefixes held from a peer until the returned meters are {@link #remove}d. */
    public List<Meter> trackPrefixes(String peerId, AdjRibIn rib) {
        return List.of(
                Gauge.builder("smoketrace.bgp.prefixes", rib, AdjRibIn::ipv4Prefixes).strongReference(true)
                        .description("Prefixes held per peer").tags("peer", peerId, "family", "ipv4").register(registry),
                Gauge.builder("smoketrace.bgp.prefixes", rib, AdjRibIn::ipv6Prefixes).strongReference(true)
                        .description("Prefixes held per peer").tags("peer", peerId, "family", "ipv6").register(registry));
    }

    public void remove(List<Meter> meters) {
        meters.forEach(registry::remove);
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
