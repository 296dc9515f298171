package io.smoketrace.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.KeepaliveMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.MultiprotocolCapability;
import io.smoketrace.bgp.config.CollectorConfig;
import io.smoketrace.bgp.it.TopicWatcher;
import io.smoketrace.bgp.publish.KafkaBgpPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.Updates;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.infra.TopicSetup;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speaker against a real Kafka broker that is stopped while a router sends routes: the collector
 * stops reading that router's socket (the unread octets wait in the kernel, TCP's window closes), keeps
 * sending KEEPALIVEs so the session stays up well past the hold time, shows the pause in its metrics,
 * and once the broker is back resumes and publishes every route.
 */
class BrokerOutageBackpressureTest {

    private static final int HOLD_TIME = 3;
    private static final int ROUTES = 600;

    @TempDir
    Path temp;

    private final UUID clusterId = UUID.randomUUID();
    private int kafkaPort;
    private int controllerPort;
    private EmbeddedKafkaBroker broker;
    private Vertx vertx;
    private KafkaBgpPublisher publisher;
    private BgpSpeaker speaker;
    private volatile boolean routerStopping;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String startBroker() {
        Path logs = temp.resolve("kafka-logs");
        broker = new EmbeddedKafkaBroker().withNodeId(1)
                .withClusterId(clusterId.toString().replace("-", "").substring(0, 22))
                .withKafkaPort(kafkaPort).withControllerPort(controllerPort).withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dirs", logs.toString());
                    p.put("auto.create.topics.enable", "false");
                })
                .start();
        return broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
    }

    @AfterEach
    void stopEverything() {
        routerStopping = true;
        if (speaker != null) {
            speaker.stop(null);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null && broker.isRunning()) {
            broker.close();
        }
    }

    /** A config interface answered from a map keyed by method name. */
    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
            }
            if (!values.containsKey(method.getName())) {
                throw new IllegalStateException("test config lacks " + method.getName());
            }
            return values.get(method.getName());
        });
    }

    private static CollectorConfig collectorConfig() {
        CollectorConfig.PeerConfig peer = config(CollectorConfig.PeerConfig.class, new HashMap<>(Map.ofEntries(
                Map.entry("address", "127.0.0.1"), Map.entry("remoteAs", 64500L), Map.entry("localAs", 65000L),
                Map.entry("routerId", "198.51.100.254"), Map.entry("holdTime", HOLD_TIME),
                Map.entry("families", List.of("ipv4-unicast")), Map.entry("addPathReceive", false), Map.entry("passive", true),
                Map.entry("port", 179), Map.entry("delayOpenTime", 0), Map.entry("dampPeerOscillations", true))));
        CollectorConfig.Speaker speakerConfig = config(CollectorConfig.Speaker.class, Map.of("enabled", true, "host", "127.0.0.1",
                "port", 0, "connectRetrySeconds", 30, "idleHoldSeconds", 5, "idleHoldMaxSeconds", 300));
        return config(CollectorConfig.class, Map.of("collectorId", "backpressure-test", "peers", List.of(peer),
                "speaker", speakerConfig));
    }

    private static byte[] encode(BgpMessage message) {
        return BgpMessageCodec.encode(message, DecodeContext.FOUR_OCTET_AS);
    }

    /** Octets the kernel holds unread for the collector's end of the connection (the Recv-Q of ss). */
    private static long unreadByCollector(int collectorPort, int routerPort) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", collectorPort);
        String remote = String.format(Locale.ROOT, ":%04X", routerPort);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 4 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                    return Long.parseLong(fields[4].split(":")[1], 16);
                }
            }
        }
        throw new IllegalStateException("no connection to port " + collectorPort + " from " + routerPort + " in /proc/net/tcp*");
    }

    @Test
    void aStoppedBrokerPausesReadingTheRouterWhileTheSessionStaysUp() throws Exception {
        kafkaPort = freePort();
        controllerPort = freePort();
        String bootstrap = startBroker();
        TopicSetup.createMissing(bootstrap, (short) 1, line -> { });
        // A small producer: 1 MiB of buffer, reading pauses at 64 KiB waiting for acknowledgement.
        Properties producer = KafkaBgpPublisher.producerProperties(bootstrap, 5, 16384, "none", 1 << 20);
        // A batch in flight when the broker stops can stay unacknowledged after the restart (the restarted
        // broker no longer recognises its idempotent sequence) until delivery.timeout.ms; keep that short here.
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        publisher = new KafkaBgpPublisher(producer, "backpressure-test", 64 << 10);
        assertThat(publisher.health(Duration.ofSeconds(30), Duration.ZERO).up()).isTrue();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BgpMetrics metrics = new BgpMetrics(registry);
        vertx = Vertx.vertx();
        speaker = new BgpSpeaker(vertx, collectorConfig(), publisher, metrics);
        speaker.start(null);
        BgpNeighbor neighbor = speaker.neighbors().iterator().next();

        // The router: OPEN, KEEPALIVE, then reads everything the collector sends, counting KEEPALIVEs.
        Socket router = new Socket();
        router.connect(new InetSocketAddress("127.0.0.1", speaker.port()), 5000);
        OutputStream toCollector = router.getOutputStream();
        toCollector.write(encode(OpenMessage.of(64500, HOLD_TIME, (Inet4Address) InetAddress.getByName("192.0.2.1"),
                List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST), new FourOctetAsCapability(64500)))));
        toCollector.write(encode(KeepaliveMessage.INSTANCE));
        AtomicInteger keepalives = new AtomicInteger();
        AtomicInteger notifications = new AtomicInteger();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (DataInputStream in = new DataInputStream(router.getInputStream())) {
                byte[] header = new byte[19];
                while (true) {
                    in.readFully(header);
                    int length = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
                    in.readFully(new byte[length - 19]);
                    switch (header[18]) {
                        case KeepaliveMessage.TYPE -> keepalives.incrementAndGet();
                        case 3 -> notifications.incrementAndGet();
                        default -> { }
                    }
                }
            } catch (IOException closed) {
                // the connection ended
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> neighbor.state() == SessionState.ESTABLISHED);

        // The router keeps its side alive too, and announces a first route while Kafka is up.
        Object writeLock = new Object();
        Thread.ofPlatform().daemon().start(() -> {
            while (!routerStopping) {
                try {
                    Thread.sleep(1000);
                    synchronized (writeLock) {
                        toCollector.write(encode(KeepaliveMessage.INSTANCE));
                    }
                } catch (IOException | InterruptedException ended) {
                    return;
                }
            }
        });
        int[] communities = new int[600];
        for (int i = 0; i < communities.length; i += 2) {
            communities[i] = 64500;
            communities[i + 1] = i;
        }
        synchronized (writeLock) {
            toCollector.write(encode(Updates.announce("192.0.2.1", new long[] {64500}, List.of("198.51.100.0/24"))));
        }
        try (TopicWatcher topics = new TopicWatcher(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topics.poll().rib().containsKey("bgp:127.0.0.1|198.51.100.0/24"));

            broker.close();
            // 600 routes, one UPDATE each with 300 communities: megabytes of records for a 64 KiB limit.
            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int i = 0; i < ROUTES; i++) {
                        byte[] update = encode(Updates.announce("192.0.2.1", new long[] {64500, 64510},
                                List.of("10." + (i / 256) + "." + (i % 256) + ".0/24"), Updates.communities(communities)));
                        synchronized (writeLock) {
                            toCollector.write(update);
                        }
                        written.addAndGet(update.length);
                    }
                } catch (IOException ended) {
                    // the connection ended
                }
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> metrics.pausedConnections(RouteSource.BGP) == 1);
            assertThat(publisher.backlog().full()).isTrue();
            // Route updates taken from the socket (the backlog also gets the peer's state, republished with
            // its new prefix counts a few seconds after the last route: that one is not from the socket).
            // Messages already read with the last chunk before the pause are still decoded: let them settle.
            long[] settled = {-1};
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
                long now = routeUpdatesDecoded(registry);
                boolean same = now == settled[0];
                settled[0] = now;
                return same;
            });
            long handedOver = settled[0];
            int keepalivesAtPause = keepalives.get();

            // Well past three hold times: the collector reads nothing, yet the session stays up on its KEEPALIVEs.
            Thread.sleep(Duration.ofSeconds(4L * HOLD_TIME));

            assertThat(neighbor.state()).isEqualTo(SessionState.ESTABLISHED);
            assertThat(notifications.get()).isZero();
            assertThat(keepalives.get() - keepalivesAtPause).as("KEEPALIVEs every hold time / 3 while paused")
                    .isGreaterThanOrEqualTo(2 * HOLD_TIME);
            assertThat(routeUpdatesDecoded(registry)).as("no route updates taken from the socket while paused")
                    .isEqualTo(handedOver);
            assertThat(unreadByCollector(speaker.port(), router.getLocalPort()))
                    .as("the router's octets wait unread in the collector's socket").isPositive();
            assertThat(metrics.pausedConnections(RouteSource.BGP)).isEqualTo(1);

            startBroker();

            String last = "bgp:127.0.0.1|10." + ((ROUTES - 1) / 256) + "." + ((ROUTES - 1) % 256) + ".0/24";
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> topics.poll().rib().containsKey(last) && publisher.backlog().records() == 0);
            writer.join(Duration.ofSeconds(30));
            assertThat(written.get()).as("the router could send everything in the end").isPositive();
            assertThat(metrics.pausedConnections(RouteSource.BGP)).isZero();
            assertThat(neighbor.state()).as("the session survived the outage").isEqualTo(SessionState.ESTABLISHED);
            topics.poll();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < ROUTES; i++) {
                String key = "bgp:127.0.0.1|10." + (i / 256) + "." + (i % 256) + ".0/24";
                if (!topics.rib().containsKey(key)) {
                    missing.add(key);
                }
            }
            // Every route was read and published; one Kafka could not confirm is counted as failed, not lost silently.
            assertThat((long) missing.size()).as("routes missing from the RIB topic: %s", missing)
                    .isLessThanOrEqualTo(publisher.failures());
            assertThat(topics.rib().get(last).attributes().communities()).hasSize(300);
        } finally {
            routerStopping = true;
            router.close();
            reader.join(Duration.ofSeconds(5));
        }
    }

    private static long routeUpdatesDecoded(SimpleMeterRegistry registry) {
        return Math.round(registry.find("smoketrace.bgp.updates").counters().stream().mapToDouble(c -> c.count()).sum());
    }
}
