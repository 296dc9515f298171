package io.smoketrace.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smoketrace.alerting.fixtures.GreenMailResource;
import io.smoketrace.infra.SmokeTraceInfra;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rules, silences and routing through the REST API: stored, read back, and refused with the field named. */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(GreenMailResource.class)
class RestApiTest {

    @Test
    void aRuleIsCreatedReadReplacedAndDeleted() {
        String id = "api-" + UUID.randomUUID().toString().substring(0, 8);
        String rule = """
                {"id": "%s", "name": "Latency to customers", "eventTypes": ["LATENCY_INCREASED"],
                 "targets": ["web"], "matchers": [{"name": "tags", "op": "=~", "value": ".*customer.*"}],
                 "verdicts": ["WORSE"], "minLatencyIncreaseMs": 15, "confirmations": 2, "pendingFor": "2m",
                 "damping": {"penalty": 1000, "halfLife": "15m", "suppressLimit": 2000, "reuseLimit": 750},
                 "quorum": {"minAgents": 2, "window": "5m"}, "severity": "CRITICAL"}
                """.formatted(id);
        given().contentType(ContentType.JSON).body(rule).post("/api/rules").then().statusCode(201)
                .header("Location", containsString("/api/rules/" + id));
        given().contentType(ContentType.JSON).body(rule).post("/api/rules").then().statusCode(409);
        given().get("/api/rules/" + id).then().statusCode(200)
                .body("quorum.minAgents", equalTo(2)).body("damping.halfLife", equalTo("15m"))
                .body("matchers[0].op", equalTo("=~"));
        given().get("/api/rules").then().statusCode(200).body("id", hasItem(id));

        given().contentType(ContentType.JSON).body("""
                {"eventTypes": ["LATENCY_INCREASED", "LOSS_STARTED"], "severity": "WARNING"}
                """).put("/api/rules/" + id).then().statusCode(200).body("severity", equalTo("WARNING"));
        given().get("/api/rules/" + id).then().body("eventTypes", hasItems("LATENCY_INCREASED", "LOSS_STARTED"));

        given().delete("/api/rules/" + id).then().statusCode(204);
        given().get("/api/rules/" + id).then().statusCode(404);
        given().delete("/api/rules/" + id).then().statusCode(404);
    }

    @Test
    void anInvalidRuleIsRefusedWithTheFieldNamed() {
        refused("/api/rules", """
                {"id": "no-types", "severity": "WARNING"}
                """, "eventTypes: must name at least one event type");
        refused("/api/rules", """
                {"id": "bad-regex", "eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING",
                 "matchers": [{"name": "tags", "op": "=~", "value": "web(("}]}
                """, "matchers[0].value: not a valid regular expression");
        refused("/api/rules", """
                {"id": "bad-op", "eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING",
                 "matchers": [{"name": "tags", "op": "~=", "value": "web"}]}
                """, "matchers[0].op: must be one of =, !=, =~, !~");
        refused("/api/rules", """
                {"id": "Bad Id", "eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING", "pendingFor": "soon",
                 "confirmations": 0}
                """, "id: must be lower-case", "pendingFor: must be a duration", "confirmations: must be at least 1");
        refused("/api/rules", """
                {"id": "damp", "eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING",
                 "damping": {"penalty": 1000, "halfLife": "15m", "suppressLimit": 700, "reuseLimit": 750}}
                """, "damping.reuseLimit: must be below damping.suppressLimit");
        refused("/api/rules", """
                {"id": "typo", "eventTypes": ["IP_PATH_CHANGED"], "severity": "WARNING", "severty": "CRITICAL"}
                """, "severty");
        refused("/api/rules", """
                {"id": "bad-type", "eventTypes": ["IP_PATH_EXPLODED"], "severity": "WARNING"}
                """, "eventTypes");
    }

