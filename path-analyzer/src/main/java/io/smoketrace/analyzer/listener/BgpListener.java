package io.smoketrace.analyzer.listener;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.PeerRoute;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RouteSet;
import io.smoketrace.analyzer.service.RouteChangeService;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.support.DeadLetterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the analyzer's RIB and feeds it BGP updates, reading both topics whole on every instance
 * (no consumer group, no committed offsets).
 *
 * <ol>
 * <li>Bootstrap: {@code smoketrace.bgp.rib.v1} from the beginning up to its end offsets at start,
 * straight into the RIB (upsert, withdraw on tombstones). Readiness is DOWN meanwhile and traces wait.
 * <li>Updates: {@code smoketrace.bgp.updates.v1} is read from its end offsets <em>captured at start</em>,
 * beginning once the bootstrap is done: updates published during the bootstrap wait in Kafka and are
 * then applied in order through {@code PathAnalyzer.onRouteUpdate} (one already in the RIB snapshot
 * changes nothing and yields no event; none is lost).
 * <li>After the bootstrap the RIB topic is still followed, as a repair: each record is checked against the
 * RIB after {@code smoketrace.analyzer.rib-repair-delay}, by which time the same change has normally come as
 * an update; if the RIB still differs (an update was missed), the record is applied as a synthesised
 * update, so the change still yields its event. Applying it at once would race the update and lose the
 * route change event whenever the RIB record came first.
 * </ol>
 * Malformed records go to the dead-letter topic with the reason; reading goes on.
 */
@ApplicationScoped
public class BgpListener {

    private static final Logger LOG = Logger.getLogger(BgpListener.class);
    private static final TopicCodec<RibRoute> RIB_CODEC = TopicCodec.of(RibRoute.class);
    private static final TopicCodec<RouteUpdate> UPDATE_CODEC = TopicCodec.of(RouteUpdate.class);

    private final Rib rib;
    private final RouteChangeService routeChanges;
    private final DeadLetterPublisher deadLetters;
    private final TopicFollower ribFollower;
    private final TopicFollower updateFollower;
    private final Duration repairDelay;
    private final ScheduledExecutorService repairs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rib-repair").daemon().factory());

    public BgpListener(Rib rib, RouteChangeService routeChanges, DeadLetterPublisher deadLetters, AnalyzerConfig config,
                       MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.rib = rib;
        this.routeChanges = routeChanges;
        this.deadLetters = deadLetters;
        this.repairDelay = config.ribRepairDelay();
        this.ribFollower = new TopicFollower(bootstrap, Topics.BGP_RIB, "RIB", "routes", TopicFollower.Start.BEGINNING,
                CompletableFuture.completedFuture(null), config.ribProgressInterval(), this::onRibRecord);
        this.updateFollower = new TopicFollower(bootstrap, Topics.BGP_UPDATES, "BGP updates", "updates", TopicFollower.Start.END, ribFollower.loaded(),
                config.ribProgressInterval(), this::onUpdateRecord);
        Gauge.builder("smoketrace.analyzer.rib.prefixes", rib, r -> r.stats().ipv4Prefixes() + r.stats().ipv6Prefixes())
                .description("Prefixes with at least one route in this instance's RIB").register(registry);
        Gauge.builder("smoketrace.analyzer.rib.loaded", ribFollower, f -> f.loaded().isDone() ? 1 : 0)
                .description("1 once the RIB topic has been read up to its end offsets at start").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        ribFollower.start();
        updateFollower.start();
        ribFollower.loaded().thenRun(() -> LOG.infof("RIB holds %s", rib.stats()));
    }

    void onStop(@Observes ShutdownEvent event) {
        ribFollower.close();
        updateFollower.close();
        repairs.shutdownNow();
    }

    /** Completes once the RIB holds everything the topic held at start. */
    public CompletableFuture<Void> loaded() {
        return ribFollower.loaded();
    }

    /** The RIB follower, for progress reports. */
    public TopicFollower ribFollower() {
        return ribFollower;
    }

