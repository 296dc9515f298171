package io.smoketrace.analyzer.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.service.TraceIngestService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Keeps in memory the pairs of the trace partitions this instance owns. On assignment, loads the
 * stored state of the partitions' pairs in one query (so their traces need no lookup, and a BGP update
 * that arrives before a pair's next trace is remembered for it). When partitions move to another
 * instance, drops their pairs from memory: the other instance restores them from the database and moves
 * them on, so a copy kept here would be stale if the partition came back.
 */
@ApplicationScoped
@Identifier(TracePartitionRebalance.NAME)
public class TracePartitionRebalance implements KafkaConsumerRebalanceListener {

    /** The name the traces channel refers to ({@code consumer-rebalance-listener.name}). */
    public static final String NAME = "trace-partition-rebalance";

    private static final Logger LOG = Logger.getLogger(TracePartitionRebalance.class);
    private static final Duration PRELOAD_TIMEOUT = Duration.ofMinutes(2);

    private final PathAnalyzer analyzer;
    private final TraceIngestService ingest;

    public TracePartitionRebalance(PathAnalyzer analyzer, TraceIngestService ingest) {
        this.analyzer = analyzer;
        this.ingest = ingest;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<Integer> assigned = new HashSet<>();
        String topic = partitions.iterator().next().topic();
        partitions.forEach(p -> assigned.add(p.partition()));
        int count = consumer.partitionsFor(topic).size();
        long start = System.nanoTime();
        try {
            // On the consumer's polling thread, before the partitions' first records are fetched.
            int loaded = ingest.preload(key -> assigned.contains(partition(key, count))).await().atMost(PRELOAD_TIMEOUT);
            LOG.infof("trace partitions %s assigned: %d pairs loaded from the database in %d ms", assigned, loaded,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("trace partitions %s assigned, but their pairs could not be loaded now (%s); each is loaded with its "
                    + "next trace instead", assigned, e.getMessage());
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<Integer> revoked = new HashSet<>();
        String topic = partitions.iterator().next().topic();
        partitions.forEach(p -> revoked.add(p.partition()));
        int count = consumer.partitionsFor(topic).size();
        int released = 0;
        for (PairState state : analyzer.states()) {
            if (revoked.contains(partition(state.agentId() + "/" + state.targetId(), count))) {
                ingest.release(state.agentId(), state.targetId());
                released++;
            }
        }
        LOG.infof("trace partitions %s revoked: %d pairs released to their new owner", revoked, released);
    }

    /** The partition of a pair's traces: the producers' default partitioner, murmur2 of the key bytes. */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
