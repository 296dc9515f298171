package io.smoketrace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the path events and traces as any subscriber would, stamping each with when it arrived. */
final class KafkaTap implements AutoCloseable {

    /** A record's value as JSON with its arrival time. */
    record Seen(Instant at, JsonNode value) {
    }

    private final List<Seen> events = new CopyOnWriteArrayList<>();
    private final List<Seen> traces = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    KafkaTap(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.PATH_EVENTS, Topics.TRACES)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("kafka-tap").start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() == null) {
                            continue;
                        }
                        try {
                            Seen seen = new Seen(Instant.now(), Json.mapper().readTree(record.value()));
                            (record.topic().equals(Topics.PATH_EVENTS) ? events : traces).add(seen);
                        } catch (Exception unreadable) {
                            // A subscriber would dead-letter it; the assertions will miss it and say what they expected.
                        }
                    }
                }
            }
        });
    }

    List<Seen> events(Predicate<JsonNode> filter) {
        return events.stream().filter(seen -> filter.test(seen.value())).toList();
    }

    /** Finished traces of one pair (any status) that arrived since {@code since}. */
    long tracesSince(String agent, String target, Instant since) {
        return traces.stream().filter(seen -> !seen.at().isBefore(since) && agent.equals(seen.value().path("agentId").asText())
                && target.equals(seen.value().path("targetId").asText())).count();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
