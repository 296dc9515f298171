package io.smoketrace.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.agent.parse.TestData;
import io.smoketrace.common.serde.ContractValidator;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.topic.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code probe-agent parse} on every test output, and its handling of bad command lines and bad input. */
class ParseCommandTest {

    static Stream<String> outputs() {
        return TestData.outputs().stream();
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void printsOneSchemaValidTraceJsonPerLine(String output) throws IOException {
        Run run = run(new ByteArrayInputStream(new byte[0]), "--format", TestData.formatOf(output), TestData.path(output).toString());
        assertThat(run.status).as(run.err).isEqualTo(ParseCommand.OK);
        assertThat(run.lines()).isNotEmpty();
        for (JsonNode trace : run.traces()) {
            assertThat(ContractValidator.get().violations(Topics.TRACES, trace)).isEmpty();
            assertThat(trace.get("agentId").asText()).isIn("import", "ripe-atlas-6001", "ripe-atlas-6002", "ripe-atlas-6003");
        }
        Run auto = run(new ByteArrayInputStream(new byte[0]), "--format", "auto", TestData.path(output).toString());
        assertThat(auto.status).isEqualTo(ParseCommand.OK);
        assertThat(auto.traces().getFirst().get("traceId")).isEqualTo(run.traces().getFirst().get("traceId"));
    }

    @Test
    void reimportingTheSameBytesGivesTheSameTraceIds() throws IOException {
        byte[] bytes = TestData.text("handmade/ripe_atlas_results.json").getBytes(StandardCharsets.UTF_8);
        List<String> first = ids(run(new ByteArrayInputStream(bytes), "--format", "ripe-atlas"));
        List<String> again = ids(run(new ByteArrayInputStream(bytes), "--format", "ripe-atlas", "-"));
        assertThat(first).hasSize(3).doesNotHaveDuplicates().isEqualTo(again);
        byte[] other = TestData.text("handmade/ripe_atlas_results.json").replace("5001", "5009").getBytes(StandardCharsets.UTF_8);
        assertThat(ids(run(new ByteArrayInputStream(other), "--format", "ripe-atlas"))).doesNotContainAnyElementsOf(first);
    }

    @Test
    void agentTargetAndTargetHostAreApplied() throws IOException {
        Run run = run(new ByteArrayInputStream(TestData.text("mtr/lab-generated/mtr_v4_report_n_c20.txt").getBytes(StandardCharsets.UTF_8)),
                "--format", "mtr-report", "--agent", "lab-h1", "--target", "h2", "--target-host", "203.0.113.10");
        JsonNode trace = run.traces().getFirst();
        assertThat(trace.get("agentId").asText()).isEqualTo("lab-h1");
        assertThat(trace.get("targetId").asText()).isEqualTo("h2");
        assertThat(trace.get("targetAddress").asText()).isEqualTo("203.0.113.10");
        assertThat(trace.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(trace.get("startedAt").asText()).isEqualTo("2026-11-21T07:26:58Z");
    }

    @Test
    void unparseableInputPrintsTheErrorTraceAndExitsOne() throws IOException {
        Run run = run(new ByteArrayInputStream("Segmentation fault\n".getBytes(StandardCharsets.UTF_8)), "--format", "traceroute");
        assertThat(run.status).isEqualTo(ParseCommand.PARSE_FAILURE);
        JsonNode trace = run.traces().getFirst();
        assertThat(trace.get("status").asText()).isEqualTo("ERROR");
        assertThat(trace.get("error").get("stage").asText()).isEqualTo("PARSE");
        assertThat(trace.get("raw").get("text").asText()).isEqualTo("Segmentation fault\n");
        assertThat(ContractValidator.get().violations(Topics.TRACES, trace)).isEmpty();
        assertThat(run.err).contains("line 1");
    }

    @Test
    void badCommandLinesExitTwo() throws IOException {
        InputStream none = new ByteArrayInputStream(new byte[0]);
        assertThat(run(none).status).isEqualTo(ParseCommand.USAGE);
        assertThat(run(none, "--format").status).isEqualTo(ParseCommand.USAGE);
        assertThat(run(none, "--format", "pcap").err).contains("unknown format 'pcap'");
        assertThat(run(none, "--format", "mtr-json", "--agent", "has space").status).isEqualTo(ParseCommand.USAGE);
        assertThat(run(none, "--format", "mtr-json", "--bogus").status).isEqualTo(ParseCommand.USAGE);
        assertThat(run(none, "--format", "mtr-json", "a", "b").status).isEqualTo(ParseCommand.USAGE);
        Run missing = run(none, "--format", "mtr-json", "/nonexistent/run.json");
        assertThat(missing.status).isEqualTo(ParseCommand.USAGE);
        assertThat(missing.err).contains("no such file");
        Run help = run(none, "--help");
        assertThat(help.status).isEqualTo(ParseCommand.OK);
        assertThat(help.out).contains("mtr-json", "scamper-json", "ripe-atlas", "tracepath");
    }

    @Test
    void agentCommandsDispatchesParse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] input = TestData.text("lab/tracepath_n.out").getBytes(StandardCharsets.UTF_8);
        int status = AgentCommands.run(new String[] {"parse", "--format", "tracepath"}, new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(ParseCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"targetAddress\":\"192.0.2.10\"");
        assertThat(AgentCommands.isCommand(new String[] {"parse"})).isTrue();
        assertThat(AgentCommands.isCommand(new String[0])).isFalse();
        assertThat(AgentCommands.run(new String[] {"serve"}, InputStream.nullInputStream(), System.out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(ParseCommand.USAGE);
    }

    private static List<String> ids(Run run) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode trace : run.traces()) {
            ids.add(trace.get("traceId").asText());
        }
        return ids;
    }

    private static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ParseCommand.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {

        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }

        List<JsonNode> traces() throws IOException {
            List<JsonNode> traces = new ArrayList<>();
            for (String line : lines()) {
                traces.add(Json.mapper().readTree(line));
            }
            return traces;
        }
    }
}
