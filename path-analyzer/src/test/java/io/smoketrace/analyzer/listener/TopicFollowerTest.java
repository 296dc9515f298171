package io.smoketrace.analyzer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smoketrace.infra.SmokeTraceInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How every instance reads a whole topic without a consumer group, against the real broker: from
 * the beginning, loaded exactly when the records present at start are handled, then following;
 * from the end offsets captured at start, holding what arrives before its gate opens.
 */
class TopicFollowerTest {

    @Test
    void readsEverythingPresentAtStartThenFollowsAndAnotherInstanceReadsItAllAgain() throws Exception {
        String topic = topic();
        send(topic, 0, 1000);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        try (TopicFollower one = follower(topic, TopicFollower.Start.BEGINNING, CompletableFuture.completedFuture(null), first);
             TopicFollower two = follower(topic, TopicFollower.Start.BEGINNING, CompletableFuture.completedFuture(null), second)) {
            one.start();
            one.loaded().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first).hasSize(1000);
            assertThat(one.loadProgress()).containsExactly(1000, 1000);

            send(topic, 1000, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.size() == 1010);

            // A second instance (a restart) reads the whole topic again: no committed offsets.
            two.start();
            two.loaded().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(second).hasSize(1010).containsExactlyInAnyOrderElementsOf(first);
        }
    }

    @Test
    void fromTheEndItHoldsWhatArrivesBeforeItsGateOpensAndSkipsWhatCameBefore() throws Exception {
        String topic = topic();
        send(topic, 0, 20);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<String> read = new CopyOnWriteArrayList<>();
        try (TopicFollower follower = follower(topic, TopicFollower.Start.END, gate, read)) {
            follower.start();
            follower.loaded().get(60, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(500);
            send(topic, 20, 5);
            Thread.sleep(1000);
            assertThat(read).as("the gate is closed").isEmpty();

            gate.complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == 5);
            assertThat(read).containsExactlyInAnyOrder("v20", "v21", "v22", "v23", "v24");
        }
    }

    private static TopicFollower follower(String topic, TopicFollower.Start start, CompletableFuture<Void> gate, List<String> sink) {
        return new TopicFollower(SmokeTraceInfra.kafkaBootstrap(), topic, "test", "records", start, gate, Duration.ofSeconds(1),
                record -> sink.add(new String(record.value(), StandardCharsets.UTF_8)));
    }

    private static String topic() throws Exception {
        String topic = "follower-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return topic;
    }

    private static void send(String topic, int from, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }
}
