package io.smoketrace.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smoketrace.common.serde.Json;
import io.smoketrace.infra.PostgresSettings;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole suite against the network lab: deploy/lab builds a multi-AS network in namespaces, the
 * five services run as real processes from their jars against a real Kafka broker and PostgreSQL,
 * two probe agents trace across the lab from its agent namespaces, the collector peers with the
 * lab's border routers (BGP + BMP), and alerts go to a real webhook endpoint and a real SMTP server.
 * Each scenario must reach the path-events topic with the right type, hop, verdict and BGP
 * correlation and alert both receivers; each trap must stay silent. Needs root and the lab's tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkLabSystemTest {

    /** Event types that raise alerts in the lab's rules: a trap must produce none of them. */
    private static final Set<String> ALERTING_TYPES = Set.of("IP_PATH_CHANGED", "AS_PATH_CHANGED", "HOP_COUNT_CHANGED",
            "LATENCY_INCREASED", "LOSS_STARTED", "TARGET_UNREACHABLE", "PATH_FLAPPING", "AS_PATH_MISMATCH", "BGP_ROUTE_CHANGED");
    private static final Set<String> PATH_CHANGE = Set.of("IP_PATH_CHANGED", "AS_PATH_CHANGED", "HOP_COUNT_CHANGED", "BGP_ROUTE_CHANGED");
    private static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(60);
    /** Traces of the primary pair a trap must stay silent for (each ~10 s apart). */
    private static final int TRAP_TRACES = 4;
    private static final int PROBE_INTERVAL_SECONDS = 10;

    /**
     * In this order: traps first (a quiet network, no BGP churn), the AS-internal reroute while no
     * BGP update is recent, and more-specific before link-down: both send agent1's traffic to tgt-c
     * through AS64502 over the very same routers, and a path the pair has already shown is a known
     * alternate, not a new path (docs/detection.md); so link-down is judged on agent2 -> tgt-a.
     */
    private static final List<Scenario> SCENARIOS = List.of(
            Scenario.trap("ecmp"),
            Scenario.trap("star-hop"),
            Scenario.trap("rate-limit"),
            new Scenario("reroute", false, "agent1", "tgt-c", "IP_PATH_CHANGED", 5, "NEUTRAL", null, null, true, "lab-path-change",
                    PATH_CHANGE, Scenario.PATH_BACK, Map.of()),
            // B intercepts: the data plane still crosses AS64503, which is on no BGP path to the /27 (AS_PATH_MISMATCH).
            new Scenario("more-specific", false, "agent1", "tgt-c", "AS_PATH_CHANGED", 4, "WORSE", "203.0.113.128/27", "ANNOUNCE", false,
                    "lab-path-change", with(PATH_CHANGE, "AS_PATH_MISMATCH"), Scenario.PATH_BACK, Map.of()),
            new Scenario("link-down", false, "agent2", "tgt-a", "AS_PATH_CHANGED", 5, "WORSE", "192.0.2.0/25", "ANNOUNCE", false,
                    "lab-path-change", PATH_CHANGE, Scenario.PATH_BACK, Map.of()),
            new Scenario("loss", false, "agent1", "tgt-c", "LOSS_STARTED", 4, "WORSE", null, null, false, "lab-loss", Set.of(),
                    "LOSS_RECOVERED", Map.of("LOSS_PCT", "60")),
            new Scenario("latency", false, "agent1", "tgt-c", "LATENCY_INCREASED", 5, "WORSE", null, null, false, "lab-latency", Set.of(),
                    "LATENCY_RECOVERED", Map.of()),
            new Scenario("unreachable", false, "agent1", "tgt-c", "TARGET_UNREACHABLE", 3, "WORSE", "203.0.113.128/26", "WITHDRAW", false,
                    "lab-unreachable", Set.of("BGP_ROUTE_CHANGED"), "TARGET_REACHABLE", Map.of()));

    private Path root;
    private Path logs;
    private boolean labUp;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess analyzer;
    private ServiceProcess alerting;
    private Receivers receivers;
    private KafkaTap tap;

    @BeforeAll
    void startTheLabAndTheSuite() throws Exception {
        assumeTrue(isRoot(), "system tests skipped: they need root (network namespaces, veth pairs, nftables, BGP on port 179); "
                + "CI runs them as root");
        List<String> missing = missingTools();
        assumeTrue(missing.isEmpty(), "system tests skipped: lab tools missing: " + missing
                + " (Debian 12: apt-get install bird2 frr mtr-tiny traceroute nftables iproute2 iputils-ping python3)");
        root = Path.of(System.getProperty("smoketrace.root", "..")).toAbsolutePath().normalize();
        logs = root.resolve("system-tests/target/system-test-logs");
        Files.createDirectories(logs);
        for (int port : List.of(179, 11019)) {
            if (!portFree(port)) {
                throw new IllegalStateException("port " + port + " is in use: the lab's routers need the collector there. Stop what uses it "
                        + "(a running demo: sudo bin/smoketrace lab down) and run again");
            }
        }
        long started = System.nanoTime();
        lab(Map.of(), "down");
        labUp = true;
        lab(Map.of(), "up");
        log("lab up in %d s", (System.nanoTime() - started) / 1_000_000_000);

        String bootstrap = SmokeTraceInfra.kafkaBootstrap();
        PostgresSettings postgres = SmokeTraceInfra.postgres();
        tap = new KafkaTap(bootstrap);
        receivers = new Receivers();
        Map<String, String> infra = new LinkedHashMap<>();
        infra.put("kafka.bootstrap.servers", bootstrap);
        infra.putAll(postgres.serviceConfig());

        services.add(ServiceProcess.start(root, logs, "bgp-collector", "bgp-collector", with(infra, collectorConfig())));
        analyzer = ServiceProcess.start(root, logs, "path-analyzer", "path-analyzer", with(infra, Map.of(
                "smoketrace.analyzer.rib.documentation-is-special", "false",
                "smoketrace.analyzer.detection.confirmations", "2",
                // The lab's ECMP pair is a one-hop diamond; a reroute inside AS64503 changes two hops.
                "smoketrace.analyzer.detection.ecmp-diamond-hops", "1",
                // Short, so the AS-internal reroute does not pick up the BGP updates of the lab's start.
                "smoketrace.analyzer.detection.bgp-correlation-window", "90s",
                "smoketrace.analyzer.rib-repair-delay", "5s")));
        services.add(analyzer);
        alerting = ServiceProcess.start(root, logs, "alerting-service", "alerting-service", with(infra, Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(receivers.smtpPort),
                "quarkus.mailer.start-tls", "DISABLED",
                "smoketrace.alerting.delivery.initial-backoff", "200ms")));
        services.add(alerting);
        Path targets = writeTargets();
        for (String agent : List.of("agent1", "agent2")) {
            services.add(ServiceProcess.start(root, logs, "probe-" + agent, "probe-agent", with(infra, Map.of(
                    "smoketrace.agent.id", agent,
                    "smoketrace.agent.site", "lab " + agent,
                    "smoketrace.agent.command-prefix", "ip netns exec stl-" + agent + " " + root.resolve("deploy/lab/suite/fast-mtr"),
                    "smoketrace.agent.targets-file", targets.toString(),
                    "smoketrace.agent.heartbeat-interval", "10s"))));
        }
        services.add(ServiceProcess.start(root, logs, "web-ui", "web-ui", with(infra, Map.of(
                "smoketrace.ui.services.path-analyzer-url", analyzer.url(""),
                "smoketrace.ui.services.alerting-url", alerting.url(""),
                // A viewer (bcrypt of "viewer"): the test only checks the console comes up.
                "smoketrace.ui.users.viewer.password-hash", "$2a$10$cDILj4.h4k01QOX/d9Xgxe/JJfyfSJeXz7v.qk2UEGEjejESDPUeS",
                "smoketrace.ui.users.viewer.roles", "viewer"))));
        for (ServiceProcess service : services) {
            service.awaitHealthy(Duration.ofSeconds(240));
        }
        log("suite healthy %d s after start", (System.nanoTime() - started) / 1_000_000_000);
        configureAlerting();
        awaitBaseline();
        log("baseline learned %d s after start", (System.nanoTime() - started) / 1_000_000_000);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (tap != null) {
            tap.close();
        }
        if (receivers != null) {
            receivers.close();
        }
        if (labUp) {
            lab(Map.of(), "down");
        }
    }

    @Test
    void everyScenarioIsCalledRightAndNoTrapAlerts() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            Outcome outcome = scenario.trap() ? runTrap(scenario) : runScenario(scenario);
            outcomes.add(outcome);
            log("%s: %s%s", scenario.name(), outcome.correct() ? "OK" : "WRONG", outcome.problems().isEmpty() ? "" : " - " + outcome.problems());
        }
        String summary = summary(outcomes);
        System.out.println(summary);
        Files.writeString(logs.resolve("summary.txt"), summary);
        long scenarios = SCENARIOS.stream().filter(s -> !s.trap()).count();
        long truePositives = outcomes.stream().filter(o -> !o.scenario().trap() && o.correct()).count();
        long falsePositives = outcomes.stream().mapToLong(Outcome::falseAlarms).sum();
        assertThat(recall(truePositives, scenarios)).as("recall\n" + summary).isEqualTo(1.0);
        assertThat(precision(truePositives, falsePositives)).as("precision\n" + summary).isEqualTo(1.0);
    }

    /** What happened in one scenario or trap. */
    record Outcome(Scenario scenario, boolean correct, String got, Duration toEvent, Duration toAlert, int falseAlarms,
            List<String> problems) {
    }

    private Outcome runScenario(Scenario scenario) throws Exception {
        List<String> problems = new ArrayList<>();
        String pathBefore = currentPathId(scenario.agent(), scenario.target());
        Instant applied = Instant.now();
        lab(scenario.env(), "scenario", scenario.name());
        JsonNode event = await(DETECTION_TIMEOUT, () -> firstEvent(scenario.agent(), scenario.target(), scenario.type(), applied));
        Duration toEvent = null;
        Duration toAlert = null;
        String got;
        if (event == null) {
            got = "nothing (" + eventTypesSince(scenario.agent(), scenario.target(), applied) + ")";
            problems.add("no " + scenario.type() + " for " + scenario.agent() + "/" + scenario.target() + " within "
                    + DETECTION_TIMEOUT.toSeconds() + " s");
        } else {
            toEvent = Duration.between(applied, arrival(event));
            got = describe(event);
            problems.addAll(check(scenario, event));
            Receivers.Received hook = await(ALERT_TIMEOUT, () -> receivers.webhookFiring(scenario.alertId(), applied));
            Receivers.Received mail = await(ALERT_TIMEOUT, () -> receivers.mailFiring(scenario.rule(), scenario.agent(), scenario.target(), applied));
            if (hook == null) {
                problems.add("no FIRING webhook notification for alert " + scenario.alertId());
            }
            if (mail == null) {
                problems.add("no FIRING email for alert " + scenario.alertId());
            }
            if (hook != null && mail != null) {
                toAlert = Duration.between(applied, hook.at().isAfter(mail.at()) ? hook.at() : mail.at());
            }
            // What the console shows: the analyzer's API has the event on the pair's timeline.
            String eventId = event.path("eventId").asText();
            if (!analyzer.get("/api/events?target=" + scenario.target() + "&agent=" + scenario.agent() + "&limit=200").contains(eventId)) {
                problems.add("event " + eventId + " is not in the analyzer's /api/events");
            }
        }
        // Alerting events of another kind on the pair are a wrong call (a false alarm).
        List<String> wrong = new ArrayList<>();
        for (KafkaTap.Seen seen : tap.events(e -> pair(e, scenario.agent(), scenario.target()))) {
            String type = seen.value().path("type").asText();
            if (!seen.at().isBefore(applied) && ALERTING_TYPES.contains(type) && !type.equals(scenario.type())
                    && !scenario.related().contains(type)) {
                wrong.add(type);
            }
        }
        if (!wrong.isEmpty()) {
            problems.add("also raised " + wrong);
        }

        Instant reverted = Instant.now();
        lab(Map.of(), "scenario", scenario.name(), "--revert");
        boolean recovered;
        if (Scenario.PATH_BACK.equals(scenario.recovery())) {
            recovered = await(RECOVERY_TIMEOUT, () -> pathBefore.equals(currentPathId(scenario.agent(), scenario.target())) ? true : null) != null;
        } else {
            recovered = await(RECOVERY_TIMEOUT, () -> firstEvent(scenario.agent(), scenario.target(), scenario.recovery(), reverted)) != null;
        }
        if (!recovered) {
            problems.add("no recovery (" + scenario.recovery() + ") within " + RECOVERY_TIMEOUT.toSeconds() + " s of the revert");
        }
        // The next scenario starts from a quiet state: this one's alert resolved (rule resolveAfter or its recovery event).
        if (await(Duration.ofSeconds(90), () -> alertFiring(scenario.alertId()) ? null : true) == null) {
            problems.add("alert " + scenario.alertId() + " still firing 90 s after the recovery");
        }
        awaitTraces(scenario.agent(), scenario.target(), 1, Duration.ofSeconds(60));
        return new Outcome(scenario, problems.isEmpty(), got, toEvent, toAlert, wrong.isEmpty() ? 0 : 1, problems);
    }

    private Outcome runTrap(Scenario trap) throws Exception {
        Instant applied = Instant.now();
        lab(trap.env(), "scenario", trap.name());
        awaitTraces(trap.agent(), trap.target(), TRAP_TRACES, Duration.ofSeconds(TRAP_TRACES * PROBE_INTERVAL_SECONDS * 3L));
        lab(Map.of(), "scenario", trap.name(), "--revert");
        awaitTraces(trap.agent(), trap.target(), 2, Duration.ofSeconds(90));
        // Let anything already on its way through the analyzer and the alerting service arrive.
        Thread.sleep(3000);
        List<String> raised = new ArrayList<>();
        for (KafkaTap.Seen seen : tap.events(e -> ALERTING_TYPES.contains(e.path("type").asText()))) {
            if (!seen.at().isBefore(applied)) {
                raised.add(seen.value().path("type").asText() + " " + seen.value().path("agentId").asText() + "/"
                        + seen.value().path("targetId").asText());
            }
        }
        for (Receivers.Received notification : receivers.firingSince(applied)) {
            raised.add(notification.channel() + " alert " + notification.groupKey());
        }
        List<String> problems = raised.isEmpty() ? List.of() : List.of("raised " + raised);
        return new Outcome(trap, raised.isEmpty(), raised.isEmpty() ? "no alert" : String.join("; ", raised), null, null,
                raised.isEmpty() ? 0 : 1, problems);
    }

    /** The scenario's expectations on the event: hop, verdict, BGP correlation. */
    private static List<String> check(Scenario scenario, JsonNode event) {
        List<String> problems = new ArrayList<>();
        int hop = event.path("hop").asInt(-1);
        if (scenario.hop() != null && hop != scenario.hop()) {
            problems.add("hop " + hop + " (" + event.path("hopAddress").asText() + "), expected " + scenario.hop());
        }
        String verdict = event.path("verdict").path("judgement").asText();
        if (!scenario.verdict().equals(verdict)) {
            problems.add("verdict " + verdict + ", expected " + scenario.verdict());
        }
        JsonNode updates = event.path("bgpUpdates");
        if (scenario.noBgp() && updates.size() > 0) {
            problems.add(updates.size() + " BGP updates attached, expected none (" + updates.get(0).path("prefix").asText() + ")");
        }
        if (scenario.bgpPrefix() != null) {
            boolean found = false;
            for (JsonNode update : updates) {
                found |= scenario.bgpPrefix().equals(update.path("prefix").asText()) && scenario.bgpAction().equals(update.path("action").asText());
            }
            if (!found) {
                problems.add("no BGP " + scenario.bgpAction() + " of " + scenario.bgpPrefix() + " attached (" + updates.size() + " updates)");
            }
        }
        return problems;
    }

    private static String describe(JsonNode event) {
        int updates = event.path("bgpUpdates").size();
        return event.path("type").asText() + " @" + event.path("hop").asText("?") + " " + event.path("verdict").path("judgement").asText()
                + (updates > 0 ? ", " + updates + " BGP updates" : ", no BGP");
    }

    private JsonNode firstEvent(String agent, String target, String type, Instant since) {
        for (KafkaTap.Seen seen : tap.events(e -> pair(e, agent, target) && type.equals(e.path("type").asText()))) {
            if (!seen.at().isBefore(since)) {
                ObjectNode copy = seen.value().deepCopy();
                copy.put("_arrivedAt", seen.at().toString());
                return copy;
            }
        }
        return null;
    }

    private static Instant arrival(JsonNode event) {
        return Instant.parse(event.path("_arrivedAt").asText());
    }

    private List<String> eventTypesSince(String agent, String target, Instant since) {
        return tap.events(e -> pair(e, agent, target)).stream().filter(s -> !s.at().isBefore(since))
                .map(s -> s.value().path("type").asText()).toList();
    }

    private static boolean pair(JsonNode event, String agent, String target) {
        return agent.equals(event.path("agentId").asText()) && target.equals(event.path("targetId").asText());
    }

    private String currentPathId(String agent, String target) throws Exception {
        return Json.mapper().readTree(analyzer.get("/api/targets/" + target + "/agents/" + agent + "/path")).path("pathId").asText();
    }

    private boolean alertFiring(String alertId) throws Exception {
        for (JsonNode entry : Json.mapper().readTree(alerting.get("/api/alerts"))) {
            JsonNode alert = entry.has("alert") ? entry.path("alert") : entry;
            if (alertId.equals(alert.path("alertId").asText()) && "FIRING".equals(alert.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private void awaitTraces(String agent, String target, int count, Duration timeout) throws Exception {
        Instant since = Instant.now();
        if (await(timeout, () -> tap.tracesSince(agent, target, since) >= count ? true : null) == null) {
            throw new IllegalStateException("fewer than " + count + " traces of " + agent + "/" + target + " in " + timeout.toSeconds()
                    + " s: is the agent tracing? (logs in " + logs + ")");
        }
    }

    /** Polls every second until the supplier gives a non-null value or time runs out (then null). */
    private <T> T await(Duration timeout, ThrowingSupplier<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ServiceProcess service : services) {
                if (!service.alive()) {
                    throw new IllegalStateException(service.name + " has exited; log " + service.log + ":\n" + service.tail());
                }
            }
            receivers.mail(); // stamps newly arrived mails with their arrival time
            T value = probe.get();
            if (value != null || Instant.now().isAfter(deadline)) {
                return value;
            }
            Thread.sleep(1000);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** Until the collector has the lab's routes and each primary pair has a stable path and a latency baseline. */
    private void awaitBaseline() throws Exception {
        Duration timeout = Duration.ofSeconds(240);
        Object routes = await(timeout, () -> {
            JsonNode lookup = Json.mapper().readTree(analyzer.get("/api/rib/lookup?address=203.0.113.130"));
            return "203.0.113.128/26".equals(lookup.path("prefix").asText()) && lookup.path("routes").size() >= 4 ? true : null;
        });
        if (routes == null) {
            throw new IllegalStateException("the analyzer's RIB has no lab routes for 203.0.113.130 after " + timeout.toSeconds()
                    + " s: are the collector's BGP sessions up? (" + logs.resolve("bgp-collector.log") + ")");
        }
        Instant since = Instant.now();
        for (String[] pair : new String[][] {{"agent1", "tgt-c"}, {"agent2", "tgt-a"}, {"agent2", "tgt-b"}}) {
            Object ready = await(timeout, () -> {
                try {
                    JsonNode path = Json.mapper().readTree(analyzer.get("/api/targets/" + pair[1] + "/agents/" + pair[0] + "/path"));
                    return path.path("destinationReached").asBoolean() && tap.tracesSince(pair[0], pair[1], since) >= 6 ? true : null;
                } catch (IllegalStateException notYet) {
                    return null;
                }
            });
            if (ready == null) {
                throw new IllegalStateException(pair[0] + " -> " + pair[1] + " has no complete path after " + timeout.toSeconds()
                        + " s (logs in " + logs + ")");
            }
        }
    }

    private void configureAlerting() throws Exception {
        ObjectNode routing = Json.mapper().createObjectNode();
        ArrayNode receiverList = routing.putArray("receivers");
        receiverList.addObject().put("name", "hook").put("kind", "WEBHOOK").put("url", receivers.webhookUrl()).put("secret", "system-test")
                .put("timeout", "5s");
        receiverList.addObject().put("name", "mail").put("kind", "EMAIL").putArray("to").add("noc@lab.example");
        ObjectNode route = routing.putObject("route");
        route.put("receiver", "hook").put("groupWait", "1s").put("groupInterval", "2s").put("repeatInterval", "4h");
        route.putArray("groupBy").add("rule").add("agentId").add("targetId");
        ArrayNode routes = route.putArray("routes");
        routes.addObject().put("receiver", "mail").put("continue", true);
        routes.addObject().put("receiver", "hook");
        // No inhibition: each scenario's alert must reach the receivers on its own.
        routing.putArray("inhibitRules");
        alerting.send("PUT", "/api/routing", routing.toString());
        // The lab's rules (deploy/lab/suite/rules.json) with alerts that have no recovery event resolving quickly.
        for (JsonNode rule : Json.mapper().readTree(root.resolve("deploy/lab/suite/rules.json").toFile())) {
            ObjectNode copy = rule.deepCopy();
            if (copy.has("resolveAfter")) {
                copy.put("resolveAfter", "20s");
            }
            alerting.send("POST", "/api/rules", copy.toString());
        }
    }

    private Path writeTargets() throws IOException {
        ArrayNode targets = Json.mapper().createArrayNode();
        addTarget(targets, "tgt-c", "203.0.113.130", "agent1");
        addTarget(targets, "tgt-a", "192.0.2.10", "agent2");
        addTarget(targets, "tgt-b", "198.51.100.2", "agent2");
        Path file = logs.resolve("targets.json");
        Files.writeString(file, targets.toPrettyString());
        return file;
    }

    private static void addTarget(ArrayNode targets, String id, String address, String agent) {
        ObjectNode target = targets.addObject();
        // 20 probes per hop at 5/s (deploy/lab/suite/fast-mtr): ~5 s per trace. The agent checks the
        // timeout against mtr's default pace (20 rounds + 5 s), so it is longer than the interval.
        target.put("targetId", id).put("host", address).put("addressFamily", "IPV4").put("tool", "MTR").put("protocol", "ICMP")
                .put("intervalSeconds", PROBE_INTERVAL_SECONDS).put("probesPerHop", 20).put("maxTtl", 12)
                .put("timeoutSeconds", 25);
        target.putObject("selector").putArray("agents").add(agent);
        target.putArray("tags").add("lab");
    }

    private Map<String, String> collectorConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("smoketrace.bgp.collector-id", "lab-collector");
        config.put("smoketrace.bgp.speaker.host", "::");
        config.put("smoketrace.bgp.speaker.port", "179");
        config.put("smoketrace.bgp.bmp.port", "11019");
        String[][] routers = {{"64501", "241", "1"}, {"64502", "242", "2"}, {"64502", "243", "3"}, {"64503", "244", "4"}};
        int i = 0;
        for (String[] router : routers) {
            for (String address : List.of("198.51.100." + router[1], "2001:db8:ffff::" + router[2])) {
                String peer = "smoketrace.bgp.peers[" + i++ + "].";
                config.put(peer + "address", address);
                config.put(peer + "remote-as", router[0]);
                config.put(peer + "local-as", "65000");
                config.put(peer + "router-id", "198.51.100.254");
            }
        }
        return config;
    }

    private static Set<String> with(Set<String> base, String more) {
        Set<String> merged = new java.util.HashSet<>(base);
        merged.add(more);
        return Set.copyOf(merged);
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(more);
        return merged;
    }

    private void lab(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("deploy/lab/lab.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lab.sh " + String.join(" ", args) + " did not finish within 180 s");
        }
        Files.write(logs.resolve("lab.log"), output, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("lab.sh " + String.join(" ", args) + " failed (exit " + process.exitValue() + "):\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    static String summary(List<Outcome> outcomes) {
        StringBuilder table = new StringBuilder("\nSmokeTrace network lab system test\n");
        String format = "%-14s %-5s %-58s %-52s %9s %9s%n";
        table.append(String.format(Locale.ROOT, format, "scenario", "ok", "expected", "got", "->event", "->alert"));
        for (Outcome outcome : outcomes) {
            table.append(String.format(Locale.ROOT, format, outcome.scenario().name(), outcome.correct() ? "yes" : "NO",
                    outcome.scenario().expected(), abbreviate(outcome.got(), 52), seconds(outcome.toEvent()), seconds(outcome.toAlert())));
        }
        for (Outcome outcome : outcomes) {
            if (!outcome.problems().isEmpty()) {
                table.append("  ").append(outcome.scenario().name()).append(": ").append(String.join("; ", outcome.problems())).append('\n');
            }
        }
        long scenarios = outcomes.stream().filter(o -> !o.scenario().trap()).count();
        long truePositives = outcomes.stream().filter(o -> !o.scenario().trap() && o.correct()).count();
        long falsePositives = outcomes.stream().mapToLong(Outcome::falseAlarms).sum();
        List<Duration> toAlert = outcomes.stream().map(Outcome::toAlert).filter(d -> d != null).sorted().toList();
        table.append(String.format(Locale.ROOT, "detection: %d of %d scenarios called right, %d false alarms; precision %.2f, recall %.2f%n",
                truePositives, scenarios, falsePositives, precision(truePositives, falsePositives), recall(truePositives, scenarios)));
        if (!toAlert.isEmpty()) {
            table.append(String.format(Locale.ROOT, "incident -> alert: median %s, max %s%n", seconds(toAlert.get(toAlert.size() / 2)),
                    seconds(toAlert.get(toAlert.size() - 1))));
        }
        return table.toString();
    }

    static double precision(long truePositives, long falsePositives) {
        return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
    }

    static double recall(long truePositives, long scenarios) {
        return scenarios == 0 ? 1.0 : (double) truePositives / scenarios;
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[system-test] " + format + "%n", args);
    }

    private static boolean isRoot() {
        try {
            Process process = new ProcessBuilder("id", "-u").start();
            String uid = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && "0".equals(uid);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("ip", "nft", "bird", "birdc", "mtr", "python3")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        for (String daemon : List.of("zebra", "bgpd")) {
            if (!Files.isExecutable(Path.of("/usr/lib/frr", daemon))) {
                missing.add("frr " + daemon);
            }
        }
        return missing;
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
