package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.infra.SmokeTraceInfra;
import io.smoketrace.ui.fake.FakeServices;
import io.smoketrace.ui.fake.Lab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The overview matrix, a target's page (path graph, hop table, smoke charts, change timeline) and the
 * BGP page, against analyzer answers served over real HTTP by {@link FakeServices}, and what they show
 * when the analyzer does not answer.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(FakeServices.class)
class PathPagesTest {

    private static final String TARGET = "lab-web-" + ThreadLocalRandom.current().nextInt(1000, 9999);

    @AfterEach
    void servicesUp() {
        Lab.servicesDown(false);
    }

    @Test
    void overviewColoursEachTargetAndAgentByItsState() {
        Lab.addTarget(TARGET, 8);
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        String page = viewer.request().get("/").then().statusCode(200).extract().asString();
        assertThat(cell(page, "fra1")).contains("cell-path-changed", "path changed", "20 min ago");
        assertThat(cell(page, "ams1")).contains("cell-worse", "worse");
        assertThat(cell(page, "nyc1")).contains("cell-ok");
        assertThat(page).contains("id=\"row-" + TARGET + "\"", "www.example.net", "<option>web</option>", "<option>ams</option>");

        String worse = viewer.request().queryParam("state", "worse").get("/").then().statusCode(200).extract().asString();
        assertThat(worse).contains("id=\"row-" + TARGET + "\"");
        String unreachable = viewer.request().queryParam("state", "unreachable").get("/").then().statusCode(200).extract()
                .asString();
        assertThat(unreachable).doesNotContain("id=\"row-" + TARGET + "\"");
        String ams = viewer.request().queryParam("site", "ams").get("/").then().statusCode(200).extract().asString();
        assertThat(ams).contains("id=\"cell-" + TARGET + "-ams1\"").doesNotContain("id=\"cell-" + TARGET + "-fra1\"");
        String otherTag = viewer.request().queryParam("tag", "no-such-tag").get("/").then().statusCode(200).extract().asString();
        assertThat(otherTag).contains("No target matches this filter");
    }

    @Test
    void targetPageDrawsThePathTheHopsTheSmokeAndTheTimeline() {
        Lab.addTarget(TARGET, 8);
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        String page = viewer.request().get("/paths/" + TARGET).then().statusCode(200).extract().asString();
        String fra = panel(page, "fra1");
        // The path graph: every TTL, the load-balanced TTL 4 side by side, the silent TTL 5, AS boundaries.
        assertThat(count(fra, "<g class=\"hop")).isEqualTo(9);
        assertThat(fra).contains("data-address=\"198.51.100.4\"", "data-address=\"198.51.100.5\"", "* no reply",
                "AS64500 \u2192 AS64510", "AS64510 \u2192 AS64520", "r3.as64500.example.net", "private address",
                "AS64520 \u00b7 203.0.113.0/24");
        // The hop table of the latest trace, with every RTT statistic.
        assertThat(fra).contains("<code>192.0.2.66</code>", "10.0</td>", "13.0</td>", "12.6</td>", "14.1</td>", "0.3</td>");
        // The smoke chart of the destination: one bucket per 5 minutes over a day, medians coloured by loss.
        String smoke = between(fra, "id=\"smoke-fra1\"", "</svg>");
        assertThat(count(smoke, "class=\"median loss-")).isBetween(287, 289);
        assertThat(smoke).contains("class=\"median loss-none\"", "class=\"band inner\"", "class=\"median-line\"");
        // The timeline: fra1's path change with its before/after and the BGP update that explains it.
        assertThat(page).contains("IP_PATH_CHANGED", "192.0.2.6", "class=\"changed\"", "64999 64510 64520",
                "LATENCY_INCREASED", "destination_rtt_ms: 45.0 ms against a baseline of 30.0 ms");

        String threeHours = viewer.request().queryParam("range", "3h").queryParam("hop", 6).get("/paths/" + TARGET)
                .then().statusCode(200).extract().asString();
        assertThat(count(between(threeHours, "id=\"smoke-nyc1\"", "</svg>"), "class=\"median loss-")).isBetween(179, 181);
        assertThat(threeHours).contains("id=\"hop-smoke-nyc1\"", "Hop 6 (3h)");

        viewer.request().queryParam("hop", 0).get("/paths/" + TARGET).then().statusCode(400);
        viewer.request().get("/paths/no-such-target-anywhere").then().statusCode(404);
    }

