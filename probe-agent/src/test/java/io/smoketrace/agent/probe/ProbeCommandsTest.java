package io.smoketrace.agent.probe;

import static io.smoketrace.agent.probe.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.ProbeProtocol;
import org.junit.jupiter.api.Test;

class ProbeCommandsTest {

    private static ProbeCommand build(ProbeTool tool, ProbeProtocol protocol, Integer port, boolean paris, String address) {
        var spec = target("t1", address, tool, protocol, port, paris);
        Integer sport = ProbeCommands.needsSourcePort(spec) ? 31234 : null;
        return ProbeCommands.build(tool.name().toLowerCase(), spec, address, sport);
    }

    @Test
    void mtrRunsJsonWithoutDnsAndHoldsTheUdpFlowWhenParis() {
        ProbeCommand icmp = build(ProbeTool.MTR, ProbeProtocol.ICMP, null, true, "192.0.2.1");
        assertThat(icmp.argv()).containsExactly("mtr", "--json", "-n", "-c", "2", "-m", "8", "-4", "192.0.2.1");
        assertThat(icmp.format()).isEqualTo("mtr-json");
        assertThat(icmp.flow().constant()).isFalse();

        ProbeCommand udp = build(ProbeTool.MTR, ProbeProtocol.UDP, null, true, "2001:db8::1");
        assertThat(udp.argv()).containsExactly("mtr", "--json", "-n", "-c", "2", "-m", "8", "-6", "--udp", "-P", "33434", "-L", "31234", "2001:db8::1");
        assertThat(udp.flow()).isEqualTo(new FlowIdentity(true, 31234, 33434, null, null));

        ProbeCommand udpClassic = build(ProbeTool.MTR, ProbeProtocol.UDP, 53, false, "192.0.2.1");
        assertThat(udpClassic.argv()).contains("--udp", "-P", "53").doesNotContain("-L");
        assertThat(udpClassic.flow().constant()).isFalse();

        ProbeCommand tcp = build(ProbeTool.MTR, ProbeProtocol.TCP, 443, true, "192.0.2.1");
        assertThat(tcp.argv()).contains("--tcp", "-P", "443").doesNotContain("-L");
        assertThat(tcp.flow()).isEqualTo(new FlowIdentity(false, null, 443, null, null));
    }

    @Test
    void tracerouteUsesFixedPortsForParisAndNeverAsLookups() {
        ProbeCommand icmp = build(ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true, "192.0.2.1");
        assertThat(icmp.argv()).containsExactly("traceroute", "-4", "-n", "-e", "-q", "2", "-m", "8", "-I", "192.0.2.1");
        assertThat(icmp.format()).isEqualTo("traceroute");

        ProbeCommand udp = build(ProbeTool.TRACEROUTE, ProbeProtocol.UDP, null, true, "192.0.2.1");
        assertThat(udp.argv()).containsSubsequence("-U", "-p", "33434", "--sport=31234").endsWith("192.0.2.1");
        assertThat(udp.flow()).isEqualTo(new FlowIdentity(true, 31234, 33434, null, null));

        ProbeCommand udpClassic = build(ProbeTool.TRACEROUTE, ProbeProtocol.UDP, null, false, "192.0.2.1");
        assertThat(udpClassic.argv()).doesNotContain("-U", "-I", "-T").noneMatch(a -> a.startsWith("--sport"));
        assertThat(udpClassic.flow().constant()).isFalse();

        ProbeCommand tcp = build(ProbeTool.TRACEROUTE, ProbeProtocol.TCP, 443, true, "2001:db8::1");
        assertThat(tcp.argv()).contains("-6").containsSubsequence("-T", "-p", "443", "--sport=31234");
        assertThat(tcp.flow()).isEqualTo(new FlowIdentity(true, 31234, 443, null, null));

        for (ProbeProtocol p : ProbeProtocol.values()) {
            assertThat(build(ProbeTool.TRACEROUTE, p, 80, true, "192.0.2.1").argv()).contains("-n").doesNotContain("-A");
        }
    }

    @Test
    void scamperUsesItsParisMethods() {
        ProbeCommand icmp = build(ProbeTool.SCAMPER, ProbeProtocol.ICMP, null, true, "192.0.2.1");
        assertThat(icmp.argv()).containsExactly("scamper", "-O", "json", "-c", "trace -P icmp-paris -q 2 -m 8", "-i", "192.0.2.1");
        assertThat(icmp.format()).isEqualTo("scamper-json");
        assertThat(icmp.flow().constant()).isTrue();

        assertThat(build(ProbeTool.SCAMPER, ProbeProtocol.ICMP, null, false, "192.0.2.1").argv())
                .contains("trace -P icmp -q 2 -m 8");
        assertThat(build(ProbeTool.SCAMPER, ProbeProtocol.UDP, null, true, "192.0.2.1").argv())
                .contains("trace -P udp-paris -d 33434 -s 31234 -q 2 -m 8");
        assertThat(build(ProbeTool.SCAMPER, ProbeProtocol.TCP, 80, true, "192.0.2.1").argv())
                .contains("trace -P tcp -d 80 -s 31234 -q 2 -m 8");
    }

    @Test
    void tcptracerouteAndTracepath() {
        ProbeCommand tcp = build(ProbeTool.TCPTRACEROUTE, ProbeProtocol.TCP, 443, true, "192.0.2.1");
        assertThat(tcp.argv()).containsExactly("tcptraceroute", "-n", "-q", "2", "-m", "8", "-p", "31234", "192.0.2.1", "443");
        assertThat(tcp.flow()).isEqualTo(new FlowIdentity(true, 31234, 443, null, null));

        ProbeCommand path = build(ProbeTool.TRACEPATH, ProbeProtocol.UDP, null, true, "192.0.2.1");
        assertThat(path.argv()).containsExactly("tracepath", "-4", "-n", "-m", "8", "192.0.2.1");
        assertThat(path.format()).isEqualTo("tracepath");
        assertThat(path.flow().constant()).isFalse();
    }

    @Test
    void eachTargetKeepsItsSourcePortAndConcurrentRunsGetDifferentOnes() {
        SourcePorts ports = SourcePorts.parse("31000-31003");
        int a = ports.lease("web");
        assertThat(a).isEqualTo(ports.preferred("web"));
        int b = ports.lease("web");
        assertThat(b).isNotEqualTo(a).isBetween(31000, 31003);
        ports.release(a);
        ports.release(b);
        assertThat(ports.lease("web")).isEqualTo(a);
    }
}
