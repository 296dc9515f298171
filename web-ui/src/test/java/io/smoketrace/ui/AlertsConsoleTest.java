package io.smoketrace.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smoketrace.infra.SmokeTraceInfra;
import io.smoketrace.ui.fake.FakeServices;
import io.smoketrace.ui.fake.Lab;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Alerts, silences and rules through the console's forms: what reaches the alerting service (a real
 * HTTP server in the test, {@link FakeServices}), what is refused with messages next to the fields and
 * leaves nothing behind, roles, CSRF, and the audit log in the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(FakeServices.class)
class AlertsConsoleTest {

    private static final int RUN = ThreadLocalRandom.current().nextInt(1000, 9999);

    @Test
    void operatorAddsAndExpiresASilenceAndBothAreAudited() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        String matcher = "targetId=\"silenced-" + RUN + "\"";
        operator.form().formParam("matchers", matcher + "\nseverity=~\"WARNING|INFO\"").formParam("duration", "2h")
                .formParam("comment", "maintenance NOC-" + RUN)
                .post("/alerts/silences").then().statusCode(303);
        Map<String, Object> silence = silenceWithComment("maintenance NOC-" + RUN);
        String id = (String) silence.get("id");
        assertThat(silence.get("createdBy")).isEqualTo("operator");
        assertThat(silence.get("matchers").toString()).contains("name=targetId", "value=silenced-" + RUN, "op==~");
        Instant ends = Instant.parse((String) silence.get("endsAt"));
        assertThat(ends).isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
        assertThat(operator.request().get("/alerts").then().statusCode(200).extract().asString())
                .contains("id=\"silence-" + id + "\"", "maintenance NOC-" + RUN);

        operator.form().post("/alerts/silences/" + id + "/expire").then().statusCode(303);
        assertThat(Instant.parse((String) silenceWithComment("maintenance NOC-" + RUN).get("endsAt"))).isBeforeOrEqualTo(Instant.now());
        operator.form().post("/alerts/silences/no-such-silence/expire").then().statusCode(404);

