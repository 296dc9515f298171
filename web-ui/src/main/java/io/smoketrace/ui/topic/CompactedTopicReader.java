package io.smoketrace.ui.topic;

import io.smoketrace.common.topic.KafkaClientSecurity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads a compacted topic from the beginning and keeps following it, handing every record to the
 * view that owns it. Each start uses a consumer group of its own and commits nothing: the view is
 * rebuilt from the topic every time, which is what compaction is for. Only committed records are read
 * (the console publishes targets in Kafka transactions).
 */
public final class CompactedTopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final String bootstrap;
    private final Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private final Runnable onBatch;
    private final Map<Integer, Long> applied = new HashMap<>();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String problem;

    /**
     * @param topic the compacted topic
     * @param bootstrap Kafka bootstrap servers
     * @param onRecord receives every record in partition order (a null value is a deletion)
     * @param onBatch runs after each poll that brought records, for change notifications
     */
    public CompactedTopicReader(String topic, String bootstrap, Consumer<ConsumerRecord<String, byte[]>> onRecord,
                                Runnable onBatch) {
        this.topic = topic;
        this.bootstrap = bootstrap;
        this.onRecord = onRecord;
        this.onBatch = onBatch;
        this.thread = Thread.ofPlatform().daemon().name("read-" + topic).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether everything that was on the topic when reading started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the reader is not reading, or null when it is. */
    public String problem() {
        return problem;
    }

    public String topic() {
        return topic;
    }

    /**
     * Waits until the record at this partition and offset has been handed to the view, so a page shown
     * right after a change shows what the topic says.
     *
     * @return false if it did not happen in time
     */
    public boolean awaitApplied(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied.getOrDefault(partition, -1L) < offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                progress.wait(left);
            }
            return true;
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                problem = e.getMessage();
                LOG.warnf("cannot read %s from %s (%s); retrying in 5 s", topic, bootstrap, e.getMessage());
                sleep(Duration.ofSeconds(5));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> initialEnd = kafka.endOffsets(partitions, Duration.ofSeconds(30));
        synchronized (progress) {
            applied.clear();
        }
        problem = null;
        LOG.infof("reading %s from the beginning (%d partitions, %d records at most)", topic, partitions.size(),
                initialEnd.values().stream().mapToLong(Long::longValue).sum());
        while (running) {
            ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                onRecord.accept(record);
                synchronized (progress) {
                    applied.put(record.partition(), record.offset());
                    progress.notifyAll();
                }
            }
            if (!records.isEmpty()) {
                onBatch.run();
            }
            if (!caughtUp && initialEnd.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                LOG.infof("read %s up to its end: the view is current", topic);
            }
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // A group of its own per start: nothing is committed, every start reads the whole topic.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "web-ui-" + UUID.randomUUID());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "web-ui-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaClientSecurity.applyTo(props);
        return props;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
