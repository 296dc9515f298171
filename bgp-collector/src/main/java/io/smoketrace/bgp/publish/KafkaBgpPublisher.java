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
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * <p>Callers (the connections' event loops) never block: records are encoded on the caller's thread and
 * queued, in order, to one sender thread that hands them to the producer (whose {@code send} may wait for
 * metadata or buffer space). Every record counts in the {@link PublishBacklog} until Kafka acknowledges it;
 * while that is full, connections stop reading from routers. A record the broker cannot take within
 * {@code max.block.ms} is kept and tried again rather than dropped.
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

    /** Tells the sender thread to stop once everything before it is sent. */
    private static final Object STOP = new Object();

    private final KafkaProducer<String, byte[]> producer;
    private final PublishBacklog backlog;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean closing;
    private boolean givenUp;
    private long waitingSince;
    /** Sender thread only: why the last record was not taken. */
    private String notTakenReason;
    private final String source;
    private final String idPrefix = UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Header[]> constantHeaders = new ConcurrentHashMap<>();
    private volatile TimeHeader timeHeader = new TimeHeader(Long.MIN_VALUE, null);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastFailureReason = new AtomicReference<>();
    private CompletableFuture<Void> topicLookup;

    public KafkaBgpPublisher(String bootstrapServers, CollectorConfig.Producer settings, String collectorId) {
        this(producerProperties(bootstrapServers, settings.lingerMs(), settings.batchSize(), settings.compression(),
                settings.bufferMemory()), collectorId, pauseAt(settings.bufferMemory(), settings.pauseAt()));
    }

    /** Pauses reading when half the producer's buffer memory is waiting. */
    public KafkaBgpPublisher(Properties properties, String collectorId) {
        this(properties, collectorId, pauseAt(Long.parseLong(String.valueOf(properties.getOrDefault(
                ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(32L << 20)))), 0.5));
    }

    /** @param pauseAt backlog octets at which connections stop reading */
    public KafkaBgpPublisher(Properties properties, String collectorId, long pauseAt) {
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.source = "/smoketrace/bgp-collector/" + collectorId;
        this.backlog = new PublishBacklog(pauseAt);
        this.sender = new Thread(this::sendLoop, "bgp-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    private static long pauseAt(long bufferMemory, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("smoketrace.bgp.producer.pause-at must be above 0 and at most 1, was " + fraction);
        }
        return Math.max(1, (long) (bufferMemory * fraction));
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
        // When the broker is away, the sender thread's send() waits this long for metadata or buffer space,
        // then tries the same record again (reading from routers is paused meanwhile).
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        // Keep the three topics' metadata however long one stays unused, so a send never waits for it.
        properties.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(1)));
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

    /**
     * The CloudEvents headers of {@link CloudEventHeaders#create}, in its order, built without a map and
     * without formatting a timestamp per record: the constant ones are shared, {@code ce_time} (to the
     * millisecond) is formatted once per millisecond. A full table is a million records in seconds.
     */
    Headers headers(TopicSpec topic) {
        Header[] constant = constantHeaders.get(topic.name());
        if (constant == null) {
            constant = constantHeaders.computeIfAbsent(topic.name(), name -> {
                Map<String, String> attributes = CloudEventHeaders.attributes(topic, source, "", Instant.EPOCH);
                return attributes.entrySet().stream().map(e -> (Header) new RecordHeader(e.getKey(),
                        e.getValue().getBytes(StandardCharsets.UTF_8))).toArray(Header[]::new);
            });
        }
        long millis = System.currentTimeMillis();
        TimeHeader time = timeHeader;
        if (time.millis() != millis) {
            time = new TimeHeader(millis, new RecordHeader(CloudEventHeaders.TIME,
                    Instant.ofEpochMilli(millis).toString().getBytes(StandardCharsets.UTF_8)));
            timeHeader = time;
        }
        ArrayList<Header> headers = new ArrayList<>(constant.length);
        for (Header header : constant) {
            // Identity comparison: the keys are CloudEventHeaders' own constants.
            if (header.key() == CloudEventHeaders.ID) {
                headers.add(new RecordHeader(CloudEventHeaders.ID,
                        (idPrefix + sequence.incrementAndGet()).getBytes(StandardCharsets.ISO_8859_1)));
            } else if (header.key() == CloudEventHeaders.TIME) {
                headers.add(time.header());
            } else {
                headers.add(header);
            }
        }
        return new RecordHeaders(headers);
    }

    private record TimeHeader(long millis, Header header) {
    }

    @Override
    public PublishBacklog backlog() {
        return backlog;
    }

    private record Pending(ProducerRecord<String, byte[]> record, long size) {
    }

    private void send(TopicSpec topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, key, value, headers(topic));
        // Key, value and roughly the CloudEvents headers: what the record takes until acknowledged.
        long size = key.length() + (value == null ? 0 : value.length) + 160;
        backlog.added(size);
        queue.add(new Pending(record, size));
    }

    /** The sender thread: hands the queued records to the producer, in order. */
    private void sendLoop() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                if (item instanceof CompletableFuture<?> marker) {
                    marker.complete(null);
                } else {
                    produce((Pending) item);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void produce(Pending pending) throws InterruptedException {
        String topic = pending.record().topic();
        String key = pending.record().key();
        while (true) {
            if (givenUp) {
                backlog.done(pending.size());
                failed(topic + " (key " + key + "): the collector stopped while Kafka was unreachable");
                return;
            }
            Thread sending = Thread.currentThread();
            // The client reports "no metadata / no buffer space within max.block.ms" through the callback, on
            // this thread, before send() returns: that record never left, so it is kept and tried again.
            boolean[] notTaken = {false};
            RuntimeException refused = null;
            try {
                producer.send(pending.record(), (metadata, error) -> {
                    // Completions of records Kafka took come on the client's I/O thread, never this one.
                    if (error instanceof org.apache.kafka.common.errors.TimeoutException && Thread.currentThread() == sending) {
                        notTaken[0] = true;
                        notTakenReason = error.getMessage();
                        return;
                    }
                    backlog.done(pending.size());
                    if (error != null) {
                        failed(topic + " (key " + key + "): " + error.getMessage());
                    }
                });
            } catch (org.apache.kafka.common.errors.TimeoutException thrown) {
                notTaken[0] = true;
                notTakenReason = thrown.getMessage();
            } catch (RuntimeException other) {
                refused = other;
            }
            if (refused != null) {
                // Closed producer (shutdown) or a record the client refuses outright: counted like a failed send.
                backlog.done(pending.size());
                failed(topic + " (key " + key + "): " + refused.getMessage());
                return;
            }
            if (!notTaken[0]) {
                if (waitingSince != 0) {
                    LOG.infof("Kafka takes records again after %.0f s", (System.nanoTime() - waitingSince) / 1e9);
                    waitingSince = 0;
                }
                return;
            }
            if (closing) {
                givenUp = true;
                continue;
            }
            if (waitingSince == 0) {
                waitingSince = System.nanoTime();
                LOG.warnf("Kafka does not take records (%s); holding %d records (%s) and trying again; reading from"
                                + " routers is paused while that is over %s", notTakenReason, backlog.records(),
                        PublishBacklog.size(backlog.octets()), PublishBacklog.size(backlog.pauseAt()));
            }
            lastFailure.set(Instant.now());
            lastFailureReason.set(topic + ": " + notTakenReason);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
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

    /** Waits until every record handed over so far is in the producer, then until it is acknowledged. */
    @Override
    public void flush() {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        queue.add(queued);
        try {
            queued.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        producer.flush();
    }

    /** Sends what is queued (giving up on records Kafka cannot take within max.block.ms), then closes. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            sender.join(Duration.ofSeconds(60));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            LOG.warnf("stopping with %d records not handed to Kafka", queue.size());
            sender.interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
