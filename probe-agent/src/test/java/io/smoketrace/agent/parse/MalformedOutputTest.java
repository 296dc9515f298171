package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output that cannot be read becomes one ERROR trace at stage PARSE whose message says where and
 * what, with the raw output kept: one case per kind of breakage, and a fuzz pass showing no input
 * makes a parser throw or produce a trace the schema rejects.
 */
class MalformedOutputTest {

    private static final String CORRUPTIONS = "*!()<>[]:.,-x9 \n%\"{}";

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("traceroute", "", "the output is empty"),
                Arguments.of("mtr-json", "", "the output is empty"),
                Arguments.of("mtr-raw", "", "the output is empty"),
                Arguments.of("traceroute", "   \n\n", "the output is empty"),
                Arguments.of("traceroute", "Segmentation fault\n", "line 1: not a traceroute header or hop line"),
                Arguments.of("traceroute", "traceroute to a (192.0.2.1), 30 hops max, 60 byte packets\n", "no hop lines"),
                Arguments.of("traceroute", " 1  192.0.2.1  abc ms  0.2 ms\n", "line 1: RTT 'abc' is not a number"),
                Arguments.of("traceroute", " 1  192.0.2.1  0.1 ms\n 3  192.0.2.3  0.3 ms\n 2  192.0.2.2  0.2 ms\n",
                        "line 3: hop 2 follows hop 3; hop numbers must increase"),
                Arguments.of("traceroute", " 1  192.0.2.1  0.1 ms\n 1  192.0.2.1  0.1 ms\n", "hop 1 follows hop 1"),
                Arguments.of("traceroute", " 1  0.4 ms  192.0.2.1\n", "line 1: RTT before any responder address"),
                Arguments.of("traceroute", " 1  192.0.2.1  0.4 ms !?\n", "unknown annotation '!?'"),
                Arguments.of("traceroute", " 1  router  0.4 ms\n", "unexpected 'router'"),
                Arguments.of("traceroute", " 1  192.0.2.1 <MPLS:L=x,E=0,S=1,T=1>  0.4 ms\n", "MPLS L 'x' is not a whole number"),
                Arguments.of("traceroute", " 1  192.0.2.1  [AS99999999999]  0.4 ms\n", "not a 32-bit AS number"),
                Arguments.of("traceroute", " 300  192.0.2.1  0.4 ms\n", "hop number 300 is outside 1-255"),
                Arguments.of("tracepath", " 1:  192.0.2.1  fast\n", "line 1: unexpected 'fast'"),
                Arguments.of("tracepath", "hello\n", "line 1: not a tracepath line"),
                Arguments.of("tracepath", " 1?: [LOCALHOST] pmtu 9\n", "pmtu 9 is outside 68-65535"),
                Arguments.of("mtr-report", "HOST: vm Loss% Snt\n  1.|-- 192.0.2.1 zero% 10\n", "line 2: Loss% 'zero%' is not a number"),
                Arguments.of("mtr-report", "HOST: vm Loss% Snt Pkts\n", "unknown mtr column 'Pkts'"),
                Arguments.of("mtr-report", "  1.|-- 192.0.2.1 0.0% 10\n", "line 1: hop row before the HOST: header"),
                Arguments.of("mtr-report", "HOST: vm Loss% Snt\n  1.|-- 192.0.2.1 0.0%\n", "expected a host and 2 columns"),
                Arguments.of("mtr-report", "HOST: vm Loss% Snt Rcv\n  1.|-- 192.0.2.1 0.0% 10 11\n", "11 replies to 10 probes"),
                Arguments.of("mtr-csv", "Mtr_Version,Start_Time,Status,Host,Hop,Ip,Loss%,Snt,\nMTR.0.95,1,OK,h,1,192.0.2.1,0.00\n",
                        "line 2: has 7 fields, the header names 8"),
                Arguments.of("mtr-csv", "MTR.0.95,1,OK,h,1,192.0.2.1,0.00,10\n", "line 1: data row before the Mtr_Version header"),
                Arguments.of("mtr-json", "{\"report\": {\"mtr\": {\"dst\": \"192.0.2.9\"}, \"hubs\": [{\"count\": 1, \"host\"",
                        "JSON line 1"),
                Arguments.of("mtr-json", "{\"report\": {\"mtr\": {}, \"hubs\": [{\"count\": 1, \"host\": \"192.0.2.1\", \"Snt\": \"ten\"}]}}",
                        "report.hubs[0]: Snt 'ten' is not a number"),
                Arguments.of("mtr-json", "{\"report\": {\"mtr\": {}, \"hubs\": [{\"host\": \"192.0.2.1\"}]}}", "report.hubs[0]: missing 'count'"),
                Arguments.of("mtr-json", "[1, 2]", "[0]: missing 'report'"),
                Arguments.of("mtr-xml", "<MTR DST=\"192.0.2.9\"><HUB COUNT=\"1\" HOST=\"192.0.2.1\"><Snt>10</Snt>", "XML line 1"),
                Arguments.of("mtr-xml", "<?xml version=\"1.0\"?><!DOCTYPE MTR [<!ENTITY x \"y\">]><MTR/>", "DOCTYPE"),
                Arguments.of("mtr-raw", "p 0 64 1\n", "line 1: reply at position 0 before any h line names its address"),
                Arguments.of("mtr-raw", "x 0 1\nh 0 not-an-address\n", "line 2: 'not-an-address' is not an address"),
                Arguments.of("mtr-raw", "x 0 1\nq 0 1\n", "line 2: unknown mtr raw line type 'q'"),
                Arguments.of("scamper-json", "{\"type\":\"trace\", \"method\":\"udp-paris\", \"dst\":\"192.0.2.9\"", "JSON line 1"),
                Arguments.of("scamper-json", "{\"type\":\"ping\"}", "object 1: type 'ping' is not a scamper trace"),
                Arguments.of("scamper-json", "{\"type\":\"trace\", \"method\":\"carrier-pigeon\", \"dst\":\"192.0.2.9\", \"attempts\":1}",
                        "unknown method 'carrier-pigeon'"),
                Arguments.of("scamper-json", "{\"type\":\"trace\", \"method\":\"icmp-echo\", \"dst\":\"192.0.2.9\", \"attempts\":1,"
                        + " \"hops\":[{\"addr\":\"192.0.2.1\", \"probe_ttl\":1, \"rtt\":\"slow\"}]}", "hops[0].rtt: 'slow' is not a number"),
                Arguments.of("ripe-atlas", "[{\"prb_id\":1, \"result\":[{\"hop\":2, \"result\":[]}, {\"hop\":1, \"result\":[]}]}]",
                        "hop 1 follows hop 2; hop numbers must increase"),
                Arguments.of("ripe-atlas", "{\"prb_id\":1, \"dst_addr\":\"192.0.2.9\", \"result\":[{\"hop\":1, \"result\":[{\"from\":\"192.0.2.1\", \"rtt\":\"x\"}]}]}",
                        "result.result[0].result[0].rtt: 'x' is not a number"),
                Arguments.of("ripe-atlas", "{\"prb_id\":1, \"dst_addr\":\"example\"}", "'example' is not an IP address"),
                Arguments.of("ripe-atlas", "{\"prb_id\": 1, \"result\": [", "JSON line 1"),
                Arguments.of("no-such-format", "anything", "unknown format 'no-such-format'"),
                Arguments.of(TraceParsers.AUTO, "Segmentation fault\n", "does not look like any known format"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("broken")
    void brokenOutputBecomesAnErrorTraceThatSaysWhere(String format, String output, String expectedMessage) {
        List<Trace> traces = TraceParsers.standard().parseAllOrError(format, output,
                TestData.context().withAgent("agent-1").withTarget("target-1"));
        assertThat(traces).hasSize(1);
        Trace trace = traces.getFirst();
        TestData.assertSchemaValid(trace);
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.PARSE);
        assertThat(trace.error().message()).contains(expectedMessage);
        if (output.isEmpty()) {
            assertThat(trace.raw()).isNull();
        } else {
            assertThat(trace.raw().text()).isEqualTo(output);
        }
        assertThat(trace.hops()).isEmpty();
        assertThat(trace.agentId()).isEqualTo("agent-1");
        assertThat(trace.targetId()).isEqualTo("target-1");
    }

