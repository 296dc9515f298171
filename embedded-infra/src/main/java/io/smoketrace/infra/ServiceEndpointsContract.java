package io.smoketrace.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every SmokeTrace service must serve, checked against the running application: health,
 * Prometheus metrics and an OpenAPI document. A service's test extends this with {@code @QuarkusTest}.
 */
public abstract class ServiceEndpointsContract {

    /** The application name the service reports (quarkus.application.name). */
    protected abstract String serviceName();

    @Test
    void healthIsUp() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("process_uptime_seconds"));
    }

    @Test
    void openApiDocumentNamesTheService() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."))
                .body("info.title", containsString(serviceName()));
    }
}
