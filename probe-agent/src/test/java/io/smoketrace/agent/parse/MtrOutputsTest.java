package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.RttStats;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.smoketrace.agent.parse.TestData.addresses;
import static io.smoketrace.agent.parse.TestData.hop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each lab-generated mtr output (mtr 0.95 across h1 - r1 - {r2a|r2b} - r3 - r4 - h2, r2b silent,
 * r3 rate-limiting its ICMP) read in its own format, with the values the file really shows.
 *
 * <p>mtr prints no ICMP type in any output format, so the admin-prohibited and host-unreachable
 * runs carry no {@code !X}/{@code !H} annotation: what they show is the rejecting router repeated
 * at the last hop, where the target should be, and the trace is UNREACHED. Outputs that print
 * names only (no -n, no -b) cannot show that the target answered, since the target is an address
 * and the last hop only a name: those traces are UNREACHED too, and their hosts carry the
 * not-printed address.
 */
class MtrOutputsTest {

    private static final String DIR = "mtr/lab-generated/";
    private static final String V4_TARGET = "203.0.113.10";
    private static final String V6_TARGET = "2001:db8:100::10";

    @Test
    void csvWithNamesHasFiveHopsAndLossAtR3() {
        Trace trace = TestData.parse(DIR + "mtr_v4_csv_c10.csv");
        assertThat(trace.hops()).hasSize(5);
        assertThat(trace.tool().version()).isEqualTo("0.95");
        assertThat(trace.startedAt()).isEqualTo(Instant.ofEpochSecond(1795246048));
        assertThat(trace.targetAddress()).isEqualTo(V4_TARGET);
        Responder r1 = host(trace, 1, "0.0.0.0", "r1-eth0.lab.example", 10, 10, 0.0);
        assertRtt(r1, 0.07, 0.06, 0.05, 0.07, 0.01);
        assertNoReply(trace, 2, 10);
        // Loss 50.00% of 10 with the blank (" ", dropped) column at 5.
        host(trace, 3, "0.0.0.0", "r3-eth1.lab.example", 10, 5, 50.0);
        host(trace, 5, "0.0.0.0", "h2.lab.example", 10, 10, 0.0);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void csvNumericReachesTheTarget() {
        Trace trace = TestData.parse(DIR + "mtr_v4_csv_n_showips_c10.csv");
        assertThat(trace.hops()).extracting(h -> addresses(h).getFirst())
                .containsExactly("198.51.100.1", "*", "198.51.100.18", "198.51.100.22", V4_TARGET);
        host(trace, 3, "198.51.100.18", null, 10, 8, 20.0);
        assertRtt(host(trace, 4, "198.51.100.22", null, 10, 10, 0.0), 0.09, 0.09, 0.08, 0.10, 0.01);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void jsonWithNames() {
        Trace trace = TestData.parse(DIR + "mtr_v4_json_c10.json");
        assertThat(trace.hops()).hasSize(5);
        assertThat(trace.probesPerHop()).isEqualTo(10);
        assertNoReply(trace, 2, 10);
        assertRtt(host(trace, 3, "0.0.0.0", "r3-eth1.lab.example", 10, 7, 30.0), 0.095, 0.075, 0.058, 0.103, 0.018);
        assertRtt(host(trace, 4, "0.0.0.0", "r4-eth0.lab.example", 10, 10, 0.0), 0.104, 0.084, 0.05, 0.113, 0.023);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void jsonHostUnreachableEndsAtTheRejectingRouter() {
        Trace trace = TestData.parse(DIR + "mtr_v4_json_hostunreach.json");
        assertThat(trace.targetAddress()).isEqualTo("203.0.113.20");
        assertThat(trace.hops()).hasSize(5);
        assertRtt(host(trace, 1, "198.51.100.1", null, 10, 10, 0.0), 0.053, 0.061, 0.023, 0.285, 0.078);
        assertNoReply(trace, 2, 10);
        host(trace, 3, "198.51.100.18", null, 10, 6, 40.0);
        host(trace, 4, "198.51.100.22", null, 10, 10, 0.0);
        assertRtt(host(trace, 5, "198.51.100.22", null, 10, 10, 0.0), 0.052, 0.052, 0.038, 0.093, 0.019);
        assertThat(annotations(trace)).isEmpty();
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
        assertThat(trace.destinationReached()).isFalse();
    }

    @Test
    void jsonNumericReachesTheTarget() {
        Trace trace = TestData.parse(DIR + "mtr_v4_json_n_c10.json");
        host(trace, 3, "198.51.100.18", null, 10, 9, 10.0);
        assertRtt(host(trace, 5, V4_TARGET, null, 10, 10, 0.0), 0.14, 0.093, 0.085, 0.14, 0.016);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.destinationHop().ttl()).isEqualTo(5);
    }

    @Test
    void rawAttributesEachProbeAndStopsAtTheTarget() {
        Trace trace = TestData.parse(DIR + "mtr_v4_raw_c5.txt");
        // Position 5 (TTL 6) got one reply from the target in the first cycle only: mtr, and the trace, end at TTL 5.
        assertThat(trace.hops()).extracting(Hop::ttl).containsExactly(1, 2, 3, 4, 5);
        assertThat(trace.targetAddress()).isEqualTo(V4_TARGET);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.probesPerHop()).isEqualTo(5);
        Responder r1 = host(trace, 1, "198.51.100.1", "r1-eth0.lab.example", 5, 5, 0.0);
        assertThat(r1.samples()).containsExactly(0.064, 0.073, 0.068, 0.061, 0.068);
        assertNoReply(trace, 2, 5);
        Responder h2 = host(trace, 5, V4_TARGET, "h2.lab.example", 5, 5, 0.0);
        assertThat(h2.samples()).containsExactly(0.086, 0.055, 0.095, 0.126, 0.090);
        assertThat(h2.rtt().best()).isEqualTo(0.055);
    }

    @Test
    void rawNumeric() {
        Trace trace = TestData.parse(DIR + "mtr_v4_raw_n_c5.txt");
        assertThat(trace.hops()).hasSize(5);
        Responder r3 = host(trace, 3, "198.51.100.18", null, 5, 5, 0.0);
        assertThat(r3.samples()).containsExactly(0.072, 0.084, 0.100, 0.081, 0.085);
        assertThat(r3.rtt().last()).isEqualTo(0.085);
    }

    @Test
    void reportAdminProhibitedRepeatsTheRejectingRouter() {
        Trace trace = TestData.parseAll(DIR + "mtr_v4_report_adminprohib.txt",
                TestData.context().withTargetHost("192.0.2.200")).getFirst();
        assertThat(trace.startedAt()).isEqualTo(Instant.parse("2026-11-21T07:30:30Z"));
        assertThat(trace.hops()).extracting(h -> addresses(h).getFirst())
                .containsExactly("198.51.100.1", "198.51.100.6", "198.51.100.14", "198.51.100.14");
        host(trace, 3, "198.51.100.14", null, 10, 7, 30.0);
        assertRtt(host(trace, 4, "198.51.100.14", null, 10, 10, 0.0), 0.1, 0.1, 0.0, 0.1, 0.0);
        assertThat(annotations(trace)).isEmpty();
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void reportWithNamesHasANoReplyHop() {
        Trace trace = TestData.parse(DIR + "mtr_v4_report_c10.txt");
        assertThat(trace.hops()).hasSize(5);
        assertNoReply(trace, 2, 10);
        host(trace, 3, "0.0.0.0", "r3-eth1.lab.example", 10, 9, 10.0);
        // mtr -r does not print the target: without --target-host the trace cannot name it.
        assertThat(trace.targetHost()).isEqualTo(TraceDraft.UNKNOWN_TARGET);
    }

    @Test
    void reportWithCustomFieldsTakesReceivedFromRcv() {
        Trace trace = TestData.parse(DIR + "mtr_v4_report_fields_LSDRNBAWJMXI.txt");
        assertThat(trace.hops()).hasSize(5);
        assertNoReply(trace, 2, 10);
        Responder r3 = host(trace, 3, "198.51.100.18", null, 10, 7, 30.0);
        // -o LSDRNBAWJMXI has no StDev column: that figure stays unknown rather than made up.
        assertThat(r3.rtt()).isEqualTo(new RttStats(0.1, 0.1, 0.1, 0.1, null));
    }

    @Test
    void reportHostUnreachable() {
        Trace trace = TestData.parseAll(DIR + "mtr_v4_report_hostunreach.txt",
                TestData.context().withTargetHost("203.0.113.20")).getFirst();
        host(trace, 3, "198.51.100.18", null, 10, 7, 30.0);
        host(trace, 4, "198.51.100.22", null, 10, 10, 0.0);
        host(trace, 5, "198.51.100.22", null, 10, 10, 0.0);
        assertThat(annotations(trace)).isEmpty();
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void reportTwentyCyclesReachesTheGivenTarget() {
        Trace trace = TestData.parseAll(DIR + "mtr_v4_report_n_c20.txt",
                TestData.context().withTargetHost(V4_TARGET)).getFirst();
        assertThat(trace.probesPerHop()).isEqualTo(20);
        host(trace, 3, "198.51.100.18", null, 20, 16, 20.0);
        host(trace, 5, V4_TARGET, null, 20, 20, 0.0);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.targetId()).isEqualTo(V4_TARGET);
    }

    @Test
    void reportTcpShowsTruncatedValuesAndTheEcmpHop() {
        Trace trace = TestData.parse(DIR + "mtr_v4_report_tcp80.txt");
        // "4097." and "1752.": mtr cut the decimals off to fit the column.
        assertRtt(host(trace, 2, "198.51.100.6", null, 10, 7, 30.0), 4097.0, 1752.0, 0.1, 4097.0, 1532.0);
        Hop ecmp = hop(trace, 3);
        assertThat(addresses(ecmp)).containsExactly("198.51.100.18", "198.51.100.14");
        assertRtt(host(trace, 3, "198.51.100.18", null, 10, 10, 0.0), 3061.0, 917.3, 0.1, 3061.0, 1121.0);
        // mtr keeps statistics per hop, not per host: the second host has none of its own.
        Responder second = ecmp.responder("198.51.100.14");
        assertThat(second.sent()).isZero();
        assertThat(second.rtt()).isNull();
        assertThat(trace.hops()).hasSize(5);
    }

    @Test
    void reportUdpHasTheEcmpHopTheOtherWayRound() {
        Trace trace = TestData.parse(DIR + "mtr_v4_report_udp.txt");
        host(trace, 2, "198.51.100.6", null, 10, 6, 40.0);
        assertThat(addresses(hop(trace, 3))).containsExactly("198.51.100.14", "198.51.100.18");
        host(trace, 3, "198.51.100.14", null, 10, 8, 20.0);
    }

    @Test
    void reportUnroutedHasOnlyTheFirstRouter() {
        Trace trace = TestData.parseAll(DIR + "mtr_v4_report_unrouted_maxttl6.txt",
                TestData.context().withTargetHost("100.64.0.1")).getFirst();
        assertThat(trace.hops()).hasSize(1);
        assertRtt(host(trace, 1, "198.51.100.1", null, 5, 1, 80.0), 0.3, 0.3, 0.3, 0.3, 0.0);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void wideReportWithShowIpsHasNamesAndAddresses() {
        Trace trace = TestData.parse(DIR + "mtr_v4_report_wide_showips_c10.txt");
        assertThat(trace.tool().format()).isEqualTo(MtrReportParser.WIDE);
        host(trace, 1, "198.51.100.1", "r1-eth0.lab.example", 10, 10, 0.0);
        assertNoReply(trace, 2, 10);
        host(trace, 3, "198.51.100.18", "r3-eth1.lab.example", 10, 7, 30.0);
        host(trace, 5, V4_TARGET, "h2.lab.example", 10, 10, 0.0);
    }

    @Test
    void xml() {
        Trace trace = TestData.parse(DIR + "mtr_v4_xml_c10.xml");
        assertThat(trace.targetAddress()).isEqualTo(V4_TARGET);
        assertThat(trace.probesPerHop()).isEqualTo(10);
        assertThat(trace.hops()).hasSize(5);
        assertNoReply(trace, 2, 10);
        assertRtt(host(trace, 3, "0.0.0.0", "r3-eth1.lab.example", 10, 9, 10.0), 0.1, 0.1, 0.1, 0.1, 0.0);
    }

    @Test
    void csvIpv6() {
        Trace trace = TestData.parse(DIR + "mtr_v6_csv_n_c10.csv");
        assertThat(trace.addressFamily()).isEqualTo(AddressFamily.IPV6);
        host(trace, 2, "2001:db8:2::2", null, 10, 10, 0.0);
        assertRtt(host(trace, 3, "2001:db8:4::2", null, 10, 8, 20.0), 0.12, 0.09, 0.06, 0.12, 0.02);
        host(trace, 5, V6_TARGET, null, 10, 10, 0.0);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void jsonIpv6WithNamesUsesTheIpv6NotPrintedAddress() {
        Trace trace = TestData.parse(DIR + "mtr_v6_json_c10.json");
        assertThat(trace.hops()).hasSize(5);
        assertRtt(host(trace, 2, "::", "r2a-eth0.lab.example", 10, 10, 0.0), 0.073, 0.084, 0.064, 0.108, 0.013);
        host(trace, 3, "::", "r3-eth0.lab.example", 10, 7, 30.0);
    }

    @Test
    void jsonIpv6HostUnreachable() {
        Trace trace = TestData.parse(DIR + "mtr_v6_json_hostunreach.json");
        assertThat(trace.targetAddress()).isEqualTo("2001:db8:100::20");
        host(trace, 3, "2001:db8:4::2", null, 10, 6, 40.0);
        host(trace, 4, "2001:db8:6::2", null, 10, 10, 0.0);
        host(trace, 5, "2001:db8:6::2", null, 10, 10, 0.0);
        assertThat(trace.status()).isEqualTo(TraceStatus.UNREACHED);
    }

    @Test
    void rawIpv6CountsTheLostProbesAtR3() {
        Trace trace = TestData.parse(DIR + "mtr_v6_raw_n_c5.txt");
        assertThat(trace.hops()).extracting(Hop::ttl).containsExactly(1, 2, 3, 4, 5);
        assertThat(trace.targetAddress()).isEqualTo(V6_TARGET);
        Responder r3 = host(trace, 3, "2001:db8:4::2", null, 3, 3, 0.0);
        assertThat(r3.samples()).containsExactly(0.184, 0.077, 0.084);
        assertNoReply(trace, 3, 2);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void reportIpv6WithNames() {
        // Names only and no target in an mtr -r report: nothing says IPv6 until the caller names the target.
        assertThat(TestData.parse(DIR + "mtr_v6_report_c10.txt").addressFamily()).isNull();
        Trace trace = TestData.parseAll(DIR + "mtr_v6_report_c10.txt", TestData.context().withTargetHost(V6_TARGET)).getFirst();
        assertThat(trace.hops()).hasSize(5);
        assertRtt(host(trace, 3, "::", "r3-eth0.lab.example", 10, 8, 20.0), 0.1, 0.1, 0.1, 0.2, 0.0);
    }

    @Test
    void wideReportIpv6Numeric() {
        Trace trace = TestData.parseAll(DIR + "mtr_v6_report_wide_n_c10.txt",
                TestData.context().withTargetHost(V6_TARGET)).getFirst();
        assertRtt(host(trace, 3, "2001:db8:4::2", null, 10, 7, 30.0), 0.1, 0.1, 0.1, 0.4, 0.1);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.addressFamily()).isEqualTo(AddressFamily.IPV6);
    }

    @Test
    void olderJsonWithStringCountsAsnsAndTwoHubsAtOneHop() {
        Trace trace = TestData.parse("handmade/mtr_json_old_floats.json");
        assertThat(trace.probesPerHop()).isEqualTo(10);
        assertThat(host(trace, 1, "198.51.100.1", null, 10, 10, 0.0).asn()).isEqualTo(64500L);
        assertNoReply(trace, 2, 10);
        assertThat(addresses(hop(trace, 3))).containsExactly("198.51.100.18", "198.51.100.14");
        host(trace, 3, "198.51.100.18", "core-a.example.net", 10, 8, 20.0);
        host(trace, 3, "198.51.100.14", "core-b.example.net", 4, 2, 50.0);
        assertThat(host(trace, 4, V4_TARGET, "h2.example.net", 10, 10, 0.0).asn()).isEqualTo(64502L);
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
    }

    @Test
    void reportWithAsnsAndMplsLabels() {
        Trace trace = TestData.parse("handmade/mtr_report_z_e.txt");
        assertThat(trace.startedAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        Responder r2 = host(trace, 2, "198.51.100.9", null, 10, 9, 10.0);
        assertThat(r2.asn()).isEqualTo(64501L);
        assertThat(r2.mpls()).containsExactly(new MplsLabel(24001, 0, true, 1));
        Responder second = hop(trace, 2).responder("198.51.100.13");
        assertThat(second.mpls()).containsExactly(new MplsLabel(24017, 0, false, 1), new MplsLabel(16004, 5, true, 1));
        assertNoReply(trace, 3, 10);
        assertThat(hop(trace, 3).responders().getFirst().asn()).isNull();
    }

    private static Responder host(Trace trace, int ttl, String address, String hostname, int sent, int received, double loss) {
        Responder r = hop(trace, ttl).responders().stream()
                .filter(x -> x.address().equals(address) && (hostname == null || hostname.equals(x.hostname())))
                .findFirst().orElseThrow(() -> new AssertionError("hop " + ttl + " has no " + address + " " + hostname
                        + ": " + hop(trace, ttl).responders()));
        assertThat(r.hostname()).as("hop %d hostname", ttl).isEqualTo(hostname);
        assertThat(r.sent()).as("hop %d sent", ttl).isEqualTo(sent);
        assertThat(r.received()).as("hop %d received", ttl).isEqualTo(received);
        assertThat(r.lossPercent()).as("hop %d loss", ttl).isEqualTo(loss);
        return r;
    }

    private static void assertRtt(Responder r, double last, double avg, double best, double worst, double stddev) {
        assertThat(r.rtt()).isEqualTo(new RttStats(last, avg, best, worst, stddev));
    }

    private static void assertNoReply(Trace trace, int ttl, int lost) {
        Responder none = hop(trace, ttl).responder(Responder.NO_REPLY);
        assertThat(none).as("no-reply responder at hop %d", ttl).isNotNull();
        assertThat(none.sent()).isEqualTo(lost);
        assertThat(none.received()).isZero();
        assertThat(none.lossPercent()).isEqualTo(100.0);
        assertThat(none.rtt()).isNull();
    }

    private static List<String> annotations(Trace trace) {
        return trace.hops().stream().flatMap(h -> h.responders().stream()).flatMap(r -> r.annotations().stream()).toList();
    }
}
