package io.smoketrace.alerting.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smoketrace.common.alert.Durations;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.client.DeliveryException;
import io.smoketrace.alerting.client.ReceiverClient;
import io.smoketrace.alerting.config.AlertingConfig;
import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.alerting.repository.OutboxRepository.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox. Each receiver has its own lanes (virtual threads), so a slow or dead
 * receiver only holds up itself; the notifications of one group always use the same lane and stay
 * in order. A failed attempt is retried with exponential back-off and full jitter, keeping its
 * notification id; every attempt is recorded.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final Map<Routing.ReceiverKind, ReceiverClient> clients = new EnumMap<>(Routing.ReceiverKind.class);
    private final Map<String, Lane[]> lanes = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final AttemptLog attemptLog;
    private final AlertingConfig.Delivery settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private volatile Supplier<Routing> routing;
    private volatile boolean running = true;

    public DeliveryService(Instance<ReceiverClient> clients, AttemptLog attemptLog, AlertingConfig config, Clock clock,
                           MeterRegistry registry) {
        clients.forEach(c -> this.clients.put(c.kind(), c));
        this.attemptLog = attemptLog;
        this.settings = config.delivery();
        this.clock = clock;
        this.registry = registry;
    }

    /** Where receivers are looked up at each attempt, so a routing change applies to what is queued. */
    void useRouting(Supplier<Routing> current) {
        this.routing = current;
    }

    /**
     * Stops delivering, as at shutdown: attempts in progress are interrupted (recorded as failed, to be
     * retried), what is queued in memory is dropped (the outbox still holds it) and the attempts made
     * so far are written before this returns.
     */
    synchronized void stop() {
        running = false;
        List<Lane> stopped = new ArrayList<>();
        lanes.values().forEach(ls -> stopped.addAll(List.of(ls)));
        lanes.clear();
        for (Lane lane : stopped) {
            lane.stopped = true;
            lane.thread.interrupt();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Lane lane : stopped) {
            try {
                lane.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight.clear();
        attemptLog.stop();
    }

    /** Starts delivering again after {@link #stop()}; the caller queues what the outbox holds. */
    synchronized void start() {
        running = true;
    }

    /** Queues committed notifications for delivery. */
    public synchronized void enqueue(List<NotificationContent> notifications) {
        for (NotificationContent content : notifications) {
            enqueue(content, 0);
        }
    }

    /** Queues a notification that already had {@code attempts} attempts (after a restart). */
    synchronized void enqueue(NotificationContent content, int attempts) {
        var n = content.notification();
        if (!running || !inFlight.add(n.notificationId())) {
            return;
        }
        Lane[] receiverLanes = lanes.computeIfAbsent(n.receiver(), this::startLanes);
        receiverLanes[Math.floorMod(n.groupKey().hashCode(), receiverLanes.length)].queue.add(new Job(content, attempts));
    }

    private Lane[] startLanes(String receiverName) {
        Routing.Receiver receiver = routing == null ? null : routing.get().receiver(receiverName);
        int parallelism = receiver != null && receiver.parallelism() != null ? receiver.parallelism() : settings.parallelism();
        Lane[] created = new Lane[Math.max(1, parallelism)];
        for (int i = 0; i < created.length; i++) {
            Lane lane = new Lane(new LinkedBlockingQueue<>());
            lane.thread = Thread.ofVirtual().name("deliver-" + receiverName + "-" + i).start(() -> run(receiverName, lane));
            created[i] = lane;
        }
        return created;
    }

    private void run(String receiverName, Lane lane) {
        while (!lane.stopped) {
            Job job;
            try {
                job = lane.queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliver(receiverName, lane, job);
            } catch (InterruptedException e) {
                return;
            } finally {
                if (!lane.stopped) {
                    inFlight.remove(job.content.notification().notificationId());
                }
            }
        }
    }

    private void deliver(String receiverName, Lane lane, Job job) throws InterruptedException {
        var n = job.content.notification();
        int attempt = job.attempts;
        Meters meters = meters(receiverName);
        while (!lane.stopped) {
            attempt++;
            Routing.Receiver receiver = routing == null ? null : routing.get().receiver(receiverName);
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            String outcome;
            String detail;
            boolean permanent = false;
            boolean delivered = false;
            if (receiver == null) {
                outcome = "FAILED";
                detail = "receiver '" + receiverName + "' is no longer configured";
                permanent = true;
            } else {
                ReceiverClient client = clients.get(receiver.kind());
                Duration timeout = Durations.parse(receiver.timeout(), settings.timeout());
                try {
                    detail = client.deliver(receiver, job.content, timeout);
                    outcome = "DELIVERED";
                    delivered = true;
                } catch (DeliveryException e) {
                    outcome = "FAILED";
                    detail = e.getMessage();
                    permanent = e.permanent();
                } catch (RuntimeException e) {
                    outcome = "FAILED";
                    detail = "cannot deliver: " + e;
                }
            }
            long durationMs = (System.nanoTime() - t0) / 1_000_000;
            (delivered ? meters.delivered : meters.failed).increment();
            if (delivered) {
                record(n.notificationId(), attempt, started, durationMs, outcome, detail, DeliveryStatus.DELIVERED, null);
                meters.sent.increment();
                meters.latency.record(Duration.between(n.sentAt(), clock.instant()));
                if (attempt > 1) {
                    LOG.infof("notification %s for %s delivered to %s on attempt %d", n.notificationId(), n.groupKey(),
                            receiverName, attempt);
                }
                return;
            }
            boolean giveUp = permanent || attempt >= settings.maxAttempts();
            Duration backoff = giveUp ? null : backoff(attempt);
            record(n.notificationId(), attempt, started, durationMs, outcome, detail,
                    giveUp ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, giveUp ? null : clock.instant().plus(backoff));
            if (giveUp) {
                meters.gaveUp.increment();
                LOG.errorf("gave up delivering notification %s for %s to %s after %d attempts: %s%s", n.notificationId(),
                        n.groupKey(), receiverName, attempt, detail,
                        permanent ? " (the receiver refused it; retrying cannot help)" : "");
                return;
            }
            if (lane.stopped) {
                return;
            }
            LOG.warnf("cannot deliver notification %s for %s to %s yet (attempt %d: %s); retrying in %d ms",
                    n.notificationId(), n.groupKey(), receiverName, attempt, detail, backoff.toMillis());
            Thread.sleep(backoff);
        }
    }

    /** Exponential back-off with full jitter: a random delay up to initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        double ceiling = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() * Math.pow(2, Math.min(30, attempt - 1)));
        long half = (long) (ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(Math.max(1, (long) ceiling - half + 1)));
    }

    private void record(String id, int attempt, Instant started, long durationMs, String outcome, String detail,
                        DeliveryStatus status, Instant nextAttemptAt) throws InterruptedException {
        String shortDetail = detail != null && detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        attemptLog.record(new OutboxRepository.AttemptRecord(id, attempt, started, durationMs, outcome, shortDetail, status,
                nextAttemptAt));
    }

    private Meters meters(String receiverName) {
        return meters.computeIfAbsent(receiverName, r -> new Meters(
                registry.counter("smoketrace.alerting.delivery.attempts", "receiver", r, "outcome", "DELIVERED"),
                registry.counter("smoketrace.alerting.delivery.attempts", "receiver", r, "outcome", "FAILED"),
                registry.counter("smoketrace.alerting.notifications.sent", "receiver", r),
                registry.counter("smoketrace.alerting.notifications.failed", "receiver", r),
                Timer.builder("smoketrace.alerting.delivery.latency").description("From the notification's creation to its delivery")
                        .tag("receiver", r).publishPercentiles(0.5, 0.99).register(registry)));
    }

    /** A receiver's meters, looked up once. */
    private record Meters(Counter delivered, Counter failed, Counter sent, Counter gaveUp, Timer latency) {
    }

    private record Job(NotificationContent content, int attempts) {
    }

    private static final class Lane {
        final BlockingQueue<Job> queue;
        Thread thread;
        volatile boolean stopped;

        Lane(BlockingQueue<Job> queue) {
            this.queue = queue;
        }
    }
}
