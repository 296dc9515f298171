package io.smoketrace.analyzer.listener;

import io.smoketrace.common.topic.KafkaClientSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of one topic on its own thread, with no consumer group and no committed
 * offsets, so every analyzer instance sees the whole topic: from the beginning (a compacted table to
 * rebuild) or from the end offsets at start. It is <em>loaded</em> once it has read up to the end
 * offsets captured when it started, and keeps following after that.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    /** Where reading starts. */
    public enum Start { BEGINNING, END }

    private final String topic;
    private final String name;
    private final String unit;
    private final Start start;
    private final Properties properties;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final CompletionStage<?> gate;
    private final Duration progressInterval;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile long loadTarget;
    private volatile long loadRead;
    private Thread thread;

    /**
     * @param name what the topic holds, for the logs ({@code RIB})
     * @param unit what one record is, for the logs ({@code routes})
     * @param gate reading starts once this completes (the end offsets are captured before waiting)
     * @param handler called for every record, in partition order, on the follower's thread; it must not throw
     */
    public TopicFollower(String bootstrap, String topic, String name, String unit, Start start, CompletionStage<?> gate,
                         Duration progressInterval, Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.topic = topic;
        this.name = name;
        this.unit = unit;
        this.start = start;
        this.gate = gate;
        this.progressInterval = progressInterval;
        this.handler = handler;
        this.properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "path-analyzer-" + topic);
        KafkaClientSecurity.applyTo(properties);
    }

    /** Starts reading on a new thread. */
    public void start() {
        thread = Thread.ofPlatform().name("follow-" + topic).daemon().start(this::run);
    }

    /** Completes when the records present at start have been handled. */
    public CompletableFuture<Void> loaded() {
        return loaded;
    }

    /** Records handled of those present at start, and how many were present (for progress). */
    public long[] loadProgress() {
        return new long[] {loadRead, loadTarget};
    }

    public String topic() {
        return topic;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.errorf(e, "reading %s failed; starting over in 5 s", topic);
                sleep(Duration.ofSeconds(5));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        kafka.assign(partitions);
        Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        if (start == Start.BEGINNING) {
            kafka.seekToBeginning(partitions);
        } else {
            end.forEach(kafka::seek);
        }
        Map<TopicPartition, Long> remaining = new HashMap<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
            long from = start == Start.BEGINNING ? beginning.get(partition) : end.get(partition);
            if (end.get(partition) > from) {
                remaining.put(partition, end.get(partition));
                total += end.get(partition) - from;
            }
        }
        loadTarget = total;
        loadRead = 0;
        if (remaining.isEmpty()) {
            markLoaded();
        }
        gate.toCompletableFuture().join();
        long nextReport = System.nanoTime() + progressInterval.toNanos();
        while (running) {
            ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, byte[]> record : records) {
                handler.accept(record);
                if (!loaded.isDone()) {
                    loadRead++;
                }
            }
            if (!loaded.isDone()) {
                remaining.entrySet().removeIf(e -> kafka.position(e.getKey()) >= e.getValue());
                if (remaining.isEmpty()) {
                    markLoaded();
                } else if (System.nanoTime() >= nextReport) {
                    nextReport = System.nanoTime() + progressInterval.toNanos();
                    LOG.infof("%s loading: %,d %s, %d%%", name, loadRead, unit,
                            loadTarget == 0 ? 100 : Math.min(100, 100 * loadRead / loadTarget));
                }
            }
        }
    }

    private void markLoaded() {
        if (loaded.complete(null)) {
            LOG.infof("%s loaded from %s: %,d %s; following it", name, topic, loadRead, unit);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                return partitions;
            }
            LOG.warnf("topic %s does not exist yet; waiting for it", topic);
            sleep(Duration.ofSeconds(5));
        }
        throw new WakeupException();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
