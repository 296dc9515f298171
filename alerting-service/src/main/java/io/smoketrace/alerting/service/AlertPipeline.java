package io.smoketrace.alerting.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.config.AlertingConfig;
import io.smoketrace.alerting.engine.AlertEngine;
import io.smoketrace.alerting.engine.EngineStep;
import io.smoketrace.alerting.engine.PlannedNotification;
import io.smoketrace.alerting.mapping.NotificationMapper;
import io.smoketrace.alerting.repository.AlertRepository;
import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.common.event.PathEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Runs the engine one step at a time: events from the topic and clock ticks are applied in order,
 * and each step's alert state and notifications are committed in one transaction before the next
 * step starts and before the notifications are handed to delivery. A Kafka batch is acknowledged
 * only once its step is committed.
 */
@ApplicationScoped
public class AlertPipeline {

    private static final Logger LOG = Logger.getLogger(AlertPipeline.class);

    private final AlertEngine engine;
    private final Mutiny.SessionFactory sessions;
    private final AlertRepository alerts;
    private final OutboxRepository outbox;
    private final DeliveryService delivery;
    private final AlertingConfig config;
    private final io.micrometer.core.instrument.Timer storeTimer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private CompletableFuture<Void> tail = ready;
    // Steps run here, one at a time, off the event loops (storing a step starts its own Vert.x context).
    private final java.util.concurrent.ExecutorService stepper =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("alert-engine").factory());
    private ScheduledExecutorService ticker;

    public AlertPipeline(Clock clock, Mutiny.SessionFactory sessions, AlertRepository alerts, OutboxRepository outbox,
                         DeliveryService delivery, AlertingConfig config, MeterRegistry registry) {
        this.engine = new AlertEngine(clock, RoutingService.defaultRouting());
        this.sessions = sessions;
        this.alerts = alerts;
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        Gauge.builder("smoketrace.alerting.alerts.firing", engine, AlertEngine::firingCount)
                .description("Alerts firing now").register(registry);
        this.storeTimer = io.micrometer.core.instrument.Timer.builder("smoketrace.alerting.pipeline.store")
                .description("Committing one engine step: alert state and outbox in one transaction")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public AlertEngine engine() {
        return engine;
    }

    /** Opens the pipeline once the engine holds the stored configuration and alerts; starts the clock ticks. */
    void open() {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("alert-engine-tick").factory());
        long period = Math.max(10, config.tickInterval().toMillis());
        ticker.scheduleAtFixedRate(() -> {
            if (tickQueued.compareAndSet(false, true)) {
                enqueue(() -> {
                    tickQueued.set(false);
                    return engine.tick();
                });
            }
        }, period, period, TimeUnit.MILLISECONDS);
        ready.complete(null);
    }

    void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        stepper.shutdown();
    }

    /** Applies a batch of events; completes when the resulting state and notifications are committed. */
    public Uni<Void> submit(List<PathEvent> events) {
        return Uni.createFrom().completionStage(() -> enqueue(() -> engine.onEvents(events)));
    }

    private synchronized CompletableFuture<Void> enqueue(Supplier<EngineStep> work) {
        CompletableFuture<Void> next = tail.exceptionally(e -> null).thenComposeAsync(ignored -> {
            EngineStep step;
            try {
                step = work.get();
            } catch (RuntimeException e) {
                LOG.errorf(e, "the alert engine failed on a step; its input is skipped");
                return CompletableFuture.failedFuture(e);
            }
            return step.isEmpty() ? CompletableFuture.completedFuture(null) : store(step);
        }, stepper);
        tail = next;
        return next;
    }

    private CompletableFuture<Void> store(EngineStep step) {
        List<NotificationContent> notifications = new ArrayList<>();
        for (PlannedNotification planned : step.notifications()) {
            notifications.add(NotificationMapper.toContent(planned, config.uiBaseUrl()));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        long started = System.nanoTime();
        String alertRows = step.alerts().isEmpty() ? null : AlertRepository.rows(step.alerts());
        String notificationRows = notifications.isEmpty() ? null : OutboxRepository.rows(notifications);
        // Nothing may be lost: a database outage holds the pipeline (and the topic) until the step is stored.
        VertxContextSupport.subscribe(() -> sessions.withTransaction((session, tx) -> (alertRows == null ? Uni.createFrom().voidItem() : alerts.upsert(session, alertRows))
                                .chain(() -> notificationRows == null ? Uni.createFrom().voidItem() : outbox.insert(session, notificationRows)))
                        .onFailure().invoke(e -> LOG.warnf("cannot store %d alert changes and %d notifications yet (%s); retrying",
                                step.alerts().size(), notifications.size(), e.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                        .toMulti(),
                subscribe -> subscribe.with(ignored -> { }, done::completeExceptionally, () -> {
                    storeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    step.alerts().forEach(a -> LOG.infof("alert %s is %s: %s", a.alertId(),
                            a.firing() ? "firing" : "resolved", a.annotations().getOrDefault("summary", "")));
                    delivery.enqueue(notifications);
                    done.complete(null);
                }));
        return done;
    }
}
