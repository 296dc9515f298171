package io.smoketrace.bgp.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The octets of records handed to a publisher and not yet acknowledged by Kafka. Over {@code pauseAt}
 * it is "full": connections stop reading from routers (TCP backpressure, see {@link ReadGate}) until it
 * is back under half of that. Counting is lock-free; only the full/drained transitions synchronize.
 */
public final class PublishBacklog {

    private static final Logger LOG = Logger.getLogger(PublishBacklog.class);

    /** A backlog that is never full (publishers without a broker behind them). */
    public static final PublishBacklog UNLIMITED = new PublishBacklog(Long.MAX_VALUE);

    private final long pauseAt;
    private final long resumeAt;
    private final AtomicLong octets = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final List<Runnable> waiting = new ArrayList<>();
    private volatile boolean full;
    private long fullSince;
    /** The full/drained lines are logged at most once a minute; the others at debug level. */
    private long loggedAt = System.nanoTime() - 60_000_000_000L;
    private boolean fullLogged;

    public PublishBacklog(long pauseAt) {
        if (pauseAt <= 0) {
            throw new IllegalArgumentException("the backlog limit must be positive, was " + pauseAt);
        }
        this.pauseAt = pauseAt;
        this.resumeAt = pauseAt / 2;
    }

    /** A record of this many octets was handed over. */
    public void added(long size) {
        records.incrementAndGet();
        if (octets.addAndGet(size) >= pauseAt && !full) {
            synchronized (this) {
                if (!full && octets.get() >= pauseAt) {
                    full = true;
                    fullSince = System.nanoTime();
                    fullLogged = fullSince - loggedAt >= 60_000_000_000L;
                    if (fullLogged) {
                        loggedAt = fullSince;
                    }
                    LOG.logf(fullLogged ? Logger.Level.WARN : Logger.Level.DEBUG, "Kafka is not acknowledging records as fast as routers send them: %s in %d records wait;"
                                    + " reading from BGP peers and BMP routers pauses until it is under %s (sessions stay up)",
                            size(octets.get()), records.get(), size(resumeAt));
                }
            }
        }
    }

    /** A record of this many octets was acknowledged or failed for good. */
    public void done(long size) {
        records.decrementAndGet();
        if (octets.addAndGet(-size) <= resumeAt && full) {
            List<Runnable> resume;
            synchronized (this) {
                if (!full || octets.get() > resumeAt) {
                    return;
                }
                full = false;
                resume = List.copyOf(waiting);
                waiting.clear();
                LOG.logf(fullLogged ? Logger.Level.INFO : Logger.Level.DEBUG, "Kafka caught up after %.1f s: %s wait; reading from routers resumes",
                        (System.nanoTime() - fullSince) / 1e9, size(octets.get()));
            }
            resume.forEach(Runnable::run);
        }
    }

    public boolean full() {
        return full;
    }

    /** Octets handed over and not yet acknowledged. */
    public long octets() {
        return octets.get();
    }

    public long records() {
        return records.get();
    }

    public long pauseAt() {
        return pauseAt;
    }

    /** Runs {@code task} once the backlog is no longer full: at once (on this thread) if it is not. */
    public void whenDrained(Runnable task) {
        synchronized (this) {
            if (full) {
                waiting.add(task);
                return;
            }
        }
        task.run();
    }

    /** Blocks while the backlog is full (for the command-line import, which has no socket to pause). */
    public void awaitDrained() throws InterruptedException {
        if (!full) {
            return;
        }
        CountDownLatch drained = new CountDownLatch(1);
        whenDrained(drained::countDown);
        drained.await();
    }

    static String size(long octets) {
        return octets >= 1 << 20 ? String.format("%.1f MiB", octets / 1048576.0) : String.format("%.1f KiB", octets / 1024.0);
    }
}
