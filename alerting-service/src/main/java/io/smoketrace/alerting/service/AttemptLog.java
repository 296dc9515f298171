package io.smoketrace.alerting.service;

import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.alerting.repository.OutboxRepository.AttemptRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

/**
 * Writes delivery attempts to the database in batches, in the order they happened: the attempts
 * that arrive while one transaction runs share the next one. Delivery lanes do not wait for the
 * write (a crash between a delivery and its record re-sends it after restart with the same
 * idempotency key, which receivers de-duplicate); the queue is bounded, so a database outage
 * eventually holds the lanes rather than losing records or memory.
 */
@ApplicationScoped
public class AttemptLog {

    private static final Logger LOG = Logger.getLogger(AttemptLog.class);
    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final OutboxRepository outbox;
    private static final int MAX_QUEUED = 20_000;

    private final LinkedBlockingQueue<AttemptRecord> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile Thread writer;
    private final java.util.concurrent.atomic.AtomicInteger unwritten = new java.util.concurrent.atomic.AtomicInteger();

    public AttemptLog(Pool pool, OutboxRepository outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Queues the attempt for storing; blocks only when the queue is full (database away for long). */
    public void record(AttemptRecord record) throws InterruptedException {
        ensureWriter();
        unwritten.incrementAndGet();
        // offer first: a lane interrupted at shutdown still gets its last attempt recorded while there is room.
        try {
            if (!queue.offer(record)) {
                queue.put(record);
            }
        } catch (InterruptedException e) {
            unwritten.decrementAndGet();
            throw e;
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null) {
            writer = Thread.ofVirtual().name("delivery-attempt-log").start(this::run);
        }
    }

    /** Writes what is queued (waiting at most a few seconds for the database), then stops the writer. */
    synchronized void stop() {
        Thread w = writer;
        if (w == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (unwritten.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (unwritten.get() > 0) {
            LOG.warnf("stopping with %d delivery attempts not recorded; their notifications will be tried again", unwritten.get());
        }
        w.interrupt();
        writer = null;
    }

    private void run() {
        List<AttemptRecord> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                AttemptRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store(batch);
                unwritten.addAndGet(-batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void store(List<AttemptRecord> records) throws InterruptedException {
        String rows = OutboxRepository.attemptRows(records);
        Duration wait = Duration.ofMillis(200);
        while (true) {
            try {
                outbox.recordAttempts(pool, rows).await().indefinitely();
                return;
            } catch (RuntimeException e) {
                if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("stopping");
                }
                LOG.warnf("cannot record %d delivery attempts yet (%s); retrying", records.size(), e.getMessage());
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
    }
}
