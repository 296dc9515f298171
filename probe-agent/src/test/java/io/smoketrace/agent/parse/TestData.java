package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.serde.ContractValidator;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.Violation;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The saved tool outputs under src/test/resources/testdata, the format each is in, and checks every test shares. */
public final class TestData {

    /** The start time given to parses whose output carries none, so tests can tell data times from fallbacks. */
    public static final Instant FALLBACK_START = Instant.parse("2020-01-01T00:00:00Z");

    private TestData() {
    }

    public static Path root() {
        URL url = TestData.class.getResource("/testdata");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every tool output file (not the jc references, scripts or notes), relative to testdata/. */
    public static List<String> outputs() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith(".md") && !p.endsWith(".sh"))
                    .filter(p -> !(p.startsWith("traceroute/jc/") && p.endsWith(".json")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format a test file is in, from where it lives and its name. */
    public static String formatOf(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (name.contains("tracepath")) {
            return TracepathParser.FORMAT;
        }
        if (name.startsWith("scamper")) {
            return ScamperJsonParser.FORMAT;
        }
        if (name.startsWith("ripe_atlas")) {
            return RipeAtlasParser.FORMAT;
        }
        if (relative.startsWith("traceroute/") || name.startsWith("traceroute") || name.startsWith("tcptraceroute")) {
            return TracerouteParser.FORMAT;
        }
        if (name.contains("_csv_")) {
            return MtrCsvParser.FORMAT;
        }
        if (name.contains("_json_")) {
            return MtrJsonParser.FORMAT;
        }
        if (name.contains("_raw_")) {
            return MtrRawParser.FORMAT;
        }
        if (name.contains("_xml_")) {
            return MtrXmlParser.FORMAT;
        }
        if (name.contains("report_wide")) {
            return MtrReportParser.WIDE;
        }
        if (name.contains("_report_")) {
            return MtrReportParser.REPORT;
        }
        throw new IllegalArgumentException("no format known for " + relative);
    }

    public static ParseContext context() {
        return ParseContext.of("00000000-0000-0000-0000-000000000001", FALLBACK_START);
    }

    /** The traces of a test file read in its own format, each checked against the schema. */
    public static List<Trace> parseAll(String relative, ParseContext context) {
        List<Trace> traces = TraceParsers.standard().parseAllOrError(formatOf(relative), text(relative), context);
        traces.forEach(TestData::assertSchemaValid);
        return traces;
    }

    /** The one trace of a test file, which must have parsed. */
    public static Trace parse(String relative) {
        List<Trace> traces = parseAll(relative, context());
        assertThat(traces).hasSize(1);
        Trace trace = traces.getFirst();
        assertThat(trace.error()).as("parse error of " + relative).isNull();
        return trace;
    }

    public static void assertSchemaValid(Trace trace) {
        JsonNode tree = Json.mapper().valueToTree(trace);
        List<Violation> violations = ContractValidator.get().violations(Topics.TRACES, tree);
        assertThat(violations).as("schema violations of trace %s", trace.traceId()).isEmpty();
    }

    public static Hop hop(Trace trace, int ttl) {
        return trace.hops().stream().filter(h -> h.ttl() == ttl).findFirst()
                .orElseThrow(() -> new AssertionError("no hop " + ttl + " in " + trace.hops()));
    }

    public static Responder responder(Trace trace, int ttl, String address) {
        Responder r = hop(trace, ttl).responder(address);
        assertThat(r).as("responder %s at hop %d", address, ttl).isNotNull();
        return r;
    }

    public static List<String> addresses(Hop hop) {
        return hop.responders().stream().map(Responder::address).toList();
    }
}
