package io.smoketrace.analyzer.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.service.TraceIngestService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * When trace partitions move to another analyzer instance, drops their pairs from memory: the other
 * instance restores them from the database and moves them on, so a copy kept here would be stale
 * if the partition came back.
 */
@ApplicationScoped
@Identifier(TracePartitionRebalance.NAME)
public class TracePartitionRebalance implements KafkaConsumerRebalanceListener {

    /** The name the traces channel refers to ({@code consumer-rebalance-listener.name}). */
    public static final String NAME = "trace-partition-rebalance";

    private static final Logger LOG = Logger.getLogger(TracePartitionRebalance.class);

    private final PathAnalyzer analyzer;
    private final TraceIngestService ingest;

    public TracePartitionRebalance(PathAnalyzer analyzer, TraceIngestService ingest) {
        this.analyzer = analyzer;
        this.ingest = ingest;
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
            // The producers' default partitioner: murmur2 of the key bytes.
            byte[] key = (state.agentId() + "/" + state.targetId()).getBytes(StandardCharsets.UTF_8);
            if (revoked.contains(Utils.toPositive(Utils.murmur2(key)) % count)) {
                ingest.release(state.agentId(), state.targetId());
                released++;
            }
        }
        LOG.infof("trace partitions %s revoked: %d pairs released to their new owner", revoked, released);
    }
}
