package io.smoketrace.agent.listener;

import io.smoketrace.agent.target.TargetChecks;
import io.smoketrace.agent.target.TargetRegistry;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.topic.KafkaClientSecurity;
import io.smoketrace.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows the compacted {@code smoketrace.targets.v1} topic: every partition assigned (no consumer
 * group, nothing committed) and read from the beginning on every start, so the agent always builds
 * the whole current set; then it keeps following, so a target added, changed or deleted (tombstone)
 * takes effect without a restart. An invalid spec is refused with the field named and counted; it
 * never stops the follower, and a target that was valid keeps running in its last valid form.
 */
public final class TargetsFollower implements Runnable {

    private static final Logger LOG = Logger.getLogger(TargetsFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_RECHECK = Duration.ofMinutes(1);

    private final String bootstrap;
    private final String clientId;
    private final TargetRegistry registry;
    private final Refusals refused;
    private final Runnable caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean replayed;
    private Thread thread;

    /** Told about every refused record. */
    @FunctionalInterface
    public interface Refusals {
        /**
         * @param replaying true while the topic is being read up to where it was at start (records older than this agent's run)
         */
        void refused(ConsumerRecord<String, byte[]> record, String reason, boolean replaying);
    }

    /**
     * @param refused told about every refused record
     * @param caughtUp told once, when the topic has been read to the end it had at start
     */
    public TargetsFollower(String bootstrap, String clientId, TargetRegistry registry, Refusals refused, Runnable caughtUp) {
        this.bootstrap = bootstrap;
        this.clientId = clientId;
        this.registry = registry;
        this.refused = refused;
        this.caughtUp = caughtUp;
    }

    public void start() {
        thread = Thread.ofPlatform().name("targets-follower").daemon().start(this);
    }

    public void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    /** Whether the topic has been read to the end it had when the agent started. */
    public boolean replayed() {
        return replayed;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        KafkaClientSecurity.applyTo(p);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            follow(c);
        } catch (WakeupException e) {
            // stop() asked us to end.
        } catch (RuntimeException e) {
            LOG.errorf(e, "the targets follower stopped unexpectedly");
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, Long> replayEnd = null;
        Set<String> seen = new HashSet<>();
        long lastPartitionCheck = 0;
        boolean warned = false;
        while (running) {
            try {
                if (System.nanoTime() - lastPartitionCheck > PARTITION_RECHECK.toNanos() || c.assignment().isEmpty()) {
                    lastPartitionCheck = System.nanoTime();
                    List<TopicPartition> partitions = partitions(c);
                    if (partitions.isEmpty()) {
                        if (!warned) {
                            LOG.warnf("topic %s not found on %s yet; running the local targets only until it is there", Topics.TARGETS, bootstrap);
                            warned = true;
                        }
                        Thread.sleep(2000);
                        continue;
                    }
                    if (!c.assignment().containsAll(partitions)) {
                        List<TopicPartition> added = new ArrayList<>(partitions);
                        added.removeAll(c.assignment());
                        c.assign(partitions);
                        c.seekToBeginning(added);
                        if (replayEnd == null) {
                            replayEnd = new HashMap<>(c.endOffsets(partitions));
                        }
                    }
                }
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    apply(record, seen);
                }
                warned = false;
                if (!replayed && replayEnd != null && reached(c, replayEnd)) {
                    replayed = true;
                    registry.retainFromTopic(seen);
                    LOG.infof("read %s from the beginning: %d targets, %d for this agent", Topics.TARGETS, seen.size(), registry.active().size());
                    caughtUp.run();
                }
            } catch (WakeupException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!warned) {
                    LOG.warnf("cannot read %s from %s (%s); retrying, the targets known so far keep running", Topics.TARGETS, bootstrap, e);
                    warned = true;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(Topics.TARGETS, Duration.ofSeconds(5));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record, Set<String> seen) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key() + ")";
        if (record.key() == null) {
            refuse(record, where, "(key): the record has no key; the key must be the targetId");
            return;
        }
        if (record.value() == null) {
            seen.remove(record.key());
            registry.removeFromTopic(record.key());
            LOG.infof("target %s deleted on %s", record.key(), Topics.TARGETS);
            return;
        }
        try {
            var spec = TargetChecks.decode(record.key(), record.value());
            seen.add(spec.targetId());
            registry.putFromTopic(spec);
        } catch (ContractViolationException e) {
            // A target that was valid before keeps its last valid form: a bad edit must not silently stop monitoring.
            seen.add(record.key());
            refuse(record, where, e.getMessage());
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, String where, String reason) {
        LOG.warnf("refused target record %s: %s", where, reason);
        refused.refused(record, reason, !replayed);
    }
}
