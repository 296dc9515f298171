package io.smoketrace.bgp.codec.bmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.CanonicalEncoding;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.NextHop;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests on real BMP captures (pmacct's test suite): message counts from SOURCES.md, and the
 * unicast routes, peers and counters cross-checked against pmacct's own decode of the same captures.
 */
class BmpCaptureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Message counts per capture, as SOURCES.md gives them (from tshark), and the RFC 7606 errors in the
     * UPDATEs. The 6WIND/FRR router of 205 and 206 sends IPv4 routes without NEXT_HOP (Missing
     * Well-known Attribute, 3/3) in post-policy and Loc-RIB monitoring, and one UPDATE per view whose
     * AS_PATH has 2-octet AS numbers where 4-octet ones belong (Malformed AS_PATH, 3/11): pmacct's
     * decode of the same capture shows that route with an empty AS path too.
     */
    static Stream<Arguments> captures() {
        Map<String, Integer> frrErrors = Map.of("TREAT_AS_WITHDRAW 3/3", 140, "TREAT_AS_WITHDRAW 3/11", 2);
        return Stream.of(
                Arguments.of("200-BMP-HUAWEI-locrib_instance.pcap", Map.of("RouteMonitoring", 84, "PeerUpNotification", 18,
                        "InitiationMessage", 1), 0, Map.of(), 0),
                Arguments.of("201-BMP-CISCO-rd_instance.pcap", Map.of("RouteMonitoring", 251, "StatisticsReport", 42,
                        "PeerUpNotification", 42, "InitiationMessage", 1), 0, Map.of(), 0),
                Arguments.of("202-BMP-CISCO-HUAWEI-multiple-sources.traffic-01.pcap", Map.of("RouteMonitoring", 44,
                        "PeerUpNotification", 42, "InitiationMessage", 1), 0, Map.of(), 0),
                // The capture stops 156 octets into its last message.
                Arguments.of("202-BMP-CISCO-HUAWEI-multiple-sources.traffic-02.pcap", Map.of("RouteMonitoring", 53,
                        "PeerUpNotification", 12, "InitiationMessage", 1), 0, Map.of(), 156),
                Arguments.of("204-BMP-CISCO-peer_down.pcap", Map.of("RouteMonitoring", 301, "StatisticsReport", 28,
                        "PeerDownNotification", 3, "PeerUpNotification", 10, "InitiationMessage", 1), 0, Map.of(), 0),
                Arguments.of("205-BMP-6wind-FRR-peer_down.pcap", Map.of("RouteMonitoring", 451, "StatisticsReport", 48,
                        "PeerDownNotification", 2, "PeerUpNotification", 7, "InitiationMessage", 1), 2, frrErrors, 0),
                Arguments.of("206-BMP-high-availability.pcap", Map.of("RouteMonitoring", 253, "StatisticsReport", 36,
                        "PeerUpNotification", 5, "InitiationMessage", 1), 0, frrErrors, 0));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decodesEveryMessageOfTheCapture(String pcap, Map<String, Integer> expectedCounts, int notifications,
                                         Map<String, Integer> updateErrors, int leftOver) {
        BmpCaptures.Session session = BmpCaptures.decode(pcap);

        assertThat(session.errors()).isEmpty();
        assertThat(session.leftOver()).isEqualTo(leftOver);
        Map<String, Integer> counts = new TreeMap<>();
        session.messages().forEach(decoded -> counts.merge(decoded.message().getClass().getSimpleName(), 1, Integer::sum));
        assertThat(counts).isEqualTo(new TreeMap<>(expectedCounts));
        // The BGP PDUs inside: two OPENs per Peer Up, one UPDATE per Route Monitoring, NOTIFICATIONs in Peer Downs.
        assertThat(session.all(PeerUpNotification.class)).allSatisfy(up -> {
            assertThat(up.sentOpen().version()).isEqualTo(4);
            assertThat(up.receivedOpen().version()).isEqualTo(4);
        });
        assertThat(session.all(PeerDownNotification.class).stream().filter(down -> down.notification().isPresent()))
                .hasSize(notifications);
        Map<String, Integer> errors = new TreeMap<>();
        session.all(RouteMonitoring.class).forEach(monitoring -> monitoring.update().pathAttributes().errors().forEach(
                error -> errors.merge(error.action() + " " + error.notification().code() + "/"
                        + error.notification().subcode(), 1, Integer::sum)));
        assertThat(errors).isEqualTo(new TreeMap<>(updateErrors));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void reEncodesEveryMessageToTheSameOctetsOrAtLeastTheSameMessage(String pcap) throws BmpDecodeException {
        BmpCaptures.Session session = BmpCaptures.decode(pcap);
        int identical = 0;
        for (BmpCaptures.Decoded decoded : session.messages()) {
            byte[] encoded = BmpMessageDecoder.encode(decoded.message());
            BmpMessage again = new BmpMessageDecoder().decode(encoded);
            if (hasAttributeErrors(decoded.message())) {
                // The malformed attribute was dropped, so only the well-formed rest can come back.
                continue;
            }
            assertThat(again).isEqualTo(decoded.message());
            if (java.util.Arrays.equals(encoded, decoded.octets())) {
                identical++;
            } else {
                assertThat(canonical(decoded)).as("message at offset %d is canonical but re-encodes differently",
                        decoded.offset()).isFalse();
            }
        }
        assertThat(identical).isPositive();
    }

    private static boolean hasAttributeErrors(BmpMessage message) {
        return message instanceof RouteMonitoring monitoring && !monitoring.update().pathAttributes().errors().isEmpty();
    }

    /**
     * Whether the encoder can reproduce the message octet for octet: true unless an UPDATE inside uses
     * an extended length where a short one fits or sets the Partial bit, both legal choices of the sender.
     */
    private static boolean canonical(BmpCaptures.Decoded decoded) {
        return !(decoded.message() instanceof RouteMonitoring) || CanonicalEncoding.isCanonicalUpdate(decoded.octets(),
                BmpMessage.COMMON_HEADER_LENGTH + PeerHeader.LENGTH);
    }

    @org.junit.jupiter.api.Test
    void initiationCarriesTheRouterNames() {
        InitiationMessage cisco = BmpCaptures.decode("201-BMP-CISCO-rd_instance.pcap").all(InitiationMessage.class).getFirst();

        assertThat(cisco.sysName()).contains("ipf-zbl1843-r-daisy-55");
        assertThat(cisco.sysDescr()).contains(" 7.4.1");
    }

    /**
     * Captures and pmacct's output for them. pmacct's 202 output also covers a third router whose capture
     * (traffic-00) is not in our test data, so only the routers replayed from traffic-01 and -02 are compared.
     */
    static Stream<Arguments> pmacctCases() {
        List<String> anyRouter = List.of();
        return Stream.of(
                Arguments.of(List.of("200-BMP-HUAWEI-locrib_instance.pcap"),
                        List.of("200-BMP-HUAWEI-locrib_instance.output-bmp-00.json"), anyRouter),
                Arguments.of(List.of("201-BMP-CISCO-rd_instance.pcap"), List.of("201-BMP-CISCO-rd_instance.output-bmp-00.json"),
                        anyRouter),
                Arguments.of(List.of("202-BMP-CISCO-HUAWEI-multiple-sources.traffic-01.pcap",
                                "202-BMP-CISCO-HUAWEI-multiple-sources.traffic-02.pcap"),
                        List.of("202-BMP-CISCO-HUAWEI-multiple-sources.output-bmp-00.json"),
                        List.of("192.168.100.2", "192.168.100.3")),
                Arguments.of(List.of("204-BMP-CISCO-peer_down.pcap"), List.of("204-BMP-CISCO-peer_down.output-bmp-00.json"),
                        anyRouter),
                Arguments.of(List.of("205-BMP-6wind-FRR-peer_down.pcap"), List.of("205-BMP-6wind-FRR-peer_down.output-bmp-00.json"),
                        anyRouter),
                Arguments.of(List.of("206-BMP-high-availability.pcap"), List.of("206-BMP-high-availability.output-bmp-00.json",
                        "206-BMP-high-availability.output-bmp-01.json"), anyRouter));
    }

    @ParameterizedTest
    @MethodSource("pmacctCases")
    void unicastRoutesAgreeWithPmacct(List<String> pcaps, List<String> outputs, List<String> routers) throws IOException {
        List<JsonNode> pmacct = pmacctLines(outputs, routers);
        List<String> ours = new ArrayList<>();
        List<String> ourWithdrawals = new ArrayList<>();
        Set<String> withdrawnUnseen = new HashSet<>();
        for (String pcap : pcaps) {
            Set<String> announced = new HashSet<>();
            for (RouteMonitoring monitoring : BmpCaptures.decode(pcap).all(RouteMonitoring.class)) {
                UpdateMessage update = monitoring.update();
                String peer = IpAddresses.format(monitoring.peer().peerAddress());
                for (Nlri route : update.announcedRoutes()) {
                    ours.add(describe(peer, route, update.pathAttributes()));
                    announced.add(peer + " " + route.prefix());
                }
                for (Nlri route : update.allWithdrawnRoutes()) {
                    String withdrawal = peer + " " + route.prefix();
                    ourWithdrawals.add(withdrawal);
                    if (!announced.contains(withdrawal)) {
                        withdrawnUnseen.add(withdrawal);
                    }
                }
            }
        }
        List<String> theirs = pmacct.stream().filter(line -> line.path("log_type").asText().equals("update") && isUnicast(line))
                .map(BmpCaptureTest::describe).toList();
        List<String> theirWithdrawals = pmacct.stream()
                .filter(line -> line.path("log_type").asText().equals("withdraw") && isUnicast(line))
                .map(line -> line.get("peer_ip").asText() + " " + line.get("ip_prefix").asText()).toList();

        assertThat(theirs).isNotEmpty();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
        // pmacct logs a withdrawal only for a route it holds, so it leaves out those never announced in the capture.
        assertThat(ourWithdrawals).containsAll(theirWithdrawals);
        List<String> notLogged = new ArrayList<>(ourWithdrawals);
        theirWithdrawals.forEach(notLogged::remove);
        assertThat(withdrawnUnseen).containsAll(notLogged);
    }

    @ParameterizedTest
    @MethodSource("pmacctCases")
    void peersAndEndOfRibMarkersAgreeWithPmacct(List<String> pcaps, List<String> outputs, List<String> routers)
            throws IOException {
        List<JsonNode> pmacct = pmacctLines(outputs, routers);
        List<String> ourPeers = new ArrayList<>();
        Set<String> ourEndOfRibs = new HashSet<>();
        for (String pcap : pcaps) {
            BmpCaptures.Session session = BmpCaptures.decode(pcap);
            for (PeerUpNotification up : session.all(PeerUpNotification.class)) {
                ourPeers.add(IpAddresses.format(up.peer().peerAddress()) + " AS" + up.peer().peerAs() + " id "
                        + IpAddresses.format(up.peer().peerBgpId()) + " local " + IpAddresses.format(up.localAddress())
                        + ":" + up.localPort() + " remote port " + up.remotePort());
            }
            for (RouteMonitoring monitoring : session.all(RouteMonitoring.class)) {
                monitoring.update().endOfRib().ifPresent(family -> ourEndOfRibs.add(
                        IpAddresses.format(monitoring.peer().peerAddress()) + " " + family));
            }
        }
        List<String> theirPeers = pmacct.stream().filter(line -> line.path("bmp_msg_type").asText().equals("peer_up"))
                .map(line -> line.get("peer_ip").asText() + " AS" + line.get("peer_asn").asLong() + " id "
                        + line.get("bgp_id").asText() + " local " + line.get("local_ip").asText() + ":"
                        + line.get("local_port").asInt() + " remote port " + line.get("remote_port").asInt())
                .toList();
        // Sets, not counts: the high-availability capture repeats Loc-RIB End-of-RIBs that pmacct's standby dropped.
        Set<String> theirEndOfRibs = pmacct.stream().filter(line -> line.path("log_type").asText().equals("end-of-rib"))
                .map(line -> line.get("peer_ip").asText() + " " + line.get("afi").asInt() + "/" + line.get("safi").asInt())
                .collect(Collectors.toSet());

        assertThat(ourPeers).containsExactlyInAnyOrderElementsOf(theirPeers);
        assertThat(ourEndOfRibs).isEqualTo(theirEndOfRibs);
    }

    @ParameterizedTest
    @MethodSource("pmacctCases")
    void statisticsAndPeerDownsAgreeWithPmacct(List<String> pcaps, List<String> outputs, List<String> routers)
            throws IOException {
        List<JsonNode> pmacct = pmacctLines(outputs, routers);
        List<String> ourCounters = new ArrayList<>();
        List<String> ourDowns = new ArrayList<>();
        for (String pcap : pcaps) {
            BmpCaptures.Session session = BmpCaptures.decode(pcap);
            for (StatisticsReport report : session.all(StatisticsReport.class)) {
                String peer = IpAddresses.format(report.peer().peerAddress());
                for (Statistic statistic : report.statistics()) {
                    ourCounters.add(peer + " " + statistic.type() + " = " + switch (statistic) {
                        case Statistic.Counter counter -> counter.value();
                        case Statistic.Gauge gauge -> gauge.value();
                        case Statistic.FamilyGauge gauge -> gauge.value() + " " + gauge.afiSafi();
                        // pmacct reads a vendor counter as a number too.
                        case Statistic.Unknown unknown -> new BigInteger(1, unknown.value().toByteArray());
                    });
                }
            }
            session.all(PeerDownNotification.class).forEach(down ->
                    ourDowns.add(IpAddresses.format(down.peer().peerAddress()) + " AS" + down.peer().peerAs() + " reason " + down.reason()));
        }
        List<String> theirCounters = pmacct.stream().filter(line -> line.path("bmp_msg_type").asText().equals("stats"))
                .map(line -> line.get("peer_ip").asText() + " " + line.get("counter_type").asInt() + " = "
                        + line.get("counter_value").asLong()
                        + (line.get("afi").isNull() ? "" : " " + line.get("afi").asInt() + "/" + line.get("safi").asInt()))
                .toList();
        List<String> theirDowns = pmacct.stream().filter(line -> line.path("bmp_msg_type").asText().equals("peer_down"))
                .map(line -> line.get("peer_ip").asText() + " AS" + line.get("peer_asn").asLong() + " reason "
                        + line.get("reason_type").asInt())
                .toList();

        assertThat(ourCounters).containsExactlyInAnyOrderElementsOf(theirCounters);
        assertThat(ourDowns).containsExactlyInAnyOrderElementsOf(theirDowns);
    }

    private static boolean isUnicast(JsonNode line) {
        return line.get("safi").asInt() == 1;
    }

    private static String describe(String peer, Nlri route, PathAttributes attributes) {
        String nextHop = attributes.mpReachNlri().flatMap(MpReachNlri::nextHopAddress)
                .or(() -> attributes.nextHop().map(NextHop::address))
                .map(IpAddresses::format).orElse("0.0.0.0");
        // pmacct lists communities in numeric order, not wire order.
        String communities = attributes.communities().map(c -> c.values().stream()
                .sorted((a, b) -> Integer.compareUnsigned(a.value(), b.value()))
                .map(Communities.Community::toString).collect(Collectors.joining(" "))).orElse("");
        String origin = attributes.origin().map(o -> switch (o.value()) {
            case 0 -> "i";
            case 1 -> "e";
            default -> "u";
        }).orElse("-");
        return peer + " " + route.prefix() + " path [" + attributes.asPath().map(AsPath::toString).orElse("") + "] via "
                + withoutMappedPrefix(nextHop) + " comms [" + communities + "] origin " + origin;
    }

    private static String describe(JsonNode line) {
        return line.get("peer_ip").asText() + " " + line.get("ip_prefix").asText() + " path [" + words(line.get("as_path"))
                + "] via " + withoutMappedPrefix(line.get("bgp_nexthop").asText()) + " comms [" + words(line.get("comms"))
                + "] origin " + line.get("origin").asText();
    }

    /** pmacct writes lists as JSON arrays or as space-separated strings, depending on its configuration. */
    private static String words(JsonNode list) {
        if (list == null || list.isNull()) {
            return "";
        }
        if (!list.isArray()) {
            return list.asText();
        }
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return String.join(" ", items);
    }

    /** pmacct shows a 4-octet MP next hop as IPv4-mapped IPv6; both name the same IPv4 next hop. */
    private static String withoutMappedPrefix(String address) {
        return address.startsWith("::ffff:") && address.indexOf('.') > 0 ? address.substring(7) : address;
    }

    private static List<JsonNode> pmacctLines(Collection<String> outputs, List<String> routers) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String output : outputs) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(TestData.open("bmp/pmacct/" + output),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        JsonNode json = JSON.readTree(line);
                        if (routers.isEmpty() || routers.contains(json.path("bmp_router").asText())) {
                            lines.add(json);
                        }
                    }
                }
            }
        }
        return lines;
    }
}
