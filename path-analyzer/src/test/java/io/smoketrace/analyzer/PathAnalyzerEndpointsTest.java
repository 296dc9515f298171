package io.smoketrace.analyzer;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.ServiceEndpointsContract;
import io.smoketrace.infra.SmokeTraceInfra;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

@QuarkusTest
@QuarkusTestResource(value = SmokeTraceInfra.class)
class PathAnalyzerEndpointsTest extends ServiceEndpointsContract {

    /** Readiness is DOWN until the RIB and the targets are loaded from their topics. */
    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/q/health/ready").statusCode() == 200);
    }

    @Override
    protected String serviceName() {
        return "path-analyzer";
    }
}
