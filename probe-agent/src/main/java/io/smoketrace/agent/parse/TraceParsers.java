package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsers by format name, and the contract every caller relies on: tool output in, traces
 * out, and output that cannot be read becomes a trace with status ERROR, stage PARSE, a message
 * saying where it went wrong and the raw output, never an exception and never nothing.
 */
public final class TraceParsers {

    /** The format name that asks for the format to be recognised from the output itself. */
    public static final String AUTO = "auto";

    private static final TraceParsers STANDARD = new TraceParsers(List.of(
            // Recognition tries these in order: the JSON and XML shapes first, the loosest text layouts last.
            new MtrJsonParser(),
            new ScamperJsonParser(),
            new RipeAtlasParser(),
            new MtrXmlParser(),
            new MtrCsvParser(),
            new MtrRawParser(),
            new MtrReportParser(MtrReportParser.REPORT),
            new MtrReportParser(MtrReportParser.WIDE),
            new TracepathParser(),
            new TracerouteParser()));

    private final Map<String, TraceParser> byFormat = new LinkedHashMap<>();

    private TraceParsers(List<TraceParser> parsers) {
        for (TraceParser parser : parsers) {
            byFormat.put(parser.format(), parser);
        }
    }

    /** Every parser this build has. */
    public static TraceParsers standard() {
        return STANDARD;
    }

    /** The registered format names, in recognition order. */
    public Set<String> formats() {
        return byFormat.keySet();
    }

    public Optional<TraceParser> parser(String format) {
        return Optional.ofNullable(byFormat.get(format));
    }

    /** The format the output looks like, if any parser recognises it. */
    public Optional<String> recognise(String output) {
        for (TraceParser parser : byFormat.values()) {
            if (parser.recognises(output)) {
                return Optional.of(parser.format());
            }
        }
        return Optional.empty();
    }

    /**
     * The one trace of one run's output (the agent's own runs): an ERROR trace when the output
     * cannot be read or holds other than exactly one trace.
     */
    public Trace parseOrError(String format, String output, ParseContext context) {
        List<Trace> traces = parseAllOrError(format, output, context);
        if (traces.size() != 1) {
            return errorTrace(format, output, context, "expected the output of one run, found " + traces.size() + " traces");
        }
        return traces.getFirst();
    }

    /**
     * Every trace in the output (imports: RIPE Atlas result arrays, scamper files), in output
     * order; a single ERROR trace when the output cannot be read.
     *
     * @param format a registered format name, or {@link #AUTO}
     */
    public List<Trace> parseAllOrError(String format, String output, ParseContext context) {
        String resolved = AUTO.equals(format) ? recognise(output).orElse(null) : format;
        if (resolved == null) {
            return List.of(errorTrace(format, output, context,
                    "the output does not look like any known format (" + String.join(", ", formats()) + ")"));
        }
        TraceParser parser = byFormat.get(resolved);
        if (parser == null) {
            return List.of(errorTrace(format, output, context,
                    "unknown format '" + format + "'; known: " + String.join(", ", formats())));
        }
        try {
            List<Trace> traces = parser.parse(output, context);
            return traces.isEmpty()
                    ? List.of(errorTrace(resolved, output, context, "the output holds no trace"))
                    : traces;
        } catch (MalformedOutputException e) {
            return List.of(errorTrace(resolved, output, context, e.getMessage()));
        } catch (RuntimeException e) {
            // A parser bug must still leave an ERROR trace with the raw output behind, not a lost run.
            return List.of(errorTrace(resolved, output, context, "the " + resolved + " parser failed: " + e));
        }
    }

    /** The trace for output that could not be read: status ERROR at stage PARSE, with the raw output. */
    static Trace errorTrace(String format, String output, ParseContext context, String message) {
        String host = context.targetHost() != null ? context.targetHost() : TraceDraft.UNKNOWN_TARGET;
        return new Trace(
                Trace.FORMAT_VERSION,
                context.traceId(0),
                context.agentId() != null ? context.agentId() : TraceDraft.IMPORT_AGENT,
                context.targetId() != null ? context.targetId() : TraceDraft.idFrom(host),
                host,
                Addresses.isAddress(host) ? host : null,
                null,
                null,
                context.protocol(),
                null,
                null,
                null,
                context.fallbackStart(),
                null,
                new ToolInfo(toolOf(format), null, format, context.command()),
                TraceStatus.ERROR,
                false,
                null,
                List.of(),
                new TraceError(TraceError.Stage.PARSE, message),
                TraceDraft.rawOf(output));
    }

    /** The tool behind a format name: {@code mtr-json} is mtr's, {@code scamper-json} scamper's. */
    private static String toolOf(String format) {
        if (format == null || format.isBlank() || AUTO.equals(format)) {
            return "unknown";
        }
        int dash = format.indexOf('-');
        return format.startsWith("ripe-atlas") || dash < 0 ? format : format.substring(0, dash);
    }
}
