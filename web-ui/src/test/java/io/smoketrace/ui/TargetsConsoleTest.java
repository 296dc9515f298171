package io.smoketrace.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.infra.SmokeTraceInfra;
import io.smoketrace.ui.security.SessionStore;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Targets management through the real stack: the forms, the real Kafka broker (what is published,
 * and what is not), the audit log in the real PostgreSQL, login, roles and CSRF.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class TargetsConsoleTest {

    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);
    /** Makes this run's target ids new even on a broker kept between runs (SMOKETRACE_KAFKA_BOOTSTRAP). */
    private static final int RUN = ThreadLocalRandom.current().nextInt(1, 250);
    private static final String CRUD = "crud-web-" + RUN;

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        given().redirects().follow(false).get("/targets")
                .then().statusCode(303).header("Location", containsString("/login?next=%2Ftargets"));
        given().redirects().follow(false).header("HX-Request", "true").get("/targets/rows")
                .then().statusCode(401).header("HX-Redirect", containsString("/login"));
    }

    @Test
    void singleSignOnIsOffByDefault() {
        given().get("/login").then().statusCode(200).body(not(containsString("Sign in with")))
                .body(containsString("id=\"login-form\""));
        given().redirects().follow(false).get("/login/oidc")
                .then().statusCode(404).body(containsString("Single sign-on is off"));
    }

    @Test
    void wrongPasswordIsRefused() {
        var form = given().get("/login");
        given().redirects().follow(false).cookie(SessionStore.COOKIE, form.cookie(SessionStore.COOKIE))
                .formParam("_csrf", ConsoleUser.csrfIn(form.asString()))
                .formParam("username", "operator").formParam("password", "guess")
                .post("/login")
                .then().statusCode(401).body(containsString("Wrong user name or password"));
    }

    @Test
    void operatorAddsChangesAndDeletesATarget() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        operator.form().formParam("targetId", CRUD).formParam("host", "www.example.net")
                .formParam("tool", "MTR").formParam("protocol", "TCP").formParam("port", "443")
                .formParam("intervalSeconds", "60").formParam("timeoutSeconds", "45").formParam("probesPerHop", "10")
                .formParam("maxTtl", "30").formParam("paris", "on").formParam("enabled", "on")
                .formParam("selector.agents", "fra1, ams2").formParam("selector.tags", "europe")
                .formParam("tags", "web customer-facing")
                .post("/targets")
                .then().statusCode(303).header("Location", containsString("/targets?notice="));

        List<ConsumerRecord<String, byte[]>> published = TargetsTopic.records(CRUD);
        assertThat(published).hasSize(1);
        TargetSpec spec = CODEC.decode(published.get(0).value());
        assertThat(spec.host()).isEqualTo("www.example.net");
        assertThat(spec.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(spec.port()).isEqualTo(443);
        assertThat(spec.selector().agents()).containsExactly("fra1", "ams2");
        assertThat(spec.selector().tags()).containsExactly("europe");
        assertThat(spec.tags()).containsExactly("web", "customer-facing");
        assertThat(spec.updatedBy()).isEqualTo("operator");
        assertThat(CloudEventHeaders.read(published.get(0).headers(), CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.target.v1");
        assertThat(CloudEventHeaders.read(published.get(0).headers(), CloudEventHeaders.SOURCE)).isEqualTo("/smoketrace/web-ui");
        assertThat(CloudEventHeaders.read(published.get(0).headers(), CloudEventHeaders.ID)).isNotBlank();

        // What is listed is what was read back from the topic.
        operator.request().get("/targets").then().statusCode(200)
                .body(containsString("id=\"target-" + CRUD + "\""))
                .body(containsString("agents fra1, ams2 or agents tagged europe"));

        operator.request().get("/targets/" + CRUD + "/edit").then().statusCode(200)
                .body(containsString("value=\"www.example.net\""));
        operator.form().formParam("host", "www.example.net").formParam("tool", "MTR").formParam("protocol", "TCP")
                .formParam("port", "443").formParam("intervalSeconds", "30").formParam("timeoutSeconds", "20")
                .formParam("probesPerHop", "10").formParam("maxTtl", "30").formParam("enabled", "on")
                .post("/targets/" + CRUD)
                .then().statusCode(303);
        published = TargetsTopic.records(CRUD);
        assertThat(published).hasSize(2);
        TargetSpec changed = CODEC.decode(published.get(1).value());
        assertThat(changed.intervalSeconds()).isEqualTo(30);
        assertThat(changed.paris()).isFalse();

        operator.form().post("/targets/" + CRUD + "/delete").then().statusCode(303);
        published = TargetsTopic.records(CRUD);
        assertThat(published).hasSize(3);
        assertThat(published.get(2).value()).as("a tombstone").isNull();
        operator.request().get("/targets").then().statusCode(200).body(not(containsString("id=\"target-" + CRUD + "\"")));

        ConsoleUser admin = ConsoleUser.login("admin", "admin-secret");
        String audit = admin.request().get("/admin?object=" + CRUD).then().statusCode(200).extract().asString();
        assertThat(audit).contains("TARGET_CREATED", "TARGET_UPDATED", "TARGET_DELETED", "operator",
                "intervalSeconds 60 → 30", "smoketrace.targets.v1-");
    }

    @Test
    void badTargetIsRefusedWithMessagesNextToTheFieldsAndNothingIsPublished() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        String page = operator.form().formParam("targetId", "bad-one").formParam("host", "not a host!")
                .formParam("tool", "MTR").formParam("protocol", "TCP").formParam("port", "")
                .formParam("intervalSeconds", "5").formParam("timeoutSeconds", "45").formParam("probesPerHop", "10")
                .formParam("maxTtl", "300").formParam("thresholds.lossPercent", "150")
                .post("/targets")
                .then().statusCode(422).extract().asString();
        assertThat(page).contains("id=\"error-host\"", "is neither an IP address nor a valid host name");
        assertThat(page).contains("id=\"error-port\"", "TCP probes need a destination port");
        assertThat(page).contains("id=\"error-intervalSeconds\"", "between 10 s and 86400 s");
        // From the topic's JSON Schema, mapped back to the form fields.
        assertThat(page).contains("id=\"error-maxTtl\"", "id=\"error-thresholds.lossPercent\"");
        assertThat(page).contains("value=\"not a host!\"");
        assertThat(TargetsTopic.records("bad-one")).isEmpty();
    }

    @Test
    void importIsAllOrNothing() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        String plain = "198.18." + RUN + ".10";
        String web = "www-" + RUN + ".example.org";
        String dns = "2001:db8::" + RUN;
        String tcp = "198.18." + RUN + ".7";
        String file = """
                # host,tool,protocol,port,interval,tags...
                %s
                %s,MTR,TCP,443,30,web,customer-facing
                %s,,UDP,53,120,dns
                bad host,MTR
                %s,TCPTRACEROUTE,,,
                """.formatted(plain, web, dns, tcp);
        String page = operator.request().multiPart("_csrf", operator.csrf()).multiPart("content", file)
                .multiPart("selector.tags", "europe")
                .post("/targets/import")
                .then().statusCode(422).extract().asString();
        assertThat(page).contains("2 of 5 lines are not valid targets, so nothing was imported");
        assertThat(page).contains("id=\"bad-line-5\"", "is neither an IP address nor a valid host name");
        assertThat(page).contains("id=\"bad-line-6\"", "TCP probes need a destination port");
        assertThat(TargetsTopic.records(plain)).isEmpty();
        assertThat(TargetsTopic.records(web + "-tcp-443")).isEmpty();

        String good = file.replace("bad host,MTR", "").replace(tcp + ",TCPTRACEROUTE,,,", tcp + ",TCPTRACEROUTE,,80");
        operator.request().multiPart("_csrf", operator.csrf()).multiPart("content", good)
                .multiPart("selector.tags", "europe")
                .post("/targets/import")
                .then().statusCode(303).header("Location", containsString("Imported+4+targets"));
        TargetSpec webSpec = CODEC.decode(TargetsTopic.records(web + "-tcp-443").getFirst().value());
        assertThat(webSpec.intervalSeconds()).isEqualTo(30);
        assertThat(webSpec.tags()).containsExactly("web", "customer-facing");
        assertThat(webSpec.selector().tags()).containsExactly("europe");
        TargetSpec dnsSpec = CODEC.decode(TargetsTopic.records(dns.replace(':', '-') + "-udp-53").getFirst().value());
        assertThat(dnsSpec.tool()).isEqualTo(ProbeTool.MTR);
        assertThat(dnsSpec.protocol()).isEqualTo(ProbeProtocol.UDP);
        assertThat(CODEC.decode(TargetsTopic.records(tcp + "-tcp-80").getFirst().value()).protocol())
                .isEqualTo(ProbeProtocol.TCP);
        assertThat(TargetsTopic.records(plain)).hasSize(1);

        // Importing the same lines again would duplicate them: refused, nothing more published.
        operator.request().multiPart("_csrf", operator.csrf()).multiPart("content", plain)
                .post("/targets/import")
                .then().statusCode(422).body(containsString("exists already"));
        assertThat(TargetsTopic.records(plain)).hasSize(1);
    }

    @Test
    void viewerReadsButCannotChange() {
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        viewer.request().get("/targets").then().statusCode(200).body(not(containsString("id=\"add-target\"")));
        viewer.request().get("/agents").then().statusCode(200);
        viewer.request().get("/targets/new").then().statusCode(403);
        viewer.form().formParam("targetId", "by-viewer").formParam("host", "192.0.2.99").formParam("tool", "MTR")
                .formParam("protocol", "ICMP").formParam("intervalSeconds", "60").formParam("timeoutSeconds", "45")
                .formParam("probesPerHop", "10").formParam("maxTtl", "30")
                .post("/targets")
                .then().statusCode(403).body(containsString("needs the operator role"));
        viewer.request().get("/admin").then().statusCode(403);
        assertThat(TargetsTopic.records("by-viewer")).isEmpty();
    }

    @Test
    void changesWithoutTheSessionsCsrfTokenAreRefused() {
        ConsoleUser operator = ConsoleUser.login("operator", "operator-secret");
        operator.request().formParam("targetId", "no-token").formParam("host", "192.0.2.98").formParam("tool", "MTR")
                .formParam("protocol", "ICMP").formParam("intervalSeconds", "60").formParam("timeoutSeconds", "45")
                .formParam("probesPerHop", "10").formParam("maxTtl", "30")
                .post("/targets")
                .then().statusCode(403).body(containsString("did not come from your console session"));
        operator.request().formParam("_csrf", "forged").formParam("targetId", "no-token").formParam("host", "192.0.2.98")
                .post("/targets")
                .then().statusCode(403);
        // Another session's token is no good either.
        ConsoleUser other = ConsoleUser.login("operator", "operator-secret");
        operator.request().formParam("_csrf", other.csrf()).formParam("targetId", "no-token")
                .formParam("host", "192.0.2.98").post("/targets")
                .then().statusCode(403);
        assertThat(TargetsTopic.records("no-token")).isEmpty();
        // The header htmx sends works like the hidden field.
        String host = "198.19." + RUN + ".98";
        operator.request().header("X-CSRF-Token", operator.csrf()).formParam("host", host)
                .formParam("tool", "MTR").formParam("protocol", "ICMP").formParam("intervalSeconds", "60")
                .formParam("timeoutSeconds", "45").formParam("probesPerHop", "10").formParam("maxTtl", "30")
                .formParam("enabled", "on")
                .post("/targets")
                .then().statusCode(303);
        assertThat(TargetsTopic.records(host)).hasSize(1);
    }

    @Test
    void loggingOutEndsTheSession() {
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        viewer.request().get("/targets").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
        viewer.form().post("/logout").then().statusCode(303).header("Location", containsString("/login"));
        viewer.request().get("/targets").then().statusCode(303).header("Location", containsString("/login"));
    }
}
