package io.smoketrace.analyzer;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smoketrace.infra.OtlpReceiver;
import io.smoketrace.infra.SmokeTraceInfra;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracing is switched on by configuration alone: with the SDK enabled and an OTLP endpoint set, the
 * analyzer's API requests reach a real OTLP receiver as spans.
 */
@QuarkusTest
@TestProfile(TracingExportTest.TracingOn.class)
class TracingExportTest {

    /** A separate application start: the default profile keeps the SDK disabled. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SmokeTraceInfra.class), new TestResourceEntry(OtlpReceiver.class));
        }
    }

    @Test
    void apiRequestsAreExportedAsSpans() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/q/health/ready").statusCode() == 200);
        get("/api/events?limit=1").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(OtlpReceiver.exports())
                .anySatisfy(export -> {
                    assertThat(export.path()).isEqualTo("/v1/traces");
                    assertThat(export.mentions("/api/events")).isTrue();
                    assertThat(export.mentions("path-analyzer")).isTrue();
                }));
    }
}
