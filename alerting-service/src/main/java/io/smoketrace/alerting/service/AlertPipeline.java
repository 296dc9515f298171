package io.smoketrace.alerting.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.config.AlertingConfig;
import io.smoketrace.alerting.engine.AlertEngine;
import io.smoketrace.alerting.engine.EngineStep;
import io.smoketrace.alerting.engine.PlannedNotification;
import io.smoketrace.alerting.mapping.NotificationMapper;
import io.smoketrace.alerting.repository.AlertRepository;
import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.common.event.PathEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the engine one step at a time and stores what the steps decide with group commit.
 *
 * <p>Events from the topic and clock ticks are applied to the engine in order, on one thread. Each
 * step's alert changes and notifications then wait for the store: one writer commits everything that
 * queued up while its previous transaction ran, in one transaction (alert state upserted once per
 * alert, notifications in step order), and only then hands the notifications to delivery and reports
 * the steps stored. So a batch of events costs one transaction however large it is, the engine works
 * on the next batch while the previous one is committed, and nothing reaches a receiver, nor is a
 * Kafka offset committed, before the alert state and outbox rows behind it are durable.
 */
@ApplicationScoped
public class AlertPipeline {

    private static final Logger LOG = Logger.getLogger(AlertPipeline.class);

    private final AlertEngine engine;
    private final Pool pool;
    private final OutboxRepository outbox;
    private final DeliveryService delivery;
    private final AlertingConfig config;
    private final Timer storeTimer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final LinkedBlockingQueue<Pending> unstored = new LinkedBlockingQueue<>();
    private CompletableFuture<Void> tail = ready;
    // Steps run here, one at a time, off the event loops.
    private final ExecutorService stepper =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("alert-engine").factory());
    private ScheduledExecutorService ticker;
    private volatile Thread writer;
    private volatile boolean running = true;

    public AlertPipeline(Clock clock, Pool pool, OutboxRepository outbox,
                         DeliveryService delivery, AlertingConfig config, MeterRegistry registry) {
        this.engine = new AlertEngine(clock, RoutingService.defaultRouting());
        this.pool = pool;
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        Gauge.builder("smoketrace.alerting.alerts.firing", engine, AlertEngine::firingCount)
                .description("Alerts firing now").register(registry);
        this.storeTimer = Timer.builder("smoketrace.alerting.pipeline.store")
                .description("Committing the engine steps queued since the last commit: alert state and outbox in one transaction")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * A batch handed to the pipeline.
     *
     * @param applied completes when the engine has applied it (the next batch may follow)
     * @param stored completes when what it changed is committed and its notifications are queued for
     *               delivery (its offsets may be committed); never completes when the service stops first
     */
    public record Submission(CompletableFuture<Void> applied, CompletableFuture<Void> stored) {
    }

    /** One step's output waiting for the writer. */
    private record Pending(EngineStep step, CompletableFuture<Void> stored) {
    }

    public AlertEngine engine() {
        return engine;
    }

    /** Opens the pipeline once the engine holds the stored configuration and alerts; starts the writer and the clock ticks. */
    void open() {
        running = true;
        writer = Thread.ofPlatform().daemon().name("alert-store").start(this::writeLoop);
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("alert-engine-tick").factory());
        long period = Math.max(10, config.tickInterval().toMillis());
        ticker.scheduleAtFixedRate(() -> {
            if (tickQueued.compareAndSet(false, true)) {
                enqueue(() -> {
                    tickQueued.set(false);
                    return engine.tick();
                }, null);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        ready.complete(null);
    }

    /** Stops ticking and storing; steps not yet stored are dropped (their events are not acknowledged). */
    void close() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        stepper.shutdown();
    }

    /** Applies a batch of events (an empty batch still marks its place in the order). */
    public Submission submit(List<PathEvent> events) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        return new Submission(enqueue(() -> engine.onEvents(events), stored), stored);
    }

    private synchronized CompletableFuture<Void> enqueue(Supplier<EngineStep> work, CompletableFuture<Void> stored) {
        CompletableFuture<Void> next = tail.exceptionally(e -> null).thenRunAsync(() -> {
            EngineStep step;
            try {
                step = work.get();
            } catch (RuntimeException e) {
                LOG.errorf(e, "the alert engine failed on a step; its input is skipped");
                step = new EngineStep(List.of(), List.of());
            }
            if (stored != null || !step.isEmpty()) {
                // Even an empty step goes through the writer, so that steps are reported stored in order.
                unstored.add(new Pending(step, stored == null ? new CompletableFuture<>() : stored));
            }
        }, stepper);
        tail = next;
        return next;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(unstored.take());
            } catch (InterruptedException e) {
                return;
            }
            unstored.drainTo(batch);
            if (!store(batch)) {
                return;
            }
            batch.forEach(p -> p.stored().complete(null));
            batch.clear();
        }
    }

    /** Commits the steps' changes in one transaction, then queues their notifications; false when stopped first. */
    private boolean store(List<Pending> batch) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        List<NotificationContent> notifications = new ArrayList<>();
        for (Pending pending : batch) {
            for (Alert alert : pending.step().alerts()) {
                latest.put(alert.alertId(), alert);
            }
            for (PlannedNotification planned : pending.step().notifications()) {
                notifications.add(NotificationMapper.toContent(planned, config.uiBaseUrl()));
            }
        }
        if (latest.isEmpty() && notifications.isEmpty()) {
            return true;
        }
        long started = System.nanoTime();
        List<Object> alertRows = AlertRepository.rows(latest.values());
        List<Object> notificationRows = OutboxRepository.rows(notifications);
        Duration wait = Duration.ofMillis(200);
        // Nothing may be lost: a database outage holds the pipeline (and the topic) until the steps are stored.
        while (true) {
            try {
                outbox.store(pool, alertRows, notificationRows).await().indefinitely();
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    return false;
                }
                LOG.warnf("cannot store %d alert changes and %d notifications yet (%s); retrying in %d ms",
                        latest.size(), notifications.size(), e.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return false;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
        storeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (LOG.isInfoEnabled()) {
            latest.values().forEach(a -> LOG.infof("alert %s is %s: %s", a.alertId(),
                    a.firing() ? "firing" : "resolved", a.annotations().getOrDefault("summary", "")));
        }
        delivery.enqueue(notifications);
        return true;
    }
}
