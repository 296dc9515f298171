package io.smoketrace.alerting;

import static io.restassured.RestAssured.given;
import static io.smoketrace.common.event.EventType.AS_PATH_CHANGED;
import static io.smoketrace.common.event.EventType.IP_PATH_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smoketrace.alerting.client.EmailClient;
import io.smoketrace.alerting.client.PagerDutyClient;
import io.smoketrace.alerting.client.WebhookClient;
import io.smoketrace.alerting.fixtures.Events;
import io.smoketrace.alerting.fixtures.GreenMailResource;
import io.smoketrace.alerting.fixtures.Kafka;
import io.smoketrace.alerting.fixtures.TestReceiver;
import io.smoketrace.alerting.service.AlertingStartup;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path against real servers: a path event on the real Kafka broker, alert state and
 * outbox in the real PostgreSQL, delivery to a real SMTP server (GreenMail), a real HTTP receiver
 * (webhook, Slack and PagerDuty formats) and the alerts topic.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(GreenMailResource.class)
class DeliveryTest {

    static final String SECRET = "s3cret";
    static TestReceiver receiver;

    @Inject
    AlertingStartup startup;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void routeEverythingEverywhere() {
        receiver.mode(TestReceiver.Mode.OK);
        String routing = """
                {"receivers": [
                   {"name": "webhook", "kind": "WEBHOOK", "url": "%s", "secret": "%s"},
                   {"name": "email", "kind": "EMAIL", "to": ["oncall@example.net"], "from": "smoketrace@example.net"},
                   {"name": "slack", "kind": "SLACK", "url": "%s"},
                   {"name": "pagerduty", "kind": "PAGERDUTY", "url": "%s", "routingKey": "R0UTINGKEY"},
                   {"name": "alerts-topic", "kind": "KAFKA"}],
                 "route": {"receiver": "alerts-topic", "groupBy": ["rule", "targetId"],
                           "groupWait": "0s", "groupInterval": "1s", "repeatInterval": "1h",
                           "routes": [{"receiver": "webhook", "continue": true}, {"receiver": "email", "continue": true},
                                      {"receiver": "slack", "continue": true}, {"receiver": "pagerduty", "continue": true},
                                      {"receiver": "alerts-topic"}]}}
                """.formatted(receiver.url("/hook"), SECRET, receiver.url("/slack"), receiver.url("/pd"));
        given().contentType(ContentType.JSON).body(routing).put("/api/routing").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"name": "Path changes", "eventTypes": ["IP_PATH_CHANGED", "AS_PATH_CHANGED"], "severity": "CRITICAL"}
                """).put("/api/rules/it-path").then().statusCode(200);
    }

    @Test
    void aPathEventOnTheTopicIsDeliveredToEveryReceiverAndItsRevertResolvesIt() throws Exception {
        String target = "content-" + UUID.randomUUID().toString().substring(0, 8);
        PathEvent event = Events.of(AS_PATH_CHANGED, "fra1", target).withBgp().build();
        try (KafkaConsumer<String, byte[]> alerts = Kafka.consumer(Topics.ALERTS)) {
            Kafka.send(event);

            // Webhook: the notification, the evidence and the message, signed over the exact body.
            TestReceiver.Request hook = awaitRequest("/hook", target, "FIRING");
            JsonNode body = Json.mapper().readTree(hook.body());
            String notificationId = body.get("notificationId").asText();
            assertThat(hook.header(WebhookClient.IDEMPOTENCY_KEY)).isEqualTo(notificationId);
            String timestamp = hook.header(WebhookClient.TIMESTAMP);
            assertThat(hook.header(WebhookClient.SIGNATURE)).isEqualTo("sha256=" + WebhookClient.sign(SECRET, timestamp, hook.body()));
            assertThat(body.get("groupKey").asText()).isEqualTo("webhook@0:{rule=\"it-path\",targetId=\"" + target + "\"}");
            assertThat(body.at("/alerts/0/eventIds/0").asText()).isEqualTo(event.eventId());
            assertThat(body.at("/alerts/0/labels/bgp").asText()).isEqualTo("explained");
            assertThat(body.at("/events/0/trigger/eventId").asText()).isEqualTo(event.eventId());
            assertThat(body.get("message").asText()).contains("198.51.100.1", "198.51.100.33", "AS64502", "WORSE",
                    "bgp:192.0.2.1 announced 203.0.113.0/24");

            // Email: subject, Message-ID from the idempotency key, before/after side by side, BGP, link.
            MimeMessage mail = awaitMail(target, "[FIRING:1]");
            String messageId = mail.getHeader("Message-ID")[0];
            String emailId = messageId.substring(1, messageId.indexOf('@'));
            assertThat(messageId).isEqualTo(EmailClient.messageId(emailId));
            String text = part(mail, "text/plain");
            assertThat(text).contains("[FIRING] CRITICAL", "rule it-path, AS_PATH_CHANGED, from fra1 to " + target,
                    "verdict: WORSE", "destination RTT 12.0 -> 21.7 ms", "AS path: 64500 64501 64510  ->  64500 64502 64510",
                    "bgp:192.0.2.1 announced 203.0.113.0/24 AS path 64500 64502 64510", "http://ui.test/targets/" + target);
            assertThat(text.lines().filter(l -> l.contains("198.51.100.1 ") && l.contains("198.51.100.33")))
                    .as("before and after on one line per TTL").singleElement()
                    .satisfies(l -> assertThat(l).contains("AS64501", "AS64502", "6.0 ms", "10.9 ms", "2!"));
            assertThat(part(mail, "text/html")).contains("<table", "198.51.100.33", "AS64502");
            JsonNode emailNotification = given().get("/api/notifications/" + emailId).then().statusCode(200)
                    .extract().as(JsonNode.class);
            assertThat(emailNotification.at("/summary/receiver").asText()).isEqualTo("email");
            assertThat(emailNotification.at("/summary/delivery").asText()).isEqualTo("DELIVERED");
            assertThat(emailNotification.at("/attempts/0/outcome").asText()).isEqualTo("DELIVERED");

            // Slack/Mattermost and PagerDuty formats.
            JsonNode slack = Json.mapper().readTree(awaitRequest("/slack", target, "FIRING").body());
            assertThat(slack.get("text").asText()).contains("*[FIRING:1]", "```", "198.51.100.33");
            JsonNode trigger = Json.mapper().readTree(awaitRequest("/pd", target, "trigger").body());
            String pdGroup = "pagerduty@3:{rule=\"it-path\",targetId=\"" + target + "\"}";
            assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
            assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTINGKEY");
            assertThat(trigger.get("dedup_key").asText()).isEqualTo(PagerDutyClient.dedupKey("pagerduty", pdGroup));
            assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");

            // The alerts topic: keyed by group key, CloudEvents headers, valid against the contract.
            ConsumerRecord<String, byte[]> record = awaitRecord(alerts, target);
            AlertNotification published = TopicCodec.of(AlertNotification.class).decode(record.value());
            assertThat(record.key()).isEqualTo(published.groupKey()).contains(target);
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.alert.v1");
            assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)).isEqualTo(published.notificationId());
            assertThat(published.status()).isEqualTo(AlertNotification.AlertStatus.FIRING);

            // The path goes back: resolved everywhere, PagerDuty closes the same incident.
            Kafka.send(Events.of(AS_PATH_CHANGED, "fra1", target).paths("p-2", "p-1").verdict(Judgement.BETTER).build());
            JsonNode resolve = Json.mapper().readTree(awaitRequest("/pd", target, "resolve").body());
            assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
            assertThat(part(awaitMail(target, "[RESOLVED]"), "text/plain")).contains("[RESOLVED] CRITICAL", "resolved by AS_PATH_CHANGED");
            JsonNode resolvedHook = Json.mapper().readTree(awaitRequest("/hook", target, "RESOLVED").body());
            assertThat(resolvedHook.at("/alerts/0/endsAt").asText()).isNotEmpty();
        }
    }

    @Test
    void aReceiverFailingForAWhileGetsEveryNotificationExactlyOnce() {
        String run = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
        receiver.mode(TestReceiver.Mode.FAIL);
        int count = 15;
        List<PathEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.of(IP_PATH_CHANGED, "fra1", run + "-" + i).build());
        }
        Kafka.send(events.toArray(PathEvent[]::new));
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().stream()
                .filter(r -> r.path().equals("/hook") && r.status() == 500 && r.text().contains(run)).count() >= 2 * count);
        receiver.mode(TestReceiver.Mode.OK);

        List<JsonNode> delivered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> notifications("webhook", run), list -> list.size() == count
                        && list.stream().allMatch(n -> n.get("delivery").asText().equals("DELIVERED")));
        Set<String> ids = delivered.stream().map(n -> n.get("notificationId").asText()).collect(Collectors.toSet());
        Map<String, Integer> accepted = receiver.acceptedKeys().entrySet().stream()
                .filter(e -> e.getKey().startsWith("/hook ") && ids.contains(e.getKey().substring(6)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(accepted).as("every notification accepted, none twice").hasSize(count).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        JsonNode retried = delivered.stream().filter(n -> n.get("attempts").asInt() > 1).findFirst().orElseThrow();

        JsonNode detail = given().get("/api/notifications/" + retried.get("notificationId").asText()).then().statusCode(200).extract().as(JsonNode.class);
        JsonNode attempts = detail.get("attempts");
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(attempts.get(0).get("detail").asText()).startsWith("HTTP 500");
        assertThat(attempts.get(attempts.size() - 1).get("outcome").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void notificationsPendingWhenDeliveryStopsAreDeliveredExactlyOnceAfterARestartFromTheOutbox() throws Throwable {
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        receiver.mode(TestReceiver.Mode.HANG);
        int count = 6;
        List<PathEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.of(IP_PATH_CHANGED, "fra1", run + "-" + i).build());
        }
        Kafka.send(events.toArray(PathEvent[]::new));
        // Mid-delivery: every notification is in the outbox and webhook attempts are held open by the receiver.
        List<String> receivers = List.of("webhook", "slack", "pagerduty");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                receiver.hanging().stream().anyMatch(r -> r.path().equals("/hook") && r.text().contains(run))
                        && receivers.stream().allMatch(name -> notifications(name, run).size() == count));

        // Stop as a shutdown does (in-progress attempts interrupted, memory queues dropped), then start from the outbox.
        startup.restartDelivery();
        receiver.mode(TestReceiver.Mode.OK);

        Map<String, String> pathOf = Map.of("webhook", "/hook", "slack", "/slack", "pagerduty", "/pd");
        for (String name : receivers) {
            List<JsonNode> delivered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> notifications(name, run), list -> list.size() == count
                            && list.stream().allMatch(n -> n.get("delivery").asText().equals("DELIVERED")));
            Map<String, Integer> accepted = receiver.acceptedKeys();
            for (JsonNode n : delivered) {
                assertThat(accepted.get(pathOf.get(name) + " " + n.get("notificationId").asText()))
                        .as("%s accepted %s exactly once", name, n.get("groupKey").asText()).isEqualTo(1);
            }
        }
        // The attempt that was cut off is on record, and the delivery after the restart followed it.
        JsonNode interrupted = notifications("webhook", run).stream().filter(n -> n.get("attempts").asInt() > 1)
                .findFirst().orElseThrow();
        JsonNode attempts = given().get("/api/notifications/" + interrupted.get("notificationId").asText()).then()
                .statusCode(200).extract().as(JsonNode.class).get("attempts");
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(attempts.get(attempts.size() - 1).get("outcome").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void theEventsOffsetIsCommittedOnceItsNotificationsAreInTheOutbox() throws Exception {
        String target = "offset-" + UUID.randomUUID().toString().substring(0, 8);
        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> producer = Kafka.producer()) {
            sent = producer.send(Kafka.record(Events.of(IP_PATH_CHANGED, "fra1", target).build())).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications("webhook", target), l -> l.size() == 1);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("alerting-service").partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    @Test
    void aHangingWebhookDoesNotDelayEmail() throws Exception {
        String target = "hang-" + UUID.randomUUID().toString().substring(0, 8);
        receiver.mode(TestReceiver.Mode.HANG);
        long start = System.nanoTime();
        Kafka.send(Events.of(IP_PATH_CHANGED, "fra1", target).build());

        awaitMail(target, "[FIRING:1]");
        long emailMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(emailMillis).as("email arrived while the webhook hangs").isLessThan(5_000);
        assertThat(receiver.acceptedOn("/hook")).noneMatch(r -> r.text().contains(target));

        // The webhook attempt times out and is retried; meanwhile nothing else waited for it.
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> notifications("webhook", target),
                l -> l.size() == 1 && l.getFirst().get("attempts").asInt() >= 1).getFirst().get("notificationId").asText();
        JsonNode attempts = given().get("/api/notifications/" + id).then().extract().as(JsonNode.class).get("attempts");
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(attempts.get(0).get("detail").asText()).isEqualTo("no answer within 2000 ms");
        assertThat(attempts.get(0).get("durationMs").asLong()).isBetween(1900L, 4000L);

        receiver.mode(TestReceiver.Mode.OK);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications("webhook", target),
                l -> l.getFirst().get("delivery").asText().equals("DELIVERED"));
        assertThat(receiver.acceptedKeys().get("/hook " + id)).isEqualTo(1);
    }

    @Test
    void aBrokenEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String target = "after-broken-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode broken = Json.mapper().valueToTree(Events.of(IP_PATH_CHANGED, "fra1", target).build());
        broken.put("type", "PATH_EXPLODED");
        String key = "fra1/broken-" + target;
        try (KafkaConsumer<String, byte[]> letters = Kafka.consumer(Topics.DEAD_LETTER);
             KafkaProducer<String, byte[]> producer = Kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.PATH_EVENTS, key, broken.toString().getBytes(StandardCharsets.UTF_8))).get();
            producer.send(Kafka.record(Events.of(IP_PATH_CHANGED, "fra1", target).build())).get();

            ConsumerRecord<String, byte[]> letter = awaitRecord(letters, key);
            DeadLetter dead = TopicCodec.of(DeadLetter.class).decode(letter.value());
            assertThat(dead.sourceTopic()).isEqualTo(Topics.PATH_EVENTS);
            assertThat(dead.consumer()).isEqualTo("alerting-service");
            assertThat(dead.reason()).contains("type");
            assertThat(awaitRequest("/hook", target, "FIRING").text()).contains(target);
        }
    }

    private static List<JsonNode> notifications(String receiverName, String groupKeyPart) {
        JsonNode list = given().queryParam("receiver", receiverName).queryParam("limit", 1000).get("/api/notifications")
                .then().statusCode(200).extract().as(JsonNode.class);
        List<JsonNode> result = new ArrayList<>();
        list.forEach(n -> {
            if (n.get("groupKey").asText().contains(groupKeyPart)) {
                result.add(n);
            }
        });
        return result;
    }

    private static TestReceiver.Request awaitRequest(String path, String... contains) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (TestReceiver.Request r : receiver.acceptedOn(path)) {
                if (Arrays.stream(contains).allMatch(r.text()::contains)) {
                    return r;
                }
            }
            return null;
        }, r -> r != null);
    }

    private static MimeMessage awaitMail(String target, String subjectStart) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage m : GreenMailResource.server().getReceivedMessages()) {
                if (m.getSubject().startsWith(subjectStart) && m.getSubject().contains(target)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(KafkaConsumer<String, byte[]> consumer, String keyPart) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Kafka.poll())) {
                if (r.key() != null && r.key().contains(keyPart)) {
                    found.add(r);
                }
            }
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
