package io.smoketrace.bgp.bmp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.bgp.codec.bmp.BmpDecodeException;
import io.smoketrace.bgp.codec.bmp.BmpMessage;
import io.smoketrace.bgp.codec.bmp.BmpStreamDecoder;
import io.smoketrace.bgp.config.CollectorConfig;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.bgp.publish.ReadGate;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.common.bgp.RouteSource;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The BMP station (RFC 7854): a TCP server routers connect to. Each connection is decoded on its own
 * event-loop thread into a {@link BmpRouterSession}; a broken stream closes the connection, which
 * withdraws everything learned from that router.
 */
@ApplicationScoped
public class BmpStation {

    private static final Logger LOG = Logger.getLogger(BmpStation.class);

    private final Vertx vertx;
    private final CollectorConfig config;
    private final BgpPublisher publisher;
    private final BgpMetrics metrics;
    private final RouteFeed feed;
    private NetServer server;

    public BmpStation(Vertx vertx, CollectorConfig config, BgpPublisher publisher, BgpMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.feed = new RouteFeed(publisher, metrics, config.collectorId());
        metrics.trackBacklog(publisher.backlog());
    }

    void start(@Observes StartupEvent started) throws Exception {
        if (!config.bmp().enabled()) {
            return;
        }
        server = vertx.createNetServer(new NetServerOptions().setHost(config.bmp().host()).setPort(config.bmp().port())
                .setTcpNoDelay(true));
        server.connectHandler(this::accept);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the BMP station cannot listen on " + config.bmp().host() + ":"
                    + config.bmp().port() + " (" + e.getMessage() + "); set smoketrace.bgp.bmp.port"
                    + " (or SMOKETRACE_BGP_BMP_PORT) to a free port, or smoketrace.bgp.bmp.enabled=false", e);
        }
        LOG.infof("BMP station listening on %s:%d", config.bmp().host(), server.actualPort());
    }

    /** Closing the connections withdraws the routers' routes; wait for that before the publisher goes. */
    void stop(@Observes ShutdownEvent stopping) {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("BMP station did not close cleanly: %s", e.getMessage());
            }
        }
    }

    /** The port the station listens on (useful when configured as 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    private void accept(NetSocket socket) {
        String router = socket.remoteAddress().hostAddress();
        LOG.infof("BMP router %s connected", router);
        metrics.bmpRouterConnected(true);
        BmpStreamDecoder decoder = new BmpStreamDecoder();
        BmpRouterSession session = new BmpRouterSession(router, feed, publisher, metrics, Clock.systemUTC());
        String[] closeReason = {"connection closed"};
        ReadGate gate = new ReadGate(vertx.getOrCreateContext(), socket, publisher.backlog(), metrics, RouteSource.BMP,
                "BMP router " + router, ReadGate.Listener.NONE);
        socket.handler(buffer -> {
            handle(buffer.getBytes(), decoder, session, socket, router, closeReason);
            gate.afterRead();
        });
        socket.exceptionHandler(error -> closeReason[0] = error.getMessage());
        socket.closeHandler(closed -> {
            gate.closed();
            LOG.infof("BMP router %s disconnected (%s); withdrawing %d routes", router, closeReason[0], session.routes());
            metrics.bmpRouterConnected(false);
            session.close(closeReason[0]);
        });
    }

    private void handle(byte[] octets, BmpStreamDecoder decoder, BmpRouterSession session, NetSocket socket, String router,
                        String[] closeReason) {
        decoder.feed(octets, 0, octets.length);
        while (true) {
            Optional<BmpMessage> message;
            try {
                message = decoder.next();
            } catch (BmpDecodeException bad) {
                metrics.decodeError(RouteSource.BMP, bad.framingLost() ? "framing_lost" : "message_skipped");
                if (bad.framingLost()) {
                    LOG.warnf("BMP router %s: %s; closing the connection", router, bad.getMessage());
                    closeReason[0] = "stream not decodable: " + bad.getMessage();
                    socket.close();
                    return;
                }
                LOG.warnf("BMP router %s: %s; message skipped", router, bad.getMessage());
                continue;
            }
            if (message.isEmpty()) {
                return;
            }
            session.handle(message.get());
        }
    }
}