        String audit = ConsoleUser.login("admin", "admin-secret").request().queryParam("object", id).get("/admin").then()
                .statusCode(200).extract().asString();
        assertThat(audit).contains("SILENCE_CREATED", "SILENCE_EXPIRED", "alerting-service /api/silences/" + id,
                "added silence targetId=&quot;silenced-" + RUN + "&quot;");
    }

    @Test
    void badSilencesAreRefusedFieldByFieldAndNothingIsSaved() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        int before = silences().size();
        String page = operator.form().formParam("matchers", "targetId=~\"(unclosed\"\nnot a matcher")
                .formParam("duration", "forever").formParam("comment", "")
                .post("/alerts/silences").then().statusCode(422).extract().asString();
        assertThat(page).contains("id=\"error-matchers\"", "not a valid regular expression", "line 2 (not a matcher)",
                "id=\"error-duration\"", "&#39;forever&#39; is not a duration", "id=\"error-comment\"", "say why");
        // What was typed stays in the form.
        assertThat(page).contains("targetId=~&quot;(unclosed&quot;");

        String past = operator.form().formParam("matchers", "targetId=\"x\"").formParam("startsAt", "2020-01-01 10:00")
                .formParam("duration", "1h").formParam("comment", "too late")
                .post("/alerts/silences").then().statusCode(422).extract().asString();
        assertThat(past).contains("id=\"error-startsAt\"", "over before it is made");
        operator.form().formParam("matchers", "").formParam("duration", "1h").formParam("comment", "nothing to mute")
                .post("/alerts/silences").then().statusCode(422);
        assertThat(silences()).hasSize(before);
        assertThat(ConsoleUser.login("admin", "admin-secret").request().get("/admin").then().extract().asString())
                .doesNotContain("too late", "nothing to mute");
    }

    @Test
    void viewersAndFormsFromElsewhereCannotChangeAlerting() {
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        int before = silences().size();
        viewer.form().formParam("matchers", "targetId=\"x\"").formParam("duration", "1h").formParam("comment", "viewer")
                .post("/alerts/silences").then().statusCode(403);
        viewer.request().get("/alerts/rules/new").then().statusCode(403);
        assertThat(viewer.request().get("/alerts").then().statusCode(200).extract().asString()).doesNotContain("id=\"add-silence\"");
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        operator.request().formParam("matchers", "targetId=\"x\"").formParam("duration", "1h").formParam("comment", "no token")
                .post("/alerts/silences").then().statusCode(403);
        assertThat(silences()).hasSize(before);
    }

    @Test
    void operatorAddsChangesAndDeletesARule() {
        String id = "latency-" + RUN;
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        operator.form().formParam("id", id).formParam("name", "Customer latency").formParam("enabled", "on")
                .formParam("eventTypes", "LATENCY_INCREASED").formParam("eventTypes", "LOSS_STARTED")
                .formParam("severity", "CRITICAL").formParam("targets", "web, dns").formParam("agents", "")
                .formParam("matchers", "tags=~\".*customer.*\"").formParam("verdicts", "WORSE")
                .formParam("minLatencyIncreaseMs", "15").formParam("confirmations", "2").formParam("pendingFor", "2m")
                .formParam("quorum.minAgents", "2").formParam("quorum.window", "5m")
                .post("/alerts/rules").then().statusCode(303);
        JsonPath rule = given().get(Lab.alertingUrl() + "/api/rules/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(rule.getList("eventTypes", String.class)).containsExactlyInAnyOrder("LATENCY_INCREASED", "LOSS_STARTED");
        assertThat(rule.getString("severity")).isEqualTo("CRITICAL");
        assertThat(rule.getList("targets", String.class)).containsExactly("web", "dns");
        assertThat(rule.getString("matchers[0].value")).isEqualTo(".*customer.*");
        assertThat(rule.getDouble("minLatencyIncreaseMs")).isEqualTo(15.0);
        assertThat(rule.getInt("quorum.minAgents")).isEqualTo(2);

        String again = operator.form().formParam("id", id).formParam("eventTypes", "LOSS_STARTED").formParam("severity", "INFO")
                .post("/alerts/rules").then().statusCode(422).extract().asString();
        assertThat(again).contains("id=\"error-id\"", "exists already");

        String edit = operator.request().get("/alerts/rules/" + id + "/edit").then().statusCode(200).extract().asString();
        assertThat(edit).contains("value=\"Customer latency\"", "value=\"LATENCY_INCREASED\" checked", "tags=~&quot;.*customer.*&quot;");
        operator.form().formParam("name", "Customer latency").formParam("enabled", "on").formParam("eventTypes", "LATENCY_INCREASED")
                .formParam("severity", "WARNING").formParam("targets", "web").formParam("confirmations", "3")
                .post("/alerts/rules/" + id).then().statusCode(303);
        rule = given().get(Lab.alertingUrl() + "/api/rules/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(rule.getString("severity")).isEqualTo("WARNING");
        assertThat(rule.getInt("confirmations")).isEqualTo(3);

        operator.form().post("/alerts/rules/" + id + "/delete").then().statusCode(303);
        given().get(Lab.alertingUrl() + "/api/rules/" + id).then().statusCode(404);
        operator.form().post("/alerts/rules/" + id + "/delete").then().statusCode(404);

        String audit = ConsoleUser.login("admin", "admin-secret").request().queryParam("object", id).get("/admin").then()
                .extract().asString();
        assertThat(audit).contains("RULE_CREATED", "RULE_UPDATED", "RULE_DELETED", "alerting-service /api/rules/" + id,
                "added alert rule " + id + " (CRITICAL on LATENCY_INCREASED, LOSS_STARTED, targets web, dns");
    }

    @Test
    void badRulesAreRefusedFieldByFieldAndNothingIsSaved() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        int before = given().get(Lab.alertingUrl() + "/api/rules").then().extract().jsonPath().getList("$").size();
        String page = operator.form().formParam("id", "Bad Id").formParam("severity", "LOUD")
                .formParam("eventTypes", "NOT_AN_EVENT").formParam("confirmations", "0").formParam("pendingFor", "soon")
                .formParam("minLossPercent", "150").formParam("agents", "fra1").formParam("quorum.minAgents", "3")
                .formParam("matchers", "tags=~\"[\"")
                .post("/alerts/rules").then().statusCode(422).extract().asString();
        assertThat(page).contains("id=\"error-id\"", "lower-case letters", "id=\"error-severity\"", "&#39;LOUD&#39; is not one of",
                "id=\"error-eventTypes\"", "&#39;NOT_AN_EVENT&#39; is not one of", "id=\"error-confirmations\"", "from 1 to 1000",
                "id=\"error-pendingFor\"", "id=\"error-minLossPercent\"", "between 0 and 100", "id=\"error-quorum.minAgents\"",
                "id=\"error-quorum.window\"", "id=\"error-matchers\"", "value=\"Bad Id\"");
        String noTypes = operator.form().formParam("id", "no-types-" + RUN).formParam("severity", "INFO")
                .post("/alerts/rules").then().statusCode(422).extract().asString();
        assertThat(noTypes).contains("id=\"error-eventTypes\"", "tick at least one event type");
        assertThat(given().get(Lab.alertingUrl() + "/api/rules").then().extract().jsonPath().getList("$")).hasSize(before);
    }

    private static List<Map<String, Object>> silences() {
        return given().queryParam("expired", "true").get(Lab.alertingUrl() + "/api/silences").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private static Map<String, Object> silenceWithComment(String comment) {
        return silences().stream().filter(s -> comment.equals(s.get("comment"))).findFirst()
                .orElseThrow(() -> new AssertionError("no silence with comment " + comment + " in " + silences()));
    }
}
