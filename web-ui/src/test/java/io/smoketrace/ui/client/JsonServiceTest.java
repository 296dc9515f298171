package io.smoketrace.ui.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonServiceTest {

    @Test
    void aServiceThatIsNotListeningIsUnreachableNotAnError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        JsonService api = new JsonService("path-analyzer", "http://127.0.0.1:" + port + "/", Duration.ofMillis(500),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> JsonService.await(api.get("/api/targets", String.class), Duration.ofSeconds(5), api.name()))
                .isInstanceOf(ServiceUnavailable.class)
                .hasMessageStartingWith("path-analyzer is unreachable at http://127.0.0.1:" + port);
    }

    @Test
    void aServiceThatAcceptsButNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JsonService api = new JsonService("alerting-service", "http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(500), Duration.ofMillis(300));
            assertThatThrownBy(() -> JsonService.await(api.get("/api/alerts", String.class), Duration.ofSeconds(5), api.name()))
                    .isInstanceOf(ServiceUnavailable.class)
                    .hasMessage("alerting-service did not answer within 300 ms");
        }
    }

    @Test
    void queryParametersAreEncodedAndBlanksLeftOut() {
        assertThat(JsonService.path("/api/events", "target", "web one", "agent", null, "type", "", "limit", 5))
                .isEqualTo("/api/events?target=web+one&limit=5");
        assertThat(JsonService.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }
}
