package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test output parses in its format without error, meets the trace schema, and is recognised by --format auto. */
class AllOutputsTest {

    static Stream<String> outputs() {
        return TestData.outputs().stream();
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void parsesIntoSchemaValidTraces(String output) {
        List<Trace> traces = TestData.parseAll(output, TestData.context());
        assertThat(traces).isNotEmpty();
        for (Trace trace : traces) {
            if (trace.status() == TraceStatus.ERROR) {
                // Only a RIPE Atlas probe's own failure is an ERROR here, never a parse failure.
                assertThat(trace.error().message()).startsWith("RIPE Atlas probe:");
            }
            assertThat(trace.tool().format()).isEqualTo(TestData.formatOf(output));
            assertThat(trace.hops()).extracting(h -> h.ttl()).isSorted().doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void autoRecognisesTheFormat(String output) {
        String expected = TestData.formatOf(output);
        // -r and -w print the same layout: auto reads both as mtr-report.
        String recognisedAs = MtrReportParser.WIDE.equals(expected) ? MtrReportParser.REPORT : expected;
        assertThat(TraceParsers.standard().recognise(TestData.text(output))).contains(recognisedAs);
    }
}