    @Test
    void aSilenceIsCreatedListedAndExpired() {
        String until = Instant.now().plus(2, ChronoUnit.HOURS).toString();
        String id = given().contentType(ContentType.JSON).body("""
                {"matchers": [{"name": "targetId", "op": "=", "value": "web"}, {"name": "agentId", "op": "!~", "value": "ams.*"}],
                 "endsAt": "%s", "createdBy": "noc", "comment": "maintenance window CHG-1234"}
                """.formatted(until)).post("/api/silences").then().statusCode(201).extract().path("id");
        given().get("/api/silences").then().statusCode(200).body("id", hasItem(id));
        given().get("/api/silences/" + id).then().body("comment", equalTo("maintenance window CHG-1234"));

        given().delete("/api/silences/" + id).then().statusCode(200);
        given().get("/api/silences").then().body("id", not(hasItem(id)));
        given().queryParam("expired", true).get("/api/silences").then().body("id", hasItem(id));
    }

    @Test
    void anInvalidSilenceIsRefusedWithTheFieldNamed() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        refused("/api/silences", """
                {"matchers": [], "endsAt": "%s"}
                """.formatted(future), "matchers: must have at least one matcher");
        refused("/api/silences", """
                {"matchers": [{"name": "targetId", "op": "=~", "value": "[web"}], "endsAt": "%s"}
                """.formatted(future), "matchers[0].value: not a valid regular expression");
        refused("/api/silences", """
                {"matchers": [{"name": "targetId", "op": "=", "value": "web"}]}
                """, "endsAt: must say when the silence expires");
        refused("/api/silences", """
                {"matchers": [{"name": "targetId", "op": "=", "value": "web"}], "endsAt": "2020-01-01T00:00:00Z"}
                """, "endsAt: must be in the future");
    }

    @Test
    void anInvalidRoutingIsRefusedWithTheFieldNamed() {
        given().contentType(ContentType.JSON).body("""
                {"receivers": [{"name": "hook", "kind": "WEBHOOK", "url": "ftp://example.net"},
                               {"name": "mail", "kind": "EMAIL", "to": ["not-an-address"]},
                               {"name": "pd", "kind": "PAGERDUTY", "url": "https://events.pagerduty.com/v2/enqueue"}],
                 "route": {"receiver": "hook", "groupWait": "half a minute",
                           "routes": [{"receiver": "nobody", "matchers": [{"name": "type", "op": "=~", "value": "(("}]}]}}
                """).put("/api/routing").then().statusCode(400)
                .body("errors", hasItem(containsString("route.groupWait: must be a duration")));
        given().contentType(ContentType.JSON).body("""
                {"receivers": [{"name": "hook", "kind": "WEBHOOK", "url": "ftp://example.net"},
                               {"name": "mail", "kind": "EMAIL", "to": ["not-an-address"]},
                               {"name": "pd", "kind": "PAGERDUTY", "url": "https://events.pagerduty.com/v2/enqueue"}],
                 "route": {"receiver": "hook",
                           "routes": [{"receiver": "nobody", "matchers": [{"name": "type", "op": "=~", "value": "(("}]}]}}
                """).put("/api/routing").then().statusCode(400)
                .body("errors", hasItems(containsString("receivers[0].url: a WEBHOOK receiver needs an http:// or https:// URL"),
                        containsString("receivers[1].to[0]: 'not-an-address' is not an email address"),
                        containsString("receivers[2].routingKey"),
                        containsString("route.routes[0].receiver: no receiver named 'nobody'"),
                        containsString("route.routes[0].matchers[0].value: not a valid regular expression")));
    }

    @Test
    void alertsAndNotificationsAreListed() {
        given().get("/api/alerts").then().statusCode(200);
        given().get("/api/notifications").then().statusCode(200);
        given().get("/api/notifications/does-not-exist").then().statusCode(404);
    }

    private static void refused(String path, String body, String... messages) {
        var response = given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400);
        for (String message : messages) {
            response.body("errors", hasItem(containsString(message)));
        }
    }
}
