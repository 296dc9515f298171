package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every traceroute and tracepath output from jc's test fixtures, parsed by us and compared field
 * by field with jc's own expected parse (jc's schema, not ours): hop numbers, each answered
 * probe's address, RTT, name, ASN and annotation, the unanswered probes, and the destination.
 *
 * <p>Where the two schemas say the same thing differently the comparison translates (jc repeats
 * the address as the name when there is no reverse name; we leave hostname empty). Where jc is
 * lossy or wrong, the expected value here is the correct one, with the reason beside it.
 */
class JcReferenceTest {

    static Stream<String> outputs() {
        return TestData.outputs().stream().filter(p -> p.startsWith("traceroute/jc/"));
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void agreesWithJc(String output) throws IOException {
        JsonNode jc = Json.mapper().readTree(TestData.text(output.replace(".out", ".json")));
        Trace trace = TestData.parse(output);
        if (TestData.formatOf(output).equals(TracepathParser.FORMAT)) {
            compareTracepath(output, jc, trace);
        } else {
            compareTraceroute(output, jc, trace);
        }
    }

    private static void compareTraceroute(String output, JsonNode jc, Trace trace) {
        assertThat(trace.targetAddress()).as("destination_ip").isEqualTo(textOrNull(jc, "destination_ip"));
        String jcName = textOrNull(jc, "destination_name");
        if (jcName != null) {
            assertThat(trace.targetHost()).as("destination_name").isEqualTo(jcName);
        }
        List<Integer> jcHops = new ArrayList<>();
        jc.get("hops").forEach(h -> jcHops.add(h.get("hop").asInt()));
        assertThat(trace.hops()).extracting(Hop::ttl).as("hop numbers").containsExactlyElementsOf(jcHops);
        Map<Integer, Integer> stars = starsPerHop(TestData.text(output));
        for (JsonNode jcHop : jc.get("hops")) {
            int ttl = jcHop.get("hop").asInt();
            Hop hop = TestData.hop(trace, ttl);
            Map<String, List<Double>> jcRtts = new HashMap<>();
            for (JsonNode probe : jcHop.get("probes")) {
                String ip = textOrNull(probe, "ip");
                String name = textOrNull(probe, "name");
                // jc drops the address it cannot read ("Internal (Internal)" in generic__traceroute5, a redacted
                // sample): the probe was answered, by a responder whose address was not printed, named "Internal".
                String address = ip != null ? ip : Addresses.NOT_PRINTED_V4;
                if (ip == null) {
                    assertThat(output).endsWith("generic__traceroute5.out");
                    name = "Internal";
                }
                Responder r = hop.responders().stream()
                        .filter(x -> x.address().equals(address))
                        .findFirst().orElseThrow(() -> new AssertionError("hop " + ttl + ": no responder " + address));
                assertThat(r.hostname()).as("hop %d %s hostname", ttl, address).isEqualTo(name == null || name.equals(ip) ? null : name);
                Long jcAsn = probe.get("asn").isNull() ? null : probe.get("asn").asLong();
                assertThat(r.asn()).as("hop %d %s asn", ttl, address).isEqualTo(jcAsn);
                String annotation = textOrNull(probe, "annotation");
                if (annotation != null) {
                    // Our annotations are per responder, jc's per probe: the probe's must be among its responder's.
                    assertThat(r.annotations()).as("hop %d %s annotations", ttl, address).contains(annotation);
                }
                jcRtts.computeIfAbsent(address, a -> new ArrayList<>()).add(probe.get("rtt").asDouble());
            }
            for (Responder r : hop.responders()) {
                if (r.isNoReply()) {
                    assertThat(r.sent()).as("hop %d unanswered probes", ttl).isEqualTo(stars.get(ttl));
                    assertThat(r.received()).isZero();
                    assertThat(r.lossPercent()).isEqualTo(100.0);
                } else {
                    assertThat(r.samples()).as("hop %d %s RTTs in probe order", ttl, r.address())
                            .containsExactlyElementsOf(jcRtts.get(r.address()));
                    assertThat(r.sent()).isEqualTo(r.received()).isEqualTo(r.samples().size());
                }
            }
            assertThat(hop.responders().stream().anyMatch(Responder::isNoReply))
                    .as("hop %d has a no-reply responder", ttl).isEqualTo(stars.getOrDefault(ttl, 0) > 0);
            assertThat(hop.received()).as("hop %d answered probes", ttl).isEqualTo(jcHop.get("probes").size());
        }
    }

    /**
     * jc lists every tracepath line as a hop entry; we fold a TTL's lines into one hop. jc keeps the
     * [LOCALHOST] line as a hop, but it is the local stack reporting the first-hop MTU, not a reply
     * from the path, so it is no responder here; its pmtu still counts. A reply that comes after
     * "no reply" for its TTL (the ~12 s replies at TTL 3 in the CentOS sample) answers one of the
     * three probes counted as lost, so that TTL is left with fewer (here no) unanswered probes.
     */
    private static void compareTracepath(String output, JsonNode jc, Trace trace) {
        assertThat(trace.pathMtu()).as("pmtu").isEqualTo(jc.get("pmtu").asInt());
        Map<Integer, List<Double>> rtts = new HashMap<>();
        Map<Integer, Integer> noReply = new HashMap<>();
        Map<Integer, Integer> lateReplies = new HashMap<>();
        boolean jcReached = false;
        for (JsonNode entry : jc.get("hops")) {
            int ttl = entry.get("ttl").asInt();
            String host = textOrNull(entry, "host");
            if ("[LOCALHOST]".equals(host)) {
                continue;
            }
            if (host == null) {
                noReply.merge(ttl, 3, Integer::sum);
                continue;
            }
            if (noReply.containsKey(ttl)) {
                lateReplies.merge(ttl, 1, Integer::sum);
            }
            rtts.computeIfAbsent(ttl, t -> new ArrayList<>()).add(entry.get("reply_ms").asDouble());
            jcReached |= entry.get("reached").asBoolean();
            Responder r = trace.hops().stream().filter(h -> h.ttl() == ttl).flatMap(h -> h.responders().stream())
                    .filter(x -> host.equals(x.address()) || host.equals(x.hostname())).findFirst()
                    .orElseThrow(() -> new AssertionError("TTL " + ttl + ": no responder " + host));
            if (!Addresses.isAddress(host)) {
                // tracepath without -n prints only the name: the address was not printed.
                assertThat(r.address()).isIn(Addresses.NOT_PRINTED_V4, Addresses.NOT_PRINTED_V6);
            }
            if (!entry.get("pmtu").isNull()) {
                assertThat(r.annotations()).as("TTL %d frag-needed", ttl).contains("!F-" + entry.get("pmtu").asInt());
            }
        }
        assertThat(trace.destinationReached()).isEqualTo(jcReached);
        for (Hop hop : trace.hops()) {
            List<Double> ours = hop.responders().stream().flatMap(r -> r.samples().stream()).toList();
            assertThat(ours).as("TTL %d RTTs", hop.ttl()).containsExactlyInAnyOrderElementsOf(rtts.getOrDefault(hop.ttl(), List.of()));
            int lost = noReply.getOrDefault(hop.ttl(), 0) - lateReplies.getOrDefault(hop.ttl(), 0);
            assertThat(hop.sent() - hop.received()).as("TTL %d unanswered", hop.ttl()).isEqualTo(Math.max(0, lost));
        }
        assertThat(trace.hops().stream().map(Hop::ttl).toList()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(rtts.keySet().stream(), noReply.keySet().stream()).distinct().toList());
    }

    /** The '*' (no reply) tokens per hop in the traceroute text, continuation lines counted with their hop. */
    private static Map<Integer, Integer> starsPerHop(String text) {
        Map<Integer, Integer> stars = new HashMap<>();
        int hop = 0;
        for (String line : text.split("\n")) {
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length == 0 || line.startsWith("traceroute")) {
                continue;
            }
            if (tokens[0].matches("\\d+")) {
                hop = Integer.parseInt(tokens[0]);
            }
            for (String token : tokens) {
                if (token.equals("*")) {
                    stars.merge(hop, 1, Integer::sum);
                }
            }
        }
        return stars;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
