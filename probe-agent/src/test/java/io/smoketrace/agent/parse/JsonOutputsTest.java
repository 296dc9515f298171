package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.smoketrace.agent.parse.TestData.addresses;
import static io.smoketrace.agent.parse.TestData.hop;
import static io.smoketrace.agent.parse.TestData.responder;
import static org.assertj.core.api.Assertions.assertThat;

/** scamper JSON (real runs across the lab, and one with MPLS) and RIPE Atlas results. */
class JsonOutputsTest {

    @Test
    void scamperIcmpParis() {
        Trace trace = TestData.parse("lab/scamper_icmp_paris_v4.json");
        assertThat(trace.protocol()).isEqualTo(ProbeProtocol.ICMP);
        assertThat(trace.flow()).isEqualTo(new FlowIdentity(true, null, null, null, null));
        assertThat(trace.startedAt()).isEqualTo(Instant.ofEpochSecond(1795247758, 596364000));
        assertThat(trace.sourceAddress()).isEqualTo("192.0.2.1");
        assertThat(trace.probesPerHop()).isEqualTo(2);
        assertThat(trace.hops()).extracting(h -> addresses(h)).containsExactly(
                List.of("192.0.2.2"), List.of("192.0.2.6"), List.of("192.0.2.10"));
        assertThat(responder(trace, 1, "192.0.2.2").samples()).containsExactly(0.238);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void scamperCountsTheProbeLostBeforeTheReply() {
        Trace trace = TestData.parse("lab/scamper_udp_paris_hostunreach.json");
        assertThat(trace.flow()).isEqualTo(new FlowIdentity(true, 50980, 33435, null, null));
        Hop hop = hop(trace, 2);
        // probe_id 2: the first attempt at TTL 2 went unanswered.
        assertThat(hop.responder("*").sent()).isEqualTo(1);
        assertThat(hop.responder("192.0.2.6").annotations()).containsExactly("!H");
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void scamperAllAttemptsKeepsEveryReplyAndCountsEveryAttempt() {
        Trace trace = TestData.parse("lab/scamper_udp_allattempts_adminprohib.json");
        assertThat(trace.flow()).isEqualTo(new FlowIdentity(false, 50982, null, null, null));
        assertThat(responder(trace, 1, "192.0.2.2").samples()).containsExactly(0.038, 0.056, 0.057);
        // -Q sends all 3 attempts: only the second at TTL 2 was answered (r2 rate-limits its rejections),
        // which probe_count 6 (not 5) confirms.
        Responder rejecting = responder(trace, 2, "192.0.2.6");
        assertThat(rejecting.sent()).isEqualTo(1);
        assertThat(rejecting.annotations()).containsExactly("!X");
        assertThat(responder(trace, 2, "*").sent()).isEqualTo(2);
    }

    @Test
    void scamperGapLimitLeavesTheUnansweredTtls() {
        Trace trace = TestData.parse("lab/scamper_icmp_paris_gaplimit.json");
        assertThat(trace.hops()).extracting(Hop::ttl).containsExactly(1, 2, 3, 4);
        for (int ttl = 2; ttl <= 4; ttl++) {
            assertThat(hop(trace, ttl).responders()).containsExactly(Responder.noReply(2));
        }
        assertThat(trace.hops().stream().mapToInt(Hop::sent).sum()).isEqualTo(7);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void scamperTcpOverIpv6() {
        Trace trace = TestData.parse("lab/scamper_tcp_v6.json");
        assertThat(trace.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(trace.addressFamily()).isEqualTo(AddressFamily.IPV6);
        assertThat(trace.flow()).isEqualTo(new FlowIdentity(true, 51268, 80, null, null));
        // ICMPv6 type 3 is time exceeded: no annotation.
        assertThat(responder(trace, 1, "2001:db8:1::2").annotations()).isEmpty();
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void scamperMplsLabelsAndGaps() {
        Trace trace = TestData.parse("handmade/scamper_mpls.json");
        Responder labelled = responder(trace, 2, "198.51.100.9");
        assertThat(labelled.mpls()).containsExactly(new MplsLabel(24017, 0, false, 1), new MplsLabel(16004, 5, true, 1));
        assertThat(responder(trace, 2, "*").sent()).isEqualTo(1);
        assertThat(hop(trace, 3).responders()).containsExactly(Responder.noReply(2));
        assertThat(responder(trace, 4, "203.0.113.5").annotations()).isEmpty();
        assertThat(trace.hops().stream().mapToInt(Hop::sent).sum()).isEqualTo(6);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void ripeAtlasArrayGivesOneTracePerResult() {
        List<Trace> traces = TestData.parseAll("handmade/ripe_atlas_results.json", TestData.context());
        assertThat(traces).hasSize(3);
        assertThat(traces).extracting(Trace::traceId).doesNotHaveDuplicates();
        assertThat(traces.getFirst().traceId()).isEqualTo(TestData.context().traceId());

        Trace k = traces.get(0);
        assertThat(k.agentId()).isEqualTo("ripe-atlas-6001");
        assertThat(k.targetHost()).isEqualTo("k.root-servers.net");
        assertThat(k.targetId()).isEqualTo("k.root-servers.net");
        assertThat(k.targetAddress()).isEqualTo("193.0.14.129");
        assertThat(k.protocol()).isEqualTo(ProbeProtocol.ICMP);
        assertThat(k.flow().constant()).isTrue();
        assertThat(k.tool().version()).isEqualTo("fw 5080");
        assertThat(k.tool().command()).isEqualTo("RIPE Atlas measurement 5001");
        assertThat(k.startedAt()).isEqualTo(Instant.ofEpochSecond(1700000060));
        assertThat(k.finishedAt()).isEqualTo(Instant.ofEpochSecond(1700000065));
        assertThat(hop(k, 2).responders()).containsExactly(Responder.noReply(3));
        Hop three = hop(k, 3);
        assertThat(addresses(three)).containsExactly("198.51.100.9", "*", "198.51.100.13");
        assertThat(three.responder("198.51.100.9").mpls()).containsExactly(new MplsLabel(24005, 0, true, 1));
        // The late reply answers the probe already counted as "*"; it is not a probe of its own.
        assertThat(three.responder("198.51.100.13").samples()).containsExactly(9.8);
        assertThat(three.sent()).isEqualTo(3);
        // The duplicate reply is not counted.
        assertThat(responder(k, 4, "193.0.14.129").samples()).containsExactly(11.2, 11.0, 11.1);
        assertThat(k.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(k.raw().text()).contains("\"prb_id\":6001").doesNotContain("6002");

        Trace v6 = traces.get(1);
        assertThat(v6.addressFamily()).isEqualTo(AddressFamily.IPV6);
        assertThat(v6.protocol()).isEqualTo(ProbeProtocol.UDP);
        assertThat(v6.flow().constant()).isFalse();
        assertThat(responder(v6, 2, "2001:db8:2::1").annotations()).containsExactly("!X");
        assertThat(hop(v6, 255).responders()).containsExactly(Responder.noReply(3));
        assertThat(v6.status()).isEqualTo(TraceStatus.UNREACHED);

        Trace failed = traces.get(2);
        assertThat(failed.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(failed.error().stage()).isEqualTo(TraceError.Stage.EXECUTE);
        assertThat(failed.error().message()).contains("sendto failed: Operation not permitted");
    }

    @Test
    void callerAgentWinsOverTheAtlasProbe() {
        List<Trace> traces = TestData.parseAll("handmade/ripe_atlas_results.json", TestData.context().withAgent("lab-1"));
        assertThat(traces).extracting(Trace::agentId).containsOnly("lab-1");
    }
}
