package io.smoketrace.bgp.speaker;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.bgp.config.CollectorConfig;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import io.smoketrace.bgp.publish.ReadGate;
import io.smoketrace.common.bgp.RouteSource;
import org.jboss.logging.Logger;

/**
 * The BGP speaker: listens for the configured neighbours (and connects to the active ones), refuses
 * everyone else, and runs one {@link BgpSession} per TCP connection on that connection's event loop.
 */
@ApplicationScoped
public class BgpSpeaker {

    private static final Logger LOG = Logger.getLogger(BgpSpeaker.class);

    private final Vertx vertx;
    private final CollectorConfig config;
    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final Map<InetAddress, BgpNeighbor> neighbors = new LinkedHashMap<>();
    private NetServer server;
    private NetClient client;

    public BgpSpeaker(Vertx vertx, CollectorConfig config, BgpPublisher publisher, BgpMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        metrics.trackBacklog(publisher.backlog());
        RouteFeed feed = new RouteFeed(publisher, metrics, config.collectorId());
        PeerTimers timers = new PeerTimers(Duration.ofSeconds(config.speaker().connectRetrySeconds()),
                Duration.ofSeconds(config.speaker().idleHoldSeconds()), Duration.ofSeconds(config.speaker().idleHoldMaxSeconds()));
        for (int i = 0; i < config.peers().size(); i++) {
            NeighborSettings settings = NeighborSettings.of(i, config.peers().get(i));
            BgpNeighbor neighbor = new BgpNeighbor(settings, timers, feed, publisher, metrics, Clock.systemUTC(), timers(),
                    this::connect);
            if (neighbors.put(settings.address(), neighbor) != null) {
                throw new IllegalArgumentException("smoketrace.bgp.peers[" + i + "].address " + settings.addressText()
                        + " is configured twice; keep one entry per neighbour");
            }
        }
    }

    void start(@Observes StartupEvent started) {
        if (!config.speaker().enabled()) {
            return;
        }
        if (neighbors.isEmpty()) {
            // Nobody could be accepted; not binding also keeps port 179 free for non-root runs of the suite.
            LOG.info("BGP speaker not listening: no peers configured (smoketrace.bgp.peers[0].address=..., see the README)");
            return;
        }
        server = vertx.createNetServer(new NetServerOptions().setHost(config.speaker().host()).setPort(config.speaker().port())
                .setTcpNoDelay(true));
        server.connectHandler(this::accept);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the BGP speaker cannot listen on " + config.speaker().host() + ":"
                    + config.speaker().port() + " (" + e.getMessage() + "); set smoketrace.bgp.speaker.port (or"
                    + " SMOKETRACE_BGP_SPEAKER_PORT) to a free port (179 needs root or CAP_NET_BIND_SERVICE),"
                    + " or smoketrace.bgp.speaker.enabled=false", e);
        }
        LOG.infof("BGP speaker listening on %s:%d for %d configured peers", config.speaker().host(), server.actualPort(),
                neighbors.size());
        client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true));
        neighbors.values().forEach(BgpNeighbor::start);
    }

    void stop(@Observes ShutdownEvent stopping) {
        neighbors.values().forEach(BgpNeighbor::shutdown);
        if (server != null) {
            server.close();
        }
    }

    /** The port the speaker listens on (useful when configured as 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public Collection<BgpNeighbor> neighbors() {
        return neighbors.values();
    }

    private void accept(NetSocket socket) {
        Optional<BgpNeighbor> neighbor = neighbor(socket.remoteAddress().hostAddress());
        if (neighbor.isEmpty()) {
            LOG.warnf("refused a BGP connection from %s:%d: not a configured peer (add it under smoketrace.bgp.peers)",
                    socket.remoteAddress().hostAddress(), socket.remoteAddress().port());
            socket.close();
            return;
        }
        if (!neighbor.get().acceptsConnection()) {
            LOG.infof("refused a BGP connection from %s:%d: %s", socket.remoteAddress().hostAddress(),
                    socket.remoteAddress().port(), neighbor.get().refusal());
            socket.close();
            return;
        }
        run(neighbor.get(), socket, false);
    }

    /** The Connect state's TCP attempt of an active peer. */
    private void connect(BgpNeighbor neighbor) {
        NeighborSettings settings = neighbor.settings();
        client.connect(settings.port(), settings.addressText()).onComplete(connected -> {
            if (connected.failed()) {
                neighbor.connectFailed(connected.cause().getMessage());
            } else if (!neighbor.acceptsConnection()) {
                connected.result().close();
            } else {
                run(neighbor, connected.result(), true);
            }
        });
    }

    /** Timers on the Vert.x event loops (the caller's, when it runs on one). */
    private SessionScheduler timers() {
        return (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), fired -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }

    private void run(BgpNeighbor neighbor, NetSocket socket, boolean outgoing) {
        String peer = neighbor.settings().addressText();
        BgpSession session = neighbor.newSession(new SessionTransport() {
            @Override
            public void send(byte[] message) {
                socket.write(Buffer.buffer(message));
            }

            @Override
            public void close() {
                socket.close();
            }
        }, timers(), outgoing);
        ReadGate gate = new ReadGate(vertx.getOrCreateContext(), socket, publisher.backlog(), metrics, RouteSource.BGP,
                "BGP " + peer, new ReadGate.Listener() {
                    @Override
                    public void paused() {
                        session.pauseReading();
                    }

                    @Override
                    public void resumed() {
                        session.resumeReading();
                    }
                });
        socket.handler(buffer -> {
            session.received(ByteBuffer.wrap(buffer.getBytes()));
            gate.afterRead();
        });
        socket.closeHandler(closed -> {
            gate.closed();
            session.connectionClosed();
        });
        socket.exceptionHandler(error -> LOG.debugf("BGP %s: %s", peer, error.getMessage()));
        session.connected();
    }

    private Optional<BgpNeighbor> neighbor(String address) {
        try {
            return Optional.ofNullable(neighbors.get(InetAddress.getByName(address)));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
