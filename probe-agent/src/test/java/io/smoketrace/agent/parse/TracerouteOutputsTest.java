package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import org.junit.jupiter.api.Test;

import static io.smoketrace.agent.parse.TestData.addresses;
import static io.smoketrace.agent.parse.TestData.hop;
import static io.smoketrace.agent.parse.TestData.responder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * traceroute, tcptraceroute and tracepath outputs beyond jc's fixtures: real runs across the
 * lab's namespaces (lab/generate.sh) and hand-written outputs for what no lab here produces
 * (routers quoting MPLS labels, the rarer BSD annotations).
 */
class TracerouteOutputsTest {

    @Test
    void adminProhibitedAnnotatesEveryReplyOfTheRejectingRouter() {
        Trace trace = TestData.parse("lab/traceroute_adminprohib.out");
        Responder r2 = responder(trace, 2, "192.0.2.6");
        assertThat(r2.hostname()).isNull();
        assertThat(r2.annotations()).containsExactly("!X");
        assertThat(r2.samples()).containsExactly(0.018, 0.011, 0.006);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
        assertThat(trace.maxTtl()).isEqualTo(30);
    }

    @Test
    void hostUnreachableWithALostProbe() {
        Trace trace = TestData.parse("lab/traceroute_n_hostunreach.out");
        Hop hop = hop(trace, 2);
        assertThat(addresses(hop)).containsExactly("192.0.2.6", "*");
        assertThat(hop.responder("192.0.2.6").annotations()).containsExactly("!H");
        assertThat(hop.responder("192.0.2.6").sent()).isEqualTo(2);
        assertThat(hop.responder("*").sent()).isEqualTo(1);
        assertThat(trace.probesPerHop()).isEqualTo(3);
    }

