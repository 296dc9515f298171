package io.smoketrace.analyzer.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The smoke series endpoint on real storage: 24 h of one-minute traces from 3 agents for a 30-hop
 * target stored in PostgreSQL as ingestion stores them ({@code TraceBatchWriter}), then {@code GET /api/series} for
 * the destination and a middle hop over 1 d (5-minute buckets); prints p50/p95 per request.
 *
 * <pre>./mvnw -pl path-analyzer verify -Dgroups=benchmark -Dtest=SeriesBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@Tag("benchmark")
class SeriesBenchmark {

    private static final int HOPS = 30;
    private static final int MINUTES = 24 * 60;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 100);

    @Inject
    TraceBatchWriter writer;

    @Test
    void seriesOfADayOfOneMinuteTraces() {
        String target = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> agents = List.of("fra1", "ams1", "nyc1");
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String[] hops = new String[HOPS];
        for (int i = 0; i < HOPS - 1; i++) {
            hops[i] = "198.51." + (100 + i / 200) + "." + (i + 1);
        }
        hops[HOPS - 1] = "203.0.113.10";
        Random random = new Random(7);
        long storing = System.nanoTime();
        for (String agent : agents) {
            List<Trace> batch = new ArrayList<>();
            for (int m = MINUTES; m > 0; m--) {
                TracePath path = TracePath.path(hops).rttAt(HOPS, 20 + Math.abs(random.nextGaussian()) * 3);
                batch.add(path.build(target + "-" + agent + "-" + m, agent, target, end.minus(m, ChronoUnit.MINUTES)));
                if (batch.size() == 240 || m == 1) {
                    writer.write(new Batch(List.of(), batch.stream().map(t -> new TraceRow(t, null)).toList(), List.of(),
                            List.of())).await().atMost(Duration.ofMinutes(2));
                    batch.clear();
                }
            }
        }
        System.out.printf(Locale.ROOT, "BENCHMARK stored %d traces of %d hops in %.1f s%n", agents.size() * MINUTES, HOPS,
                (System.nanoTime() - storing) / 1e9);

        for (Integer hop : new Integer[] {null, 15}) {
            for (int i = 0; i < 10; i++) {
                request(target, "fra1", hop);
            }
            long[] nanos = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                int buckets = request(target, agents.get(i % agents.size()), hop);
                nanos[i] = System.nanoTime() - start;
                assertThat(buckets).isBetween(288, 289);
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "BENCHMARK GET /api/series range=1d %s: %d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    hop == null ? "destination" : "hop " + hop, ROUNDS, nanos[ROUNDS / 2] / 1e6,
                    nanos[(int) Math.ceil(0.95 * ROUNDS) - 1] / 1e6, nanos[ROUNDS - 1] / 1e6);
        }
    }

    private static int request(String target, String agent, Integer hop) {
        var request = given().queryParam("target", target).queryParam("agent", agent).queryParam("range", "1d");
        if (hop != null) {
            request.queryParam("hop", hop);
        }
        return request.get("/api/series").then().statusCode(200).extract().jsonPath().getList("buckets").size();
    }
}
