package io.smoketrace.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.serde.Violation;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken records are refused with a message that names the offending field. */
class ContractViolationsTest {

    /** topic, JSON pointer to change, new value as JSON ("<remove>" deletes it), the field the error must name. */
    static Stream<Arguments> brokenRecords() {
        return Stream.of(
                Arguments.of(Topics.TRACES, "/agentId", "<remove>", "agentId"),
                Arguments.of(Topics.TRACES, "/hops/1/responders/0/sent", "-1", "hops[1].responders[0].sent"),
                Arguments.of(Topics.TRACES, "/hops/0/ttl", "0", "hops[0].ttl"),
                Arguments.of(Topics.TRACES, "/hops/2/responders/0/address", "\"not-an-ip\"", "hops[2].responders[0].address"),
                Arguments.of(Topics.TRACES, "/hops/1/responders/1/received", "2", "hops[1].responders[1].received"),
                Arguments.of(Topics.TRACES, "/status", "\"ERROR\"", "error"),
                Arguments.of(Topics.TRACES, "/hops/0/responders/0/annotations", "[\"H\"]", "hops[0].responders[0].annotations[0]"),
                Arguments.of(Topics.TRACES, "/hops/0/responders/0/mpls", "[{\"label\":2000000,\"trafficClass\":0,\"bottomOfStack\":true,\"ttl\":1}]", "hops[0].responders[0].mpls[0].label"),
                Arguments.of(Topics.TRACES, "/flow/sourcePort", "70000", "flow.sourcePort"),
                Arguments.of(Topics.TRACES, "/colour", "\"blue\"", "colour"),
                Arguments.of(Topics.TARGETS, "/targetId", "\"has space\"", "targetId"),
                Arguments.of(Topics.TARGETS, "/protocol", "\"TCP\"", "port"),
                Arguments.of(Topics.TARGETS, "/intervalSeconds", "1", "intervalSeconds"),
                Arguments.of(Topics.TARGETS, "/thresholds/lossPercent", "150", "thresholds.lossPercent"),
                Arguments.of(Topics.AGENTS, "/coordinates/latitude", "91", "coordinates.latitude"),
                Arguments.of(Topics.BGP_UPDATES, "/attributes", "<remove>", "attributes"),
                Arguments.of(Topics.BGP_UPDATES, "/prefix", "\"203.0.113.0\"", "prefix"),
                Arguments.of(Topics.BGP_UPDATES, "/attributes/largeCommunities/0", "\"1:2\"", "attributes.largeCommunities[0]"),
                Arguments.of(Topics.BGP_RIB, "/peer/asn", "4294967296", "peer.asn"),
                Arguments.of(Topics.BGP_PEERS, "/state", "\"HAPPY\"", "state"),
                Arguments.of(Topics.PATH_EVENTS, "/type", "\"SOMETHING_CHANGED\"", "type"),
                Arguments.of(Topics.PATH_EVENTS, "/verdict/judgement", "\"MEH\"", "verdict.judgement"),
                Arguments.of(Topics.PATH_EVENTS, "/before/hops/0/responders/0/addressClass", "<remove>", "before.hops[0].responders[0].addressClass"),
                Arguments.of(Topics.ALERTS, "/alerts", "[]", "alerts"),
                Arguments.of(Topics.DEAD_LETTER, "/reason", "\"\"", "reason"));
    }

    @ParameterizedTest(name = "{0} {1} = {2} -> {3}")
    @MethodSource("brokenRecords")
    void violationNamesTheField(String topic, String pointer, String value, String field) throws Exception {
        JsonNode record = ContractExamplesTest.example(Topics.spec(topic)).deepCopy();
        mutate(record, pointer, value);

        TopicCodec<?> codec = TopicCodec.of(Topics.spec(topic).valueType());
        byte[] bytes = Json.mapper().writeValueAsBytes(record);
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(ContractViolationException.class)
                .satisfies(e -> assertThat(((ContractViolationException) e).violations())
                        .extracting(Violation::field)
                        .contains(field))
                .hasMessageContaining(field);
    }

    @Test
    void notJsonAtAllIsAContractViolation() {
        TopicCodec<Trace> codec = TopicCodec.of(Trace.class);
        assertThatThrownBy(() -> codec.decode("{\"formatVersion\": 1, ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aTraceWithoutHopsIsValidButAHopWithoutRespondersIsNot() throws Exception {
        ObjectNode trace = (ObjectNode) ContractExamplesTest.example(Topics.spec(Topics.TRACES)).deepCopy();
        trace.putArray("hops");
        trace.put("status", "UNREACHED").put("destinationReached", false);
        assertThat(TopicCodec.of(Trace.class).decode(Json.mapper().writeValueAsBytes(trace)).hops()).isEmpty();

        trace.withArray("hops").addObject().put("ttl", 1).putArray("responders");
        assertThatThrownBy(() -> TopicCodec.of(Trace.class).decode(Json.mapper().writeValueAsBytes(trace)))
                .hasMessageContaining("hops[0].responders");
    }

    private static void mutate(JsonNode root, String pointer, String value) throws Exception {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), Json.mapper().readTree(value));
        } else if ("<remove>".equals(value)) {
            ((ObjectNode) parent).remove(name);
        } else {
            ((ObjectNode) parent).set(name, Json.mapper().readTree(value));
        }
    }
}
