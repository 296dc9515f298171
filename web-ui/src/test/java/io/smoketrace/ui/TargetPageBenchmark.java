package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.SmokeTraceInfra;
import io.smoketrace.ui.fake.FakeServices;
import io.smoketrace.ui.fake.Lab;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smoketrace.ui.security.SessionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The target page's server time and weight for a 30-hop target traced once a minute by 3 agents: the
 * analyzer's answers (current paths, latest traces, smoke series bucketed from 24 h of one-minute
 * samples per agent, events) come over real HTTP from {@link FakeServices}; the console asks for them
 * at once and renders path graphs, hop tables, smoke charts and the timeline. Prints p50/p95/max and
 * the page weight (raw and gzipped), the CPU time the whole test JVM spent per page (console, fake
 * services and client: an upper bound that a loaded machine does not inflate), and the same for the
 * agents page, which asks no other service, as the machine's floor.
 *
 * <pre>./mvnw -pl web-ui verify -Dgroups=benchmark -Dtest=TargetPageBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(FakeServices.class)
@Tag("benchmark")
class TargetPageBenchmark {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 30);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 200);
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @TestHTTPResource("/")
    URL base;

    @Test
    void targetPageServerTimeAndWeight() throws IOException, InterruptedException {
        Lab.addTarget("bench-30-hops", 30);
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        // A plain JDK client: what is measured is the console, not the test's HTTP library.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[] {"/paths/bench-30-hops?range=1d", "/paths/bench-30-hops?range=30d", "/agents"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                    .header("Cookie", SessionStore.COOKIE + "=" + viewer.session()).build();
            for (int i = 0; i < WARMUP; i++) {
                http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            long[] nanos = new long[ROUNDS];
            byte[] body = new byte[0];
            long cpuBefore = CPU.getProcessCpuTime();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                nanos[i] = System.nanoTime() - start;
                assertThat(response.statusCode()).isEqualTo(200);
                body = response.body();
            }
            double cpuMs = (CPU.getProcessCpuTime() - cpuBefore) / 1e6 / ROUNDS;
            String page = new String(body, StandardCharsets.UTF_8);
            if (path.startsWith("/paths")) {
                assertThat(page).doesNotContain("analyzer-unreachable").contains("id=\"agent-nyc1\"", "class=\"smoke\"");
            }
            Arrays.sort(nanos);
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(body);
            }
            System.out.printf(Locale.ROOT,
                    "BENCHMARK %s: %d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms, CPU %.1f ms per page (whole test JVM);"
                            + " page %,d bytes (%,d gzipped)%n",
                    path, ROUNDS, ms(nanos, 0.50), ms(nanos, 0.95), nanos[ROUNDS - 1] / 1e6, cpuMs, body.length, gz.size());
        }
    }

    private static double ms(long[] sorted, double fraction) {
        return sorted[(int) Math.ceil(fraction * sorted.length) - 1] / 1e6;
    }
}
