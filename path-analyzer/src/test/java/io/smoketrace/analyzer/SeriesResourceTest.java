package io.smoketrace.analyzer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.analyzer.repository.TraceBatchWriter;
import io.smoketrace.analyzer.repository.TraceBatchWriter.Batch;
import io.smoketrace.analyzer.repository.TraceBatchWriter.TraceRow;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.infra.SmokeTraceInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The smoke series: traces stored in the real PostgreSQL, summarised per bucket by the endpoint. */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class SeriesResourceTest {

    @Inject
    TraceBatchWriter writer;

    @Test
    void bucketsHoldPercentilesAndLossOfTheDestinationAndOfAHop() {
        String agent = "series-" + UUID.randomUUID().toString().substring(0, 8);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        List<Trace> stored = new ArrayList<>();
        // First 10-minute bucket: ten traces whose destination RTT is 10, 20, ... 100 ms, hop 2 always 5 ms.
        for (int i = 1; i <= 10; i++) {
            stored.add(TracePath.path("10.0.0.1", "192.0.2.1", "203.0.113.10").rttAt(2, 5.0).rttAt(3, 10.0 * i)
                    .build(agent + "-a" + i, agent, "web", hour.plusSeconds(30L * i)));
        }
        // Second bucket: one trace with 20 % loss at the destination, one that never reached it.
        stored.add(TracePath.path("10.0.0.1", "192.0.2.1", "203.0.113.10").rttAt(3, 40.0).lossAt(3, 20)
                .build(agent + "-b1", agent, "web", hour.plusSeconds(660)));
        stored.add(TracePath.path("10.0.0.1", "192.0.2.1", "*").to("203.0.113.10")
                .build(agent + "-b2", agent, "web", hour.plusSeconds(720)));
        // Stored as ingestion stores them.
        writer.write(new Batch(List.of(), stored.stream().map(t -> new TraceRow(t, null)).toList(), List.of(), List.of()))
                .await().atMost(Duration.ofSeconds(60));

        JsonPath destination = given().queryParam("target", "web").queryParam("agent", agent)
                .queryParam("from", hour.toString()).queryParam("to", hour.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("step", 600)
                .get("/api/series").then().statusCode(200).extract().jsonPath();
        assertThat(destination.getLong("stepSeconds")).isEqualTo(600);
        assertThat(destination.getList("buckets")).hasSize(2);
        assertThat(destination.getString("buckets[0].start")).isEqualTo(hour.toString());
        assertThat(destination.getInt("buckets[0].traces")).isEqualTo(10);
        assertThat(destination.getDouble("buckets[0].minMs")).isEqualTo(10.0);
        assertThat(destination.getDouble("buckets[0].medianMs")).isEqualTo(55.0);
        assertThat(destination.getDouble("buckets[0].p10Ms")).isEqualTo(19.0);
        assertThat(destination.getDouble("buckets[0].p90Ms")).isEqualTo(91.0);
        assertThat(destination.getDouble("buckets[0].maxMs")).isEqualTo(100.0);
        assertThat(destination.getDouble("buckets[0].lossPercent")).isEqualTo(0.0);
        // The unreached trace counts as 100 % loss and adds no RTT.
        assertThat(destination.getInt("buckets[1].traces")).isEqualTo(2);
        assertThat(destination.getDouble("buckets[1].medianMs")).isEqualTo(40.0);
        assertThat(destination.getDouble("buckets[1].lossPercent")).isEqualTo(60.0);

        JsonPath hop = given().queryParam("target", "web").queryParam("agent", agent).queryParam("hop", 2)
                .queryParam("from", hour.toString()).queryParam("to", hour.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("step", 3600)
                .get("/api/series").then().statusCode(200).extract().jsonPath();
        assertThat(hop.getInt("hop")).isEqualTo(2);
        assertThat(hop.getList("buckets")).hasSize(1);
        assertThat(hop.getInt("buckets[0].traces")).isEqualTo(12);
        assertThat(hop.getDouble("buckets[0].medianMs")).isEqualTo(5.0);
        assertThat(hop.getDouble("buckets[0].lossPercent")).isEqualTo(0.0);

        // A preset range ending now finds the same traces in one-minute buckets.
        JsonPath threeHours = given().queryParam("target", "web").queryParam("agent", agent).queryParam("range", "3h")
                .get("/api/series").then().statusCode(200).extract().jsonPath();
        assertThat(threeHours.getLong("stepSeconds")).isEqualTo(60);
        assertThat(threeHours.getList("buckets.traces", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(12);
    }

    @Test
    void malformedRequestsAreRefusedWithTheParameterNamed() {
        given().queryParam("target", "web").get("/api/series").then().statusCode(400)
                .body("message", containsString("'agent'"));
        given().queryParam("target", "web").queryParam("agent", "a").queryParam("range", "2w").get("/api/series")
                .then().statusCode(400).body("message", containsString("'range' 2w"));
        given().queryParam("target", "web").queryParam("agent", "a").queryParam("hop", 0).get("/api/series")
                .then().statusCode(400).body("message", containsString("'hop'"));
        given().queryParam("target", "web").queryParam("agent", "a").queryParam("from", "2026-01-01T00:00:00Z")
                .queryParam("to", "2026-02-01T00:00:00Z").queryParam("step", 60).get("/api/series")
                .then().statusCode(400).body("message", containsString("at most 2000"));
        given().queryParam("target", "web").queryParam("agent", "a").queryParam("from", "yesterday").get("/api/series")
                .then().statusCode(400).body("message", containsString("'from' yesterday"));
    }
}
