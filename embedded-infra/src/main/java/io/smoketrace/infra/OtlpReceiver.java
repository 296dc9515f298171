package io.smoketrace.infra;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real OTLP/HTTP receiver for tests: accepts {@code POST /v1/traces} (protobuf) and keeps what
 * arrived, and points the service under test at it with tracing switched on, the way an operator
 * switches tracing on (docs/deploy.md, "Tracing").
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    /** One export request as received. */
    public record Export(String path, String contentType, byte[] body) {

        /** Whether the protobuf body carries this text (span names, attribute values are plain UTF-8 in it). */
        public boolean mentions(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    private static final List<Export> EXPORTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** Every export received since the receiver started. */
    public static List<Export> exports() {
        return List.copyOf(EXPORTS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a port for the OTLP receiver", e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                EXPORTS.add(new Export(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint,
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
