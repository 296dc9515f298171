package io.smoketrace.bgp.publish;

import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.common.bgp.RouteSource;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * Pauses reading one router connection while the {@link PublishBacklog} is full, and resumes it once
 * Kafka caught up. Reading stops at the socket (Vert.x stops reading the channel, the kernel's receive
 * buffer fills, TCP's window closes), so the router waits instead of the event loop blocking in the
 * Kafka client. Used on the connection's own event loop.
 */
public final class ReadGate {

    private static final Logger LOG = Logger.getLogger(ReadGate.class);

    /** What the connection does besides not reading. */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void paused() {
            }

            @Override
            public void resumed() {
            }
        };

        void paused();

        void resumed();
    }

    private final Context context;
    private final NetSocket socket;
    private final PublishBacklog backlog;
    private final BgpMetrics metrics;
    private final RouteSource source;
    private final String name;
    private final Listener listener;
    private boolean paused;
    private boolean closed;
    private long pausedAt;
    /** Pause/resume lines are logged at most once a minute per connection; the others are counted. */
    private long loggedAt = System.nanoTime() - LOG_INTERVAL_NANOS;
    private int unloggedPauses;
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    /**
     * @param context the connection's context (its event loop)
     * @param name the connection in log lines ("BGP 192.0.2.1", "BMP router 192.0.2.9")
     */
    public ReadGate(Context context, NetSocket socket, PublishBacklog backlog, BgpMetrics metrics, RouteSource source,
                    String name, Listener listener) {
        this.context = context;
        this.socket = socket;
        this.backlog = backlog;
        this.metrics = metrics;
        this.source = source;
        this.name = name;
        this.listener = listener;
    }

    /** After a chunk read from the socket was handled: pause if Kafka is behind. */
    public void afterRead() {
        if (paused || closed || !backlog.full()) {
            return;
        }
        paused = true;
        pausedAt = System.nanoTime();
        socket.pause();
        listener.paused();
        metrics.readPaused(source, true);
        if (pausedAt - loggedAt >= LOG_INTERVAL_NANOS) {
            loggedAt = pausedAt;
            LOG.warnf("%s: reading paused, Kafka has not acknowledged %s of records yet; the router waits (TCP backpressure)%s%s",
                    name, PublishBacklog.size(backlog.octets()),
                    source == RouteSource.BGP ? " and the session stays up on our KEEPALIVEs" : "",
                    unloggedPauses == 0 ? "" : " (" + unloggedPauses + " shorter pauses in the last minute not logged)");
            unloggedPauses = 0;
        } else {
            unloggedPauses++;
        }
        backlog.whenDrained(() -> context.runOnContext(ignored -> resume()));
    }

    private void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        metrics.readPaused(source, false);
        if (closed) {
            return;
        }
        listener.resumed();
        socket.resume();
        if (unloggedPauses == 0) {
            LOG.infof("%s: reading resumed after %.1f s paused (Kafka caught up)", name, (System.nanoTime() - pausedAt) / 1e9);
        } else {
            LOG.debugf("%s: reading resumed after %.1f s paused", name, (System.nanoTime() - pausedAt) / 1e9);
        }
    }

    /** The connection closed: it no longer counts as paused. */
    public void closed() {
        closed = true;
        if (paused) {
            paused = false;
            metrics.readPaused(source, false);
        }
    }

    public boolean paused() {
        return paused;
    }
}