    @Test
    void numericRunsReachTheTarget() {
        Trace tcp = TestData.parse("lab/traceroute_n_tcp80.out");
        assertThat(tcp.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(tcp.probesPerHop()).isEqualTo(2);
        assertThat(tcp.destinationHop().ttl()).isEqualTo(3);
        Trace v6 = TestData.parse("lab/traceroute6_n.out");
        assertThat(v6.addressFamily()).isEqualTo(AddressFamily.IPV6);
        assertThat(v6.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(responder(v6, 3, "2001:db8:3::10").samples()).containsExactly(0.017, 0.010, 0.010);
        assertThat(TestData.parse("lab/traceroute_n_icmp_e.out").status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void tcptracerouteKeepsOneFlowToAnOpenPort() {
        Trace trace = TestData.parse("lab/tcptraceroute_n_open.out");
        assertThat(trace.tool().name()).isEqualTo("tcptraceroute");
        assertThat(trace.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(trace.flow()).isEqualTo(new FlowIdentity(true, 57695, 80, null, null));
        assertThat(trace.sourceAddress()).isEqualTo("192.0.2.1");
        assertThat(trace.maxTtl()).isEqualTo(30);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(responder(trace, 3, "192.0.2.10").samples()).containsExactly(0.089, 0.075);
    }

    @Test
    void tcptracerouteToAClosedPortStillReachesTheTarget() {
        Trace trace = TestData.parse("lab/tcptraceroute_n_closed.out");
        assertThat(trace.flow().destinationPort()).isEqualTo(81);
        assertThat(trace.targetAddress()).isEqualTo("192.0.2.10");
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void mplsExtensionsBelongToTheResponderThatQuotedThem() {
        Trace trace = TestData.parse("handmade/traceroute_e_mpls.out");
        assertThat(responder(trace, 2, "198.51.100.9").mpls()).containsExactly(new MplsLabel(24001, 0, true, 1));
        Hop ecmp = hop(trace, 3);
        assertThat(addresses(ecmp)).containsExactly("198.51.100.13", "198.51.100.17");
        Responder a = ecmp.responder("198.51.100.13");
        assertThat(a.samples()).containsExactly(9.530, 9.498);
        assertThat(a.mpls()).containsExactly(new MplsLabel(24017, 0, false, 1), new MplsLabel(16004, 5, true, 1));
        assertThat(ecmp.responder("198.51.100.17").mpls()).containsExactly(new MplsLabel(24033, 0, true, 1));
        Hop last = hop(trace, 4);
        assertThat(last.responder("192.0.2.99").annotations()).containsExactly("!<10>", "!F-1500");
        assertThat(last.responder("*").sent()).isEqualTo(1);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void everyBsdAnnotationIsKept() {
        Trace trace = TestData.parse("handmade/traceroute_bsd_annotations.out");
        assertThat(responder(trace, 2, "198.51.100.1").annotations()).containsExactly("!A", "!Z", "!Q");
        assertThat(responder(trace, 3, "198.51.100.5").annotations()).containsExactly("!T", "!U", "!V");
        assertThat(responder(trace, 4, "198.51.100.9").annotations()).containsExactly("!C", "!S", "!F-1500");
        Hop last = hop(trace, 5);
        assertThat(addresses(last)).containsExactly("*", "203.0.113.77");
        assertThat(last.responder("*").sent()).isEqualTo(2);
        assertThat(last.responder("203.0.113.77").annotations()).containsExactly("!H");
        assertThat(responder(trace, 1, "192.0.2.1").hostname()).isEqualTo("gw.example.net");
    }

    @Test
    void bsdContinuationLinesAddResponders() {
        Trace trace = TestData.parse("traceroute/jc/freebsd12__traceroute.out");
        assertThat(addresses(hop(trace, 8))).containsExactly("*", "108.170.243.1");
        assertThat(responder(trace, 8, "*").sent()).isEqualTo(2);
        assertThat(addresses(hop(trace, 9))).containsExactly("8.8.8.8", "209.85.252.251", "108.170.237.23");
        assertThat(responder(trace, 9, "8.8.8.8").hostname()).isEqualTo("dns.google");
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.maxTtl()).isEqualTo(64);
    }

    @Test
    void outputCutOffMidLineParsesWhatIsThere() {
        Trace trace = TestData.parse("traceroute/jc/osx-10.14.6__traceroute-mult-addresses.out");
        assertThat(trace.hops()).extracting(Hop::ttl).containsExactly(1, 2, 3);
        assertThat(responder(trace, 3, "*").sent()).isEqualTo(2);
        assertThat(trace.targetHost()).isEqualTo("cnn.com");
    }

    @Test
    void outputWithoutHeaderHasNoTargetUnlessTheCallerNamesIt() {
        Trace trace = TestData.parse("traceroute/jc/osx-10.14.6__traceroute-no-header.out");
        assertThat(trace.targetHost()).isEqualTo(TraceDraft.UNKNOWN_TARGET);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
        Trace named = TestData.parseAll("traceroute/jc/osx-10.14.6__traceroute-no-header.out",
                TestData.context().withTargetHost("192.168.1.254")).getFirst();
        assertThat(named.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void traceroute6HeaderGivesTheSourceAddress() {
        Trace trace = TestData.parse("traceroute/jc/freebsd12__traceroute6.out");
        assertThat(trace.sourceAddress()).isEqualTo("2600:1700:bab0:d40:250:56ff:fe26:c5b4");
        assertThat(trace.targetAddress()).isEqualTo("2a04:4e42::323");
        assertThat(trace.hops()).hasSize(31);
    }

    @Test
    void theCallersProtocolAndCommandFillWhatTheOutputDoesNotSay() {
        Trace trace = TestData.parseAll("lab/traceroute_n_tcp80.out", TestData.context()
                .withProtocol(ProbeProtocol.TCP).withCommand("traceroute -n -T -p 80 -q 2 -w 1 192.0.2.10")).getFirst();
        assertThat(trace.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(trace.tool().command()).isEqualTo("traceroute -n -T -p 80 -q 2 -w 1 192.0.2.10");
        // tcptraceroute says TCP itself, whatever the caller thought it ran.
        Trace tcptraceroute = TestData.parseAll("lab/tcptraceroute_n_open.out", TestData.context()
                .withProtocol(ProbeProtocol.UDP)).getFirst();
        assertThat(tcptraceroute.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(TestData.parse("lab/traceroute_n_tcp80.out").protocol()).isNull();
    }

    @Test
    void tracepathNumericReachesTheTarget() {
        Trace trace = TestData.parse("lab/tracepath_n.out");
        assertThat(trace.pathMtu()).isEqualTo(1500);
        assertThat(responder(trace, 1, "192.0.2.2").samples()).containsExactly(0.062, 0.011);
        assertThat(trace.targetAddress()).isEqualTo("192.0.2.10");
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.protocol()).isEqualTo(ProbeProtocol.UDP);
    }

    @Test
    void tracepathShowIpsWithoutReverseNames() {
        Trace trace = TestData.parse("lab/tracepath6_b.out");
        Responder first = responder(trace, 1, "2001:db8:1::2");
        assertThat(first.hostname()).isNull();
        assertThat(first.sent()).isEqualTo(2);
        assertThat(trace.targetAddress()).isEqualTo("2001:db8:3::10");
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void tracepathPmtuFromARouterIsItsFragmentationNeeded() {
        Trace trace = TestData.parse("traceroute/jc/centos-7.7__tracepath6.out");
        Hop hop = hop(trace, 2);
        Responder router = hop.responders().stream().filter(r -> "dust.inr.ac.ru".equals(r.hostname())).findFirst().orElseThrow();
        assertThat(router.address()).isEqualTo("::");
        assertThat(router.annotations()).containsExactly("!F-1480");
        assertThat(hop.responder("3ffe:2400:0:109::2").samples()).containsExactly(463.514);
        assertThat(trace.pathMtu()).isEqualTo(1480);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void tracepathLateRepliesAnswerProbesCountedAsLost() {
        Trace trace = TestData.parse("traceroute/jc/centos-7.7__tracepath.out");
        assertThat(addresses(hop(trace, 3))).containsExactly("71.148.149.0");
        assertThat(responder(trace, 3, "71.148.149.0").samples()).containsExactly(12000.559, 11967.523, 11829.634);
        assertThat(responder(trace, 5, "*").sent()).isEqualTo(3);
        // The output has no line at all for TTLs 7 to 9: no hop is made up for them.
        assertThat(trace.hops()).extracting(Hop::ttl).doesNotContain(7, 8, 9).hasSize(27);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }
}
