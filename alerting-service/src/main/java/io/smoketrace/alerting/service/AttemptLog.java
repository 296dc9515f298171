package io.smoketrace.alerting.service;

import io.quarkus.vertx.VertxContextSupport;
import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.alerting.repository.OutboxRepository.AttemptRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hibernate.reactive.mutiny.Mutiny;
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

    private final Mutiny.SessionFactory sessions;
    private final OutboxRepository outbox;
    private static final int MAX_QUEUED = 20_000;

    private final LinkedBlockingQueue<AttemptRecord> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile Thread writer;

    public AttemptLog(Mutiny.SessionFactory sessions, OutboxRepository outbox) {
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /** Queues the attempt for storing; blocks only when the queue is full (database away for long). */
    public void record(AttemptRecord record) throws InterruptedException {
        ensureWriter();
        queue.put(record);
    }

    private synchronized void ensureWriter() {
        if (writer == null) {
            writer = Thread.ofVirtual().name("delivery-attempt-log").start(this::run);
        }
    }

    void stop() {
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
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
                VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction((s, tx) -> outbox.recordAttempts(s, rows)));
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                LOG.warnf("cannot record %d delivery attempts yet (%s); retrying", records.size(), e.getMessage());
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
    }
}
