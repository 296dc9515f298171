package io.smoketrace.ui;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip the build unpacks into {@code target/keycloak})
 * started with {@code kc.sh start-dev} on free ports, with the realm {@code smoketrace} imported from
 * {@code keycloak/smoketrace-realm.json}: the client {@code smoketrace-console} (confidential, redirecting to
 * this test's console port) and users in groups mapped to console roles. The console is pointed at it.
 * When the distribution is not there, nothing is started and {@link #available()} says so.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "smoketrace";
    static final String CLIENT = "smoketrace-console";
    private static final Path DIST = Path.of("target", "keycloak", "keycloak-26.4.0");
    /** Keycloak 26 runs on Java 17 or 21, not on the build's 25. */
    private static final List<Path> JDKS = List.of(Path.of("/usr/lib/jvm/java-21-openjdk-amd64"),
            Path.of("/usr/lib/jvm/java-17-openjdk-amd64"), Path.of("/usr/lib/jvm/temurin-21-jdk-amd64"),
            Path.of("/usr/lib/jvm/temurin-17-jdk-amd64"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private static volatile String unavailable;
    private static volatile String url;
    private Process process;

    /** Null when Keycloak runs, otherwise why it does not. */
    static String unavailable() {
        return unavailable;
    }

    static boolean available() {
        return unavailable == null && url != null;
    }

    /** The Keycloak base URL, e.g. {@code http://localhost:41234}. */
    static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        Path kcSh = DIST.resolve("bin/kc.sh");
        Path jdk = JDKS.stream().filter(j -> Files.isExecutable(j.resolve("bin/java"))).findFirst().orElse(null);
        if (!Files.isRegularFile(kcSh)) {
            unavailable = "the Keycloak distribution is not unpacked at " + DIST.toAbsolutePath()
                    + " (org.keycloak:keycloak-quarkus-dist:26.4.0:zip, unpacked by the build)";
            return Map.of();
        }
        if (jdk == null) {
            unavailable = "no Java 17 or 21 for Keycloak in " + JDKS;
            return Map.of();
        }
        int consolePort = freePort();
        int httpPort = freePort();
        int managementPort = freePort();
        String console = "http://localhost:" + consolePort;
        try {
            // A fresh database every run: the realm (whose redirect URI names this run's console port) is imported anew.
            deleteTree(DIST.resolve("data"));
            Path imports = Files.createDirectories(DIST.resolve("data/import"));
            String realm;
            try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/smoketrace-realm.json")) {
                realm = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@CONSOLE@", console);
            }
            Files.writeString(imports.resolve("smoketrace-realm.json"), realm);
            Path log = Path.of("target", "keycloak.log");
            ProcessBuilder builder = new ProcessBuilder("bash", DIST.resolve("bin/kc.sh").toAbsolutePath().toString(),
                    "start-dev", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--hostname-strict=false", "--import-realm")
                    .directory(DIST.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", jdk.toString());
            builder.environment().put("JAVA_OPTS_APPEND", "-Xmx768m");
            process = builder.start();
            url = "http://localhost:" + httpPort;
            awaitRealm(log);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("could not start Keycloak from " + DIST, e);
        }
        return Map.of(
                "quarkus.http.test-port", String.valueOf(consolePort),
                "smoketrace.ui.oidc.enabled", "true",
                "smoketrace.ui.oidc.provider-name", "Keycloak",
                "smoketrace.ui.oidc.role-mapping.noc-viewers", "viewer",
                "smoketrace.ui.oidc.role-mapping.noc-operators", "operator",
                "quarkus.oidc.auth-server-url", url + "/realms/" + REALM,
                "quarkus.oidc.client-id", CLIENT,
                "quarkus.oidc.credentials.secret", "console-secret-for-the-smoketrace-tests");
    }

    private void awaitRealm(Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI wellKnown = URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + START_TIMEOUT.toSeconds()
                + " s; see " + log.toAbsolutePath());
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        // kc.sh starts Keycloak's JVM as its child: stop that first, then the script.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        url = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