    @Test
    void bgpPageLooksUpAddressesAndPrefixesAndListsPeers() throws Exception {
        Lab.addTarget(TARGET, 8);
        String peerId = "bgp:198.18.0." + ThreadLocalRandom.current().nextInt(1, 250);
        PeerState peer = new PeerState(PeerState.FORMAT_VERSION, "collector-1",
                new PeerRef(peerId, peerId.substring(4), 64999, null, null, null, PeerRef.RibView.ADJ_RIB_IN),
                PeerState.PeerKind.BGP_SESSION, PeerState.SessionState.ESTABLISHED, Instant.now().minusSeconds(3600),
                "OPEN confirmed", 64512L, 90, List.of("4-octet-as"), 1200, 34, Instant.now());
        TopicCodec<PeerState> codec = TopicCodec.of(PeerState.class);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SmokeTraceInfra.kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BGP_PEERS, null, peerId, codec.encode(peer),
                    CloudEventHeaders.create(codec.spec(), "/smoketrace/bgp-collector"))).get();
        }
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(viewer.request().get("/bgp").then()
                .statusCode(200).extract().asString()).contains("id=\"peer-" + peerId + "\"", "ESTABLISHED", "1200"));

        String lookup = viewer.request().queryParam("q", "203.0.113.10").get("/bgp").then().statusCode(200).extract().asString();
        assertThat(lookup).contains("covered by <strong>203.0.113.0/24</strong>", "64999 64510 64520", "64998 64520",
                "class=\"best\"");
        assertThat(between(lookup, "id=\"route-history\"", "</table>")).contains("ANNOUNCE", "bgp:192.0.2.254");
        assertThat(viewer.request().queryParam("q", "203.0.113.0/24").get("/bgp").then().statusCode(200).extract().asString())
                .contains("id=\"lookup-result\"");

        for (String bad : List.of("www.example.net", "203.0.113.0/33", "2001:db8::/129", "1.2.3")) {
            String refused = viewer.request().queryParam("q", bad).get("/bgp").then().statusCode(422).extract().asString();
            assertThat(refused).contains("id=\"error-q\"").doesNotContain("id=\"lookup-result\"");
        }
    }

    @Test
    void pagesSayWhenTheAnalyzerOrTheAlertingServiceDoesNotAnswer() {
        Lab.addTarget(TARGET, 8);
        Lab.servicesDown(true);
        ConsoleUser viewer = ConsoleUser.login("viewer", "viewer-secret");
        assertThat(viewer.request().get("/").then().statusCode(200).extract().asString())
                .contains("id=\"analyzer-unreachable\"", "path-analyzer answered GET /api/targets with HTTP 503",
                        "id=\"count-targets\"");
        assertThat(viewer.request().get("/paths/" + TARGET).then().statusCode(200).extract().asString())
                .contains("id=\"analyzer-unreachable\"");
        assertThat(viewer.request().queryParam("q", "192.0.2.1").get("/bgp").then().statusCode(200).extract().asString())
                .contains("id=\"analyzer-unreachable\"");
        assertThat(viewer.request().get("/alerts").then().statusCode(200).extract().asString())
                .contains("id=\"alerting-unreachable\"", "alerting-service answered");
    }

    /** One matrix cell of the test's target. */
    private static String cell(String page, String agentId) {
        return between(page, "id=\"cell-" + TARGET + "-" + agentId + "\"", "</td>");
    }

    private static String panel(String page, String agentId) {
        return between(page, "id=\"agent-" + agentId + "\"", "</section>");
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as(end + " after " + start).isPositive();
        return text.substring(from, to);
    }

    static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
