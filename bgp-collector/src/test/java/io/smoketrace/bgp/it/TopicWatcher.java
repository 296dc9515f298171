package io.smoketrace.bgp.it;

import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the three BGP topics from the beginning, as a subscriber would: every value decoded and
 * validated against its contract, the RIB compacted (latest value per key, tombstones remove).
 */
public final class TopicWatcher implements AutoCloseable {

    private static final TopicCodec<RibRoute> RIB = TopicCodec.of(RibRoute.class);
    private static final TopicCodec<RouteUpdate> UPDATES = TopicCodec.of(RouteUpdate.class);
    private static final TopicCodec<PeerState> PEERS = TopicCodec.of(PeerState.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, RibRoute> rib = new LinkedHashMap<>();
    private final Map<String, Long> tombstones = new HashMap<>();
    private final List<RouteUpdate> updates = new ArrayList<>();
    private final Map<String, PeerState> peers = new LinkedHashMap<>();
    private final Map<String, List<PeerState>> peerHistory = new HashMap<>();
    private final Map<String, String> ceTypes = new HashMap<>();
    private long ribRecords;

    public TopicWatcher(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.BGP_RIB, Topics.BGP_UPDATES, Topics.BGP_PEERS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads whatever arrived since the last call. */
    public synchronized TopicWatcher poll() {
        for (int empty = 0; empty < 2; ) {
            var records = consumer.poll(Duration.ofMillis(300));
            if (records.isEmpty()) {
                empty++;
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                ceTypes.put(record.topic(), CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE));
                switch (record.topic()) {
                    case Topics.BGP_RIB -> {
                        ribRecords++;
                        if (record.value() == null) {
                            rib.remove(record.key());
                            tombstones.merge(record.key(), 1L, Long::sum);
                        } else {
                            rib.put(record.key(), RIB.decode(record.value()));
                        }
                    }
                    case Topics.BGP_UPDATES -> updates.add(UPDATES.decode(record.value()));
                    default -> {
                        PeerState state = PEERS.decode(record.value());
                        peers.put(record.key(), state);
                        peerHistory.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(state);
                    }
                }
            }
        }
        return this;
    }

    public synchronized Map<String, RibRoute> rib() {
        return Map.copyOf(rib);
    }

    public synchronized long ribSize(String peerIdPrefix) {
        return rib.keySet().stream().filter(key -> key.startsWith(peerIdPrefix)).count();
    }

    public synchronized boolean tombstoned(String key) {
        return tombstones.containsKey(key);
    }

    public synchronized List<RouteUpdate> updates() {
        return List.copyOf(updates);
    }

    public synchronized Map<String, PeerState> peers() {
        return Map.copyOf(peers);
    }

    /** Every state published for the peer, in order. */
    public synchronized List<PeerState> peerHistory(String peerId) {
        return List.copyOf(peerHistory.getOrDefault(peerId, List.of()));
    }

    public synchronized String ceType(String topic) {
        return ceTypes.get(topic);
    }

    public synchronized long ribRecords() {
        return ribRecords;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
