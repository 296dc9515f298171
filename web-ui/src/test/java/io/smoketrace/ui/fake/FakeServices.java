package io.smoketrace.ui.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.common.alert.AlertNotification.Severity;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.Json;
import io.smoketrace.ui.client.AlertingClient.Alert;
import io.smoketrace.ui.client.AlertingClient.AlertState;
import io.smoketrace.ui.client.AlertingClient.NotificationSummary;
import io.smoketrace.ui.client.AlertingClient.Rule;
import io.smoketrace.ui.client.AlertingClient.Silence;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server in the test JVM answering as the path analyzer ({@code /analyzer}) and the
 * alerting service ({@code /alerting}) do, with JSON written from the real record types (see
 * {@link LabScenario}). The alerting side keeps silences and rules in memory and refuses what the real
 * service refuses at its API (a silence that ends in the past; a rule id that exists, 409). Tests
 * drive it over HTTP: {@code POST /control/targets?id=web&hops=8} adds a target's lab data,
 * {@code POST /control/down?on=true} makes both answer 503.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = Json.mapper();

    private HttpServer server;
    private final Map<String, LabScenario> scenarios = new ConcurrentHashMap<>();
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private volatile boolean down;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake services", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("smoketrace.ui.services.path-analyzer-url", base + "/analyzer",
                "smoketrace.ui.services.alerting-url", base + "/alerting");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (path.startsWith("/control/")) {
                control(exchange, path, query);
            } else if (down) {
                send(exchange, 503, Map.of("status", 503, "message", "the service is down for this test"));
            } else if (path.startsWith("/analyzer/")) {
                analyzer(exchange, path.substring("/analyzer".length()), query);
            } else if (path.startsWith("/alerting/")) {
                alerting(exchange, method, path.substring("/alerting".length()), query);
            } else {
                send(exchange, 404, Map.of("status", 404, "message", "no such resource " + path));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("status", 500, "message", String.valueOf(e)));
        }
    }

    private void control(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        switch (path) {
            case "/control/targets" -> {
                String id = query.get("id");
                scenarios.put(id, new LabScenario(id, Integer.parseInt(query.getOrDefault("hops", "8")), Instant.now()));
                send(exchange, 204, null);
            }
            case "/control/down" -> {
                down = Boolean.parseBoolean(query.get("on"));
                send(exchange, 204, null);
            }
            default -> send(exchange, 404, null);
        }
    }

    // ------------------------------------------------------------------ analyzer

    private void analyzer(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/q/health/ready")) {
            send(exchange, 200, Map.of("status", "UP"));
        } else if (path.equals("/api/targets")) {
            send(exchange, 200, scenarios.values().stream().map(LabScenario::status).toList());
        } else if (parts.length == 7 && path.startsWith("/api/targets/") && parts[4].equals("agents") && parts[6].equals("path")) {
            LabScenario lab = scenarios.get(decode(parts[3]));
            found(exchange, lab == null ? null : lab.path(decode(parts[5])), "no path");
        } else if (parts.length == 4 && path.startsWith("/api/traces/")) {
            String id = decode(parts[3]);
            Object trace = null;
            for (LabScenario lab : scenarios.values()) {
                for (String[] agent : LabScenario.AGENTS) {
                    if (lab.traceId(agent[0]).equals(id)) {
                        trace = lab.trace(agent[0]);
                    }
                }
            }
            found(exchange, trace, "no trace with id '" + id + "'");
        } else if (path.equals("/api/events")) {
            List<PathEvent> events = new ArrayList<>();
            for (LabScenario lab : scenarios.values()) {
                for (PathEvent e : lab.events()) {
                    if ((query.get("target") == null || query.get("target").equals(e.targetId()))
                            && (query.get("agent") == null || query.get("agent").equals(e.agentId()))
                            && (query.get("type") == null || query.get("type").equals(e.type().name()))) {
                        events.add(e);
                    }
                }
            }
            send(exchange, 200, events);
        } else if (path.equals("/api/series")) {
            LabScenario lab = scenarios.get(query.get("target"));
            Integer hop = query.get("hop") == null ? null : Integer.valueOf(query.get("hop"));
            found(exchange, lab == null ? null : lab.series(query.get("agent"), hop, query.get("range")), "no traces");
        } else if (path.equals("/api/rib/lookup")) {
            send(exchange, 200, LabScenario.lookup(query.get("address")));
        } else {
            send(exchange, 404, Map.of("status", 404, "message", "no such resource " + path));
        }
    }

    // ------------------------------------------------------------------ alerting

    private void alerting(HttpExchange exchange, String method, String path, Map<String, String> query) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/q/health/ready")) {
            send(exchange, 200, Map.of("status", "UP"));
        } else if (path.equals("/api/alerts")) {
            List<AlertState> alerts = new ArrayList<>();
            for (LabScenario lab : scenarios.values()) {
                PathEvent trigger = lab.events().getFirst();
                Map<String, String> labels = new LinkedHashMap<>(trigger.labels());
                labels.putAll(Map.of("rule", "path-changes", "severity", "WARNING", "type", trigger.type().name(),
                        "agentId", trigger.agentId(), "targetId", trigger.targetId()));
                alerts.add(new AlertState(new Alert("path-changes/" + trigger.agentId() + "/" + trigger.targetId(), "path-changes",
                        Severity.WARNING, AlertStatus.FIRING, labels, Map.of("summary", trigger.summary()), trigger.detectedAt(),
                        null, trigger, null), silenced(labels), false));
            }
            send(exchange, 200, alerts);
        } else if (path.equals("/api/notifications")) {
            List<NotificationSummary> sent = new ArrayList<>();
            for (LabScenario lab : scenarios.values()) {
                PathEvent trigger = lab.events().getFirst();
                sent.add(new NotificationSummary("n-" + lab.targetId(), "alerts-topic", "alerts-topic:{targetId=\""
                        + lab.targetId() + "\"}", "FIRING", "DELIVERED", trigger.detectedAt(), 1, trigger.detectedAt(), null));
            }
            send(exchange, 200, sent);
        } else if (path.equals("/api/silences") && method.equals("GET")) {
            Instant now = Instant.now();
            boolean expired = Boolean.parseBoolean(query.get("expired"));
            send(exchange, 200, silences.values().stream().filter(s -> expired || s.endsAt().isAfter(now)).toList());
        } else if (path.equals("/api/silences") && method.equals("POST")) {
            Silence asked = JSON.readValue(exchange.getRequestBody(), Silence.class);
            if (asked.endsAt() == null || !asked.endsAt().isAfter(Instant.now())) {
                send(exchange, 400, Map.of("title", "invalid silence", "errors",
                        List.of("endsAt: must be in the future (now is " + Instant.now() + ")")));
                return;
            }
            Silence made = new Silence(UUID.randomUUID().toString(), asked.matchers(),
                    asked.startsAt() == null ? Instant.now() : asked.startsAt(), asked.endsAt(), asked.createdBy(), asked.comment());
            silences.put(made.id(), made);
            send(exchange, 201, made);
        } else if (parts.length == 4 && path.startsWith("/api/silences/")) {
            String id = decode(parts[3]);
            Silence silence = silences.get(id);
            if (silence != null && method.equals("DELETE")) {
                Instant now = Instant.now();
                silence = new Silence(id, silence.matchers(), silence.startsAt().isAfter(now) ? now : silence.startsAt(), now,
                        silence.createdBy(), silence.comment());
                silences.put(id, silence);
            }
            found(exchange, silence, "no silence " + id);
        } else if (path.equals("/api/rules") && method.equals("GET")) {
            send(exchange, 200, rules.values().stream().sorted(java.util.Comparator.comparing(Rule::id)).toList());
        } else if (path.equals("/api/rules") && method.equals("POST")) {
            Rule rule = JSON.readValue(exchange.getRequestBody(), Rule.class);
            if (rules.putIfAbsent(rule.id(), rule) != null) {
                send(exchange, 409, Map.of("title", "rule exists", "errors", List.of("id: a rule '" + rule.id() + "' exists")));
                return;
            }
            send(exchange, 201, rule);
        } else if (parts.length == 4 && path.startsWith("/api/rules/")) {
            String id = decode(parts[3]);
            switch (method) {
                case "PUT" -> {
                    Rule rule = JSON.readValue(exchange.getRequestBody(), Rule.class);
                    rules.put(id, rule);
                    send(exchange, 200, rule);
                }
                case "DELETE" -> {
                    if (rules.remove(id) == null) {
                        send(exchange, 404, Map.of("status", 404, "message", "no rule " + id));
                    } else {
                        send(exchange, 204, null);
                    }
                }
                default -> found(exchange, rules.get(id), "no rule " + id);
            }
        } else {
            send(exchange, 404, Map.of("status", 404, "message", "no such resource " + path));
        }
    }

    private boolean silenced(Map<String, String> labels) {
        Instant now = Instant.now();
        return silences.values().stream().anyMatch(s -> !s.startsAt().isAfter(now) && s.endsAt().isAfter(now)
                && s.matchers().stream().allMatch(m -> m.op().equals("=") && m.value().equals(labels.getOrDefault(m.name(), ""))));
    }

    // ------------------------------------------------------------------ HTTP

    private static void found(HttpExchange exchange, Object body, String missing) throws IOException {
        if (body == null) {
            send(exchange, 404, Map.of("status", 404, "message", missing));
        } else {
            send(exchange, 200, body);
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
