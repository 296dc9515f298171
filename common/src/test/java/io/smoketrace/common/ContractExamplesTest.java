package io.smoketrace.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.smoketrace.common.serde.ContractValidator;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each topic's documented example passes its schema and survives a trip through the Java record unchanged. */
class ContractExamplesTest {

    static Stream<TopicSpec> topics() {
        return Topics.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void exampleIsValid(TopicSpec topic) throws IOException {
        JsonNode example = example(topic);
        assertThat(ContractValidator.get().violations(topic.name(), example)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void exampleRoundTripsThroughTheRecord(TopicSpec topic) throws IOException {
        JsonNode example = example(topic);
        TopicCodec<?> codec = TopicCodec.of(topic.valueType());
        Object record = codec.decode(Json.mapper().writeValueAsBytes(example));
        assertThat(record).isInstanceOf(topic.valueType());

        JsonNode again = Json.mapper().readTree(encode(codec, record));
        assertThat(again.equals(NUMERIC_VALUE, example))
                .as("re-encoded %s equals the example%n  example: %s%n  again:   %s", topic.name(), example, again)
                .isTrue();
        assertThat(codec.decode(encode(codec, record))).isEqualTo(record);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(TopicCodec<T> codec, Object record) {
        return codec.encode((T) record);
    }

    /** JSON numbers compare by value: 0 and 0.0 are the same RTT. */
    private static final Comparator<JsonNode> NUMERIC_VALUE = (a, b) -> {
        if (a instanceof NumericNode x && b instanceof NumericNode y) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    static JsonNode example(TopicSpec topic) throws IOException {
        try (InputStream in = ContractExamplesTest.class.getResourceAsStream("/examples/" + topic.schemaName() + ".json")) {
            assertThat(in).as("example for %s", topic.name()).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}
