package io.smoketrace.alerting;

import static io.restassured.RestAssured.given;
import static io.smoketrace.common.event.EventType.AS_PATH_CHANGED;
import static io.smoketrace.common.event.EventType.IP_PATH_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smoketrace.alerting.client.EmailClient;
import io.smoketrace.alerting.fixtures.Events;
import io.smoketrace.alerting.fixtures.GreenMailResource;
import io.smoketrace.alerting.fixtures.Kafka;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.mail.internet.MimeMessage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Routing read from the file named by {@code smoketrace.alerting.routing-file} (YAML), in a database
 * schema of its own where no routing was ever set through the API; email goes over TLS to GreenMail's
 * SMTPS server, trusting only its certificate.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(GreenMailResource.class)
@TestProfile(FileRoutingTest.SmtpsProfile.class)
class FileRoutingTest {

    /** A fresh schema, the routing file and (see {@link GreenMailResource}) SMTP over TLS. */
    public static class SmtpsProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path file;
            try {
                file = Path.of(FileRoutingTest.class.getResource("/routing/file-routing.yaml").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("smoketrace.alerting.routing-file", file.toString(),
                    "smoketrace.database.schema", "alerting_file_routing",
                    "quarkus.hibernate-orm.database.default-schema", "alerting_file_routing");
        }
    }

    @Test
    void theRoutingFileIsInForceAndCriticalAlertsAreMailedOverTls() throws Exception {
        JsonNode routing = given().get("/api/routing").then().statusCode(200).extract().as(JsonNode.class);
        assertThat(routing.get("receivers").findValuesAsText("name")).containsExactly("noc-mail", "hook", "topic");
        assertThat(routing.at("/receivers/1/secret").asText()).as("secrets are masked").isEqualTo("*****");
        assertThat(routing.at("/receivers/1/timeout").asText()).isEqualTo("1s");
        assertThat(routing.at("/route/receiver").asText()).isEqualTo("topic");
        assertThat(routing.at("/route/routes/0/receiver").asText()).isEqualTo("noc-mail");
        assertThat(routing.at("/route/routes/0/matchers/0/value").asText()).isEqualTo("CRITICAL");

        given().contentType(ContentType.JSON).body("""
                {"eventTypes": ["IP_PATH_CHANGED"], "severity": "CRITICAL"}
                """).put("/api/rules/file-critical").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"eventTypes": ["AS_PATH_CHANGED"], "severity": "WARNING"}
                """).put("/api/rules/file-warning").then().statusCode(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String critical = "critical-" + run;
        String warning = "warning-" + run;
        Kafka.send(Events.of(IP_PATH_CHANGED, "fra1", critical).build(), Events.of(AS_PATH_CHANGED, "fra1", warning).build());

        // The critical alert: routed by the file to noc-mail, mailed over TLS.
        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage m : GreenMailResource.server().getReceivedMessages()) {
                if (m.getSubject().contains(critical)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
        assertThat(mail.getSubject()).startsWith("[FIRING:1]");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("noc@example.net");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("smoketrace@example.net");
        String id = mail.getHeader("X-SmokeTrace-Notification-Id")[0];
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo(EmailClient.messageId(id));
        assertThat(DeliveryTest.part(mail, "text/plain")).contains("[FIRING] CRITICAL", "rule file-critical, IP_PATH_CHANGED, from fra1 to " + critical);
        JsonNode stored = given().get("/api/notifications/" + id).then().statusCode(200).extract().as(JsonNode.class);
        assertThat(stored.at("/summary/receiver").asText()).isEqualTo("noc-mail");
        assertThat(stored.at("/attempts/0/outcome").asText()).isEqualTo("DELIVERED");
        assertThat(stored.at("/attempts/0/detail").asText()).contains("noc@example.net");

        // The warning: the topic only (the root route), no mail.
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications("topic", warning),
                l -> l.size() == 1 && l.getFirst().get("delivery").asText().equals("DELIVERED"));
        assertThat(notifications("noc-mail", warning)).isEmpty();
        // As in Alertmanager, the root's own receiver gets only what no child route matched.
        assertThat(notifications("topic", critical)).isEmpty();
        assertThat(notifications("hook", run)).isEmpty();
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
}