    @Test
    void theSingleRunEntryPointRefusesAnOutputWithSeveralTraces() {
        Trace trace = TraceParsers.standard().parseOrError(RipeAtlasParser.FORMAT,
                TestData.text("handmade/ripe_atlas_results.json"), TestData.context());
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().message()).contains("found 3 traces");
    }

    @Test
    void rawOutputIsCappedInTheErrorTrace() {
        String huge = "garbage line\n".repeat(5000);
        Trace trace = TraceParsers.standard().parseOrError(TracerouteParser.FORMAT, huge, TestData.context());
        assertThat(trace.raw().truncated()).isTrue();
        assertThat(trace.raw().originalBytes()).isEqualTo(huge.length());
    }

    /**
     * Every real test output, cut and corrupted at random places, through every parser: whatever
     * comes out must be a schema-valid trace (parsed, or ERROR), never an exception.
     */
    @Test
    void corruptedOutputsNeverThrowAndAlwaysMeetTheSchema() {
        Random random = new Random(20260101);
        TraceParsers parsers = TraceParsers.standard();
        for (String file : TestData.outputs()) {
            String original = TestData.text(file);
            for (int round = 0; round < 12; round++) {
                String corrupted = corrupt(original, random);
                for (String format : parsers.formats()) {
                    for (Trace trace : parsers.parseAllOrError(format, corrupted, TestData.context())) {
                        TestData.assertSchemaValid(trace);
                        if (trace.status() == TraceStatus.ERROR && trace.error().stage() == TraceError.Stage.PARSE) {
                            assertThat(trace.error().message()).doesNotContain("parser failed");
                        }
                    }
                }
            }
        }
    }

    private static String corrupt(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        switch (random.nextInt(4)) {
            case 0 -> s.setLength(random.nextInt(s.length() + 1));
            case 1 -> {
                for (int i = 0; i < 3 && !s.isEmpty(); i++) {
                    s.setCharAt(random.nextInt(s.length()), CORRUPTIONS.charAt(random.nextInt(CORRUPTIONS.length())));
                }
            }
            case 2 -> {
                if (!s.isEmpty()) {
                    int at = random.nextInt(s.length());
                    s.delete(at, Math.min(s.length(), at + random.nextInt(20)));
                }
            }
            default -> s.insert(random.nextInt(s.length() + 1), String.valueOf(random.nextInt(100000)));
        }
        return s.toString();
    }
}
