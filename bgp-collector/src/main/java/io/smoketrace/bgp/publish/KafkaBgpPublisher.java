package io.smoketrace.bgp.publish;

import io.smoketrace.bgp.config.CollectorConfig;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.KafkaClientSecurity;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes with one idempotent, batching kafka-clients producer: a full table is hundreds of thousands
 * of small records, so they are sent in compressed batches rather than one request each. Every record
 * carries the CloudEvents binary-mode headers of its topic.
 */
public final class KafkaBgpPublisher implements BgpPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaBgpPublisher.class);
    private static final TopicCodec<RouteUpdate> UPDATES = TopicCodec.of(RouteUpdate.class);
    private static final TopicCodec<RibRoute> RIB = TopicCodec.of(RibRoute.class);
    private static final TopicCodec<PeerState> PEERS = TopicCodec.of(PeerState.class);
    private static final Executor HEALTH_CHECKS = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bgp-publisher-health");
        thread.setDaemon(true);
        return thread;
    });

    private final KafkaProducer<String, byte[]> producer;
    private final String source;
    private final String idPrefix = UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastFailureReason = new AtomicReference<>();
    private CompletableFuture<Void> topicLookup;

    public KafkaBgpPublisher(String bootstrapServers, CollectorConfig.Producer settings, String collectorId) {
        this(producerProperties(bootstrapServers, settings.lingerMs(), settings.batchSize(), settings.compression(),
                settings.bufferMemory()), collectorId);
    }

    public KafkaBgpPublisher(Properties properties, String collectorId) {
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.source = "/smoketrace/bgp-collector/" + collectorId;
    }

    /** The producer settings: idempotent (no duplicates or reordering on retries), batched and compressed. */
    public static Properties producerProperties(String bootstrapServers, int lingerMs, int batchSize, String compression,
                                                long bufferMemory) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(batchSize));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(bufferMemory));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "smoketrace-bgp-collector");
        KafkaClientSecurity.applyTo(properties);
        // When the broker is away, send() waits this long for buffer space before failing the record.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        return properties;
    }

    @Override
    public void update(RouteUpdate update) {
        send(UPDATES.spec(), update.prefix(), UPDATES.encode(update));
    }

    @Override
    public void rib(String key, RibRoute route) {
        send(RIB.spec(), key, route == null ? null : RIB.encode(route));
    }

    @Override
    public void peer(PeerState state) {
        send(PEERS.spec(), state.peer().peerId(), PEERS.encode(state));
    }

    private void send(TopicSpec topic, String key, byte[] value) {
        Instant now = Instant.now();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, key, value,
                CloudEventHeaders.create(topic, source, idPrefix + sequence.incrementAndGet(), now));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(topic.name() + " (key " + key + "): " + error.getMessage());
                }
            });
        } catch (RuntimeException refused) {
            // Closed producer (shutdown) or a record the client refuses outright: counted like a failed send.
            failed(topic.name() + " (key " + key + "): " + refused.getMessage());
        }
    }

    private void failed(String reason) {
        if (failures.incrementAndGet() % 1000 == 1) {
            LOG.warnf("cannot publish to %s", reason);
        }
        lastFailure.set(Instant.now());
        lastFailureReason.set(reason);
    }

    /**
     * Whether the broker answers and nothing failed in the recent past: the topics' partitions can be
     * looked up within the timeout.
     */
    public Health health(Duration timeout, Duration failureMemory) {
        Instant failedAt = lastFailure.get();
        if (failedAt != null && failedAt.isAfter(Instant.now().minus(failureMemory))) {
            return new Health(false, "last publish failed at " + failedAt + ": " + lastFailureReason.get());
        }
        CompletableFuture<Void> lookup;
        synchronized (this) {
            // partitionsFor blocks up to max.block.ms when the broker is away: one lookup at a time.
            if (topicLookup == null || topicLookup.isDone()) {
                topicLookup = CompletableFuture.runAsync(() -> {
                    for (String topic : List.of(Topics.BGP_UPDATES, Topics.BGP_RIB, Topics.BGP_PEERS)) {
                        producer.partitionsFor(topic);
                    }
                }, HEALTH_CHECKS);
            }
            lookup = topicLookup;
        }
        try {
            lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Health(true, "topics reachable");
        } catch (Exception unreachable) {
            return new Health(false, "cannot reach the broker's topics: " + unreachable);
        }
    }

    /** Records that could not be published since start. */
    public long failures() {
        return failures.get();
    }

    /** The producer's readiness. */
    public record Health(boolean up, String detail) {
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
