package io.smoketrace.bgp.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The namespaces and routing daemons of {@code it/stbgp-net.sh}: BIRD and gobgpd peering with the
 * collector under test, FRR streaming BMP to it. Tests using it are skipped, saying why, when the JVM
 * is not root or a daemon is not installed (CI installs bird2, frr and gobgpd as root).
 */
public final class TestNetwork implements AutoCloseable {

    private final Path script;
    private final Path state;

    private TestNetwork(Path script, Path state) {
        this.script = script;
        this.state = state;
    }

    /** Skips the calling test class unless the network can be built here. */
    public static void assumeAvailable() {
        assumeTrue(isRoot(), "skipped: the routing-daemon integration tests need root (network namespaces)");
        for (String binary : List.of("/usr/sbin/bird", "/usr/bin/gobgpd", "/usr/bin/gobgp", "/usr/lib/frr/bgpd", "/usr/sbin/ip")) {
            assumeTrue(Files.isExecutable(Path.of(binary)) || Files.isExecutable(Path.of(binary.replace("/usr/sbin/", "/sbin/"))),
                    "skipped: " + binary + " is not installed (Debian packages: bird2 gobgpd frr iproute2)");
        }
    }

    /** Builds the network; the daemons connect to the collector on these ports of 198.18.{1,2,3}.1. */
    public static TestNetwork up(int bgpPort, int bmpPort, String extraBirdRoutes) throws IOException, InterruptedException {
        Path state = Files.createTempDirectory("stbgp-");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = state.resolve("stbgp-net.sh");
        try (InputStream in = TestNetwork.class.getResourceAsStream("/it/stbgp-net.sh")) {
            Files.copy(in, script);
        }
        TestNetwork network = new TestNetwork(script, state);
        List<String> arguments = new ArrayList<>(List.of("up", state.toString(), String.valueOf(bgpPort), String.valueOf(bmpPort)));
        if (extraBirdRoutes != null) {
            arguments.add(extraBirdRoutes);
        }
        try {
            network.run(arguments);
        } catch (IOException | InterruptedException | RuntimeException failed) {
            network.close();
            throw failed;
        }
        return network;
    }

    public Path state() {
        return state;
    }

    /** Runs the gobgp CLI against the gobgpd in its namespace. */
    public String gobgp(String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("gobgp", state.toString()));
        all.addAll(List.of(arguments));
        return run(all);
    }

    /** Stops BIRD (SIGTERM: it closes its sessions with a Cease NOTIFICATION). */
    public void stopBird() throws IOException, InterruptedException {
        run(List.of("stop-bird", state.toString()));
    }

    public String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("stbgp-net.sh " + arguments + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("down", state.toString()));
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
        } catch (IOException e) {
            return false;
        }
    }
}