    private void onRibRecord(ConsumerRecord<String, byte[]> record) {
        try {
            boolean bootstrap = !ribFollower.loaded().isDone();
            if (record.value() == null) {
                if (record.key() == null) {
                    throw new IllegalArgumentException("tombstone without a key");
                }
                RibKey key = RibKey.parse(record.key());
                if (bootstrap) {
                    rib.withdraw(key.peerId(), key.prefix(), key.pathId());
                } else {
                    Instant at = Instant.ofEpochMilli(record.timestamp());
                    repairs.schedule(() -> repairWithdraw(key, at), repairDelay.toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            RibRoute route = RIB_CODEC.decode(record.value());
            IpPrefix.parse(route.prefix());
            if (record.key() != null && !record.key().equals(route.key())) {
                throw new IllegalArgumentException("key '" + record.key() + "' is not the route's key '" + route.key() + "'");
            }
            if (bootstrap) {
                rib.upsert(route);
            } else {
                repairs.schedule(() -> repairAnnounce(route), repairDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ContractViolationException | IllegalArgumentException e) {
            reject(record, e.getMessage());
        }
    }

    private void onUpdateRecord(ConsumerRecord<String, byte[]> record) {
        RouteUpdate update;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("null value: the updates topic has no tombstones");
            }
            update = UPDATE_CODEC.decode(record.value());
            IpPrefix.parse(update.prefix());
        } catch (ContractViolationException | IllegalArgumentException e) {
            reject(record, e.getMessage());
            return;
        }
        try {
            routeChanges.onRouteUpdate(update);
        } catch (RuntimeException e) {
            LOG.errorf(e, "BGP update %s %s from %s could not be applied", update.action(), update.prefix(), update.peer().peerId());
        }
    }

    private void repairAnnounce(RibRoute route) {
        PeerRoute held = held(route.peer().peerId(), route.prefix(), route.pathId());
        if (held != null && held.attributes().equals(route.attributes())) {
            return;
        }
        LOG.infof("RIB repair: %s differs from the RIB after %s; applying it as an update", route.key(), repairDelay);
        routeChanges.onRouteUpdate(new RouteUpdate(RouteUpdate.FORMAT_VERSION, route.source(), route.collectorId(), route.peer(),
                route.prefix(), route.pathId(), RouteUpdate.Action.ANNOUNCE, route.attributes(),
                route.updatedAt() != null ? route.updatedAt() : Instant.now()));
    }

    private void repairWithdraw(RibKey key, Instant at) {
        PeerRoute held = held(key.peerId(), key.prefix(), key.pathId());
        if (held == null) {
            return;
        }
        LOG.infof("RIB repair: %s is withdrawn but still in the RIB after %s; withdrawing it", key, repairDelay);
        routeChanges.onRouteUpdate(new RouteUpdate(RouteUpdate.FORMAT_VERSION, sourceOf(key.peerId()), null, held.peer(),
                key.prefix(), key.pathId(), RouteUpdate.Action.WITHDRAW, null, at));
    }

    private PeerRoute held(String peerId, String prefix, long pathId) {
        RouteSet routes = rib.exact(IpPrefix.parse(prefix));
        if (routes == null) {
            return null;
        }
        for (PeerRoute route : routes.routes()) {
            if (route.pathId() == pathId && route.peer().peerId().equals(peerId)) {
                return route;
            }
        }
        return null;
    }

    private static RouteSource sourceOf(String peerId) {
        return peerId.startsWith("bmp:") ? RouteSource.BMP : peerId.startsWith("mrt:") ? RouteSource.MRT : RouteSource.BGP;
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.reject(record, reason).await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.errorf("cannot dead-letter %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), reason,
                    e.getMessage());
        }
    }

    /**
     * A RIB topic key: {@code peerId|prefix[|pathId]}.
     *
     * @param peerId the peer
     * @param prefix the prefix
     * @param pathId the ADD-PATH id, 0 without
     */
    record RibKey(String peerId, String prefix, long pathId) {

        static RibKey parse(String key) {
            String[] parts = key.split("\\|");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("'" + key + "' is not a RIB key; expected peerId|prefix or peerId|prefix|pathId");
            }
            IpPrefix.parse(parts[1]);
            try {
                return new RibKey(parts[0], parts[1], parts.length == 3 ? Long.parseLong(parts[2]) : 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' has a path id that is not a number");
            }
        }

        @Override
        public String toString() {
            return RibRoute.key(peerId, prefix, pathId);
        }
    }
}
