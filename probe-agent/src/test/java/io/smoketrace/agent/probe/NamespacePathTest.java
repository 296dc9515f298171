package io.smoketrace.agent.probe;

import static io.smoketrace.agent.probe.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real paths through a router: three network namespaces (agent, router, host) joined by veth pairs,
 * the agent probing from its namespace through {@code command-prefix = ip netns exec ...}, and
 * loss made by nftables in the router. Needs root (skipped otherwise); the namespaces are named
 * {@code stagt-*} and deleted afterwards.
 */
class NamespacePathTest {

    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);
    private static final String NS = "stagt-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String AGENT = NS + "-a";
    private static final String ROUTER = NS + "-r";
    private static final String HOST = NS + "-h";
    private static final List<String> CREATED = new ArrayList<>();
    private static ToolInventory tools;

    private static Subprocess.Result sh(String... argv) throws IOException, InterruptedException {
        Subprocess.Result r = Subprocess.run(List.of(argv), Duration.ofSeconds(20), 1 << 16);
        if (r.exitStatus() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + r.exitStatus() + "): " + r.stderr());
        }
        return r;
    }

    private static void in(String ns, String... argv) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(argv));
        sh(all.toArray(String[]::new));
    }

    @BeforeAll
    static void buildLab() throws Exception {
        boolean canLab;
        try {
            canLab = "0".equals(Subprocess.run(List.of("id", "-u"), Duration.ofSeconds(5), 64).stdout().strip())
                    && Subprocess.run(List.of("ip", "netns", "list"), Duration.ofSeconds(5), 4096).exitStatus() == 0;
        } catch (IOException e) {
            canLab = false;
        }
        assumeTrue(canLab, "needs root and iproute2 to build network namespaces");
        tools = ToolInventory.detect();
        for (String ns : List.of(AGENT, ROUTER, HOST)) {
            sh("ip", "netns", "add", ns);
            CREATED.add(ns);
            in(ns, "ip", "link", "set", "lo", "up");
            // This kernel rate-limits ICMP errors by default, which shows as false loss (docs: DESIGN.md).
            in(ns, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0");
            in(ns, "sysctl", "-qw", "net.ipv6.icmp.ratelimit=0");
        }
        sh("ip", "-n", AGENT, "link", "add", "a0", "type", "veth", "peer", "name", "r0", "netns", ROUTER);
        sh("ip", "-n", ROUTER, "link", "add", "r1", "type", "veth", "peer", "name", "h0", "netns", HOST);
        address(AGENT, "a0", "198.18.1.1/30", "2001:db8:a::1/64");
        address(ROUTER, "r0", "198.18.1.2/30", "2001:db8:a::2/64");
        address(ROUTER, "r1", "198.18.2.1/30", "2001:db8:b::1/64");
        address(HOST, "h0", "198.18.2.2/30", "2001:db8:b::2/64");
        sh("ip", "-n", AGENT, "route", "add", "default", "via", "198.18.1.2");
        sh("ip", "-n", AGENT, "-6", "route", "add", "default", "via", "2001:db8:a::2");
        sh("ip", "-n", HOST, "route", "add", "default", "via", "198.18.2.1");
        sh("ip", "-n", HOST, "-6", "route", "add", "default", "via", "2001:db8:b::1");
        in(ROUTER, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        in(ROUTER, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
    }

    private static void address(String ns, String dev, String v4, String v6) throws IOException, InterruptedException {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        sh("ip", "-n", ns, "-6", "addr", "add", v6, "dev", dev, "nodad");
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (String ns : CREATED) {
            Subprocess.run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10), 4096);
        }
    }

    private static Trace run(TargetSpec spec) {
        ProbeRunner runner = new ProbeRunner("lab", tools, DenyList.EMPTY, SourcePorts.parse("31000-31999"),
                ProbeRunner.HostResolver.SYSTEM, InstantSource.system(), List.of("ip", "netns", "exec", AGENT));
        Trace trace = runner.run(spec);
        return CODEC.decode(CODEC.encode(trace));
    }

    private static List<String> path(Trace trace) {
        return trace.hops().stream().map(h -> h.responders().getFirst().address()).toList();
    }

    @Test
    void mtrSeesTheRouterAndTheHost() {
        assumeTrue(tools.find(ProbeTool.MTR).isPresent());
        Trace trace = run(target("lab-mtr", "198.18.2.2", ProbeTool.MTR, ProbeProtocol.ICMP, null, true));
        assertThat(trace.error()).isNull();
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(path(trace)).containsExactly("198.18.1.2", "198.18.2.2");
        assertThat(trace.tool().command()).startsWith("ip netns exec " + AGENT + " ");
    }

    @Test
    void parisUdpTracerouteKeepsItsFlowThroughTheRouter() {
        assumeTrue(tools.find(ProbeTool.TRACEROUTE).isPresent());
        Trace trace = run(target("lab-udp", "198.18.2.2", ProbeTool.TRACEROUTE, ProbeProtocol.UDP, null, true));
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(path(trace)).containsExactly("198.18.1.2", "198.18.2.2");
        assertThat(trace.flow().constant()).isTrue();
        assertThat(trace.flow().sourcePort()).isEqualTo(SourcePorts.parse("31000-31999").preferred("lab-udp"));
        assertThat(trace.flow().destinationPort()).isEqualTo(ProbeCommands.DEFAULT_UDP_PORT);
    }

    @Test
    void scamperOverIpv6() {
        assumeTrue(tools.find(ProbeTool.SCAMPER).isPresent());
        Trace trace = run(target("lab-v6", "2001:db8:b::2", ProbeTool.SCAMPER, ProbeProtocol.ICMP, null, true));
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(path(trace)).containsExactly("2001:db8:a::2", "2001:db8:b::2");
    }

    @Test
    void lossMadeInTheRouterShowsAtTheDestinationNotAtTheRouter() throws Exception {
        assumeTrue(tools.find(ProbeTool.MTR).isPresent());
        in(ROUTER, "nft", "add table inet stagt");
        try {
            in(ROUTER, "nft", "add chain inet stagt forward { type filter hook forward priority 0 ; }");
            in(ROUTER, "nft", "add rule inet stagt forward ip daddr 198.18.2.2 icmp type echo-request numgen random mod 2 == 0 drop");
            TargetSpec spec = target("lab-loss", "198.18.2.2", ProbeTool.MTR, ProbeProtocol.ICMP, null, true);
            spec = new TargetSpec(spec.formatVersion(), spec.targetId(), spec.host(), null, spec.tool(), spec.protocol(), null, 60, 16, 8,
                    60, true, spec.selector(), List.of(), null, null, true, null, null);
            Trace trace = run(spec);
            assertThat(trace.status()).isIn(TraceStatus.COMPLETE, TraceStatus.UNREACHED);
            Hop router = trace.hops().getFirst();
            Responder destination = trace.hops().getLast().responder("198.18.2.2");
            assertThat(router.responder("198.18.1.2").lossPercent()).isZero();
            // Half the echo requests dropped at random: 16 probes all lost or none lost is a 1 in 32768 chance.
            assertThat(destination.lossPercent()).isStrictlyBetween(0.0, 100.0);
        } finally {
            in(ROUTER, "nft", "delete table inet stagt");
        }
    }
}
