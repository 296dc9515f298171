package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.Trace;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads mtr's report layout, -r and the wide -w alike (with -n, -b "name (address)", -z AS
 * numbers, -e MPLS lines, any -o column order, several hosts per hop); registered as
 * {@code mtr-report} and {@code mtr-wide}. Several targets' reports in one output become
 * several traces.
 */
final class MtrReportParser implements TraceParser {

    static final String REPORT = "mtr-report";
    static final String WIDE = "mtr-wide";

    private static final Pattern START = Pattern.compile("^Start:\\s+(.+?)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^HOST:\\s+(\\S+)\\s+(.*)$");
    // " 1.|-- host ..." (older versions also "|`--", "`--"), or " 1. AS123 host ..." when -z is on.
    private static final Pattern HOP = Pattern.compile("^\\s*(\\d+)\\.(?:\\|--|\\|`--|`--)?\\s+(.*)$");
    private static final Pattern MPLS = Pattern.compile(
            "\\[MPLS: Lbl (\\d+) (?:Exp|TC) (\\d+) S (\\d+) TTL (\\d+)]");
    private static final Pattern ASN = Pattern.compile("AS(?:\\d+|\\?\\?\\?)");
    private static final DateTimeFormatter ISO_START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final DateTimeFormatter CTIME_START = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final String format;

    MtrReportParser(String format) {
        this.format = format;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public boolean recognises(String output) {
        for (OutputLine line : OutputLine.of(OutputLine.head(output))) {
            if (!line.isBlank()) {
                return START.matcher(line.text()).matches() || HEADER.matcher(line.text()).matches();
            }
        }
        return false;
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        List<TraceDraft> drafts = new ArrayList<>();
        MtrRun run = null;
        List<MtrColumn> columns = null;
        MtrHub last = null;
        for (OutputLine line : OutputLine.of(output)) {
            if (line.isBlank()) {
                continue;
            }
            String text = line.text();
            Matcher m;
            if ((m = START.matcher(text)).matches()) {
                MtrRun.finishInto(run, drafts);
                run = new MtrRun();
                run.startedAt = start(line, m.group(1));
                columns = null;
                last = null;
            } else if ((m = HEADER.matcher(text)).matches()) {
                if (run == null || !run.hubs.isEmpty()) {
                    MtrRun.finishInto(run, drafts);
                    run = new MtrRun();
                }
                columns = columns(line, m.group(2));
                last = null;
            } else if ((m = HOP.matcher(text)).matches()) {
                if (columns == null) {
                    throw line.malformed("hop row before the HOST: header");
                }
                last = hub(line, line.integer(m.group(1), "hop number"), m.group(2), columns);
                run.hubs.add(last);
            } else if (last != null && Character.isWhitespace(text.charAt(0))) {
                last = continuation(line, last, run);
            } else {
                throw line.malformed("not an mtr report line");
            }
        }
        MtrRun.finishInto(run, drafts);
        if (drafts.isEmpty()) {
            throw new MalformedOutputException(output.isBlank() ? "the output is empty" : "no mtr report in the output");
        }
        return TraceDraft.finish(drafts, format, output, context);
    }

    private static List<MtrColumn> columns(OutputLine line, String titles) throws MalformedOutputException {
        List<MtrColumn> columns = new ArrayList<>();
        for (String title : titles.strip().split("\\s+")) {
            MtrColumn column = MtrColumn.byTitle(title);
            if (column == null) {
                throw line.malformed("unknown mtr column '" + title + "'");
            }
            columns.add(column);
        }
        return columns;
    }

    /**
     * A hop row: the last tokens are the columns, in header order, and what comes before is the
     * host (which may be "name (address)" and may start with the -z AS number). mtr cuts a value
     * that overflows its width ("4097." for 4097.3, "100.0" losing its '%'), never merging two.
     */
    private static MtrHub hub(OutputLine line, int hop, String rest, List<MtrColumn> columns) throws MalformedOutputException {
        String[] tokens = rest.strip().split("\\s+");
        int hostTokens = tokens.length - columns.size();
        if (hostTokens < 1) {
            throw line.malformed("expected a host and " + columns.size() + " columns");
        }
        int first = 0;
        Long asn = null;
        if (hostTokens > 1 && ASN.matcher(tokens[0]).matches()) {
            asn = AsNumbers.fromAsPrefixed(tokens[0]);
            first = 1;
        }
        MtrHub hub = new MtrHub("line " + line.number(), hop,
                String.join(" ", Arrays.copyOfRange(tokens, first, hostTokens)), asn);
        for (int i = 0; i < columns.size(); i++) {
            hub.value(columns.get(i), tokens[hostTokens + i]);
        }
        return hub;
    }

    /** An indented line after a hop row: one more host of that hop, or an MPLS label of the host above it. */
    private static MtrHub continuation(OutputLine line, MtrHub last, MtrRun run) throws MalformedOutputException {
        String text = line.text().strip();
        Matcher mpls = MPLS.matcher(text);
        if (mpls.find()) {
            MplsLabel label = MplsStacks.fitting(Long.parseLong(mpls.group(1)), Long.parseLong(mpls.group(2)),
                    Long.parseLong(mpls.group(3)), Long.parseLong(mpls.group(4)));
            if (label == null) {
                throw line.malformed("MPLS label out of range");
            }
            last.mpls.add(label);
            return last;
        }
        // Older mtr draws the extra hosts as a tree: "|  `|-- host", "|   |-- host".
        String host = text.replaceFirst("^[|`+\\- ]+", "").strip();
        String[] tokens = host.split("\\s+");
        Long asn = null;
        if (tokens.length > 1 && ASN.matcher(tokens[0]).matches()) {
            asn = AsNumbers.fromAsPrefixed(tokens[0]);
            host = host.substring(tokens[0].length()).strip();
        }
        if (host.isEmpty() || host.indexOf(' ') >= 0 && !host.endsWith(")")) {
            throw line.malformed("not a host of hop " + last.hop);
        }
        MtrHub extra = new MtrHub("line " + line.number(), last.hop, host, asn);
        run.hubs.add(extra);
        return extra;
    }

    /** mtr 0.94+ prints ISO 8601 with an offset; older versions ctime() in the agent's local zone, read here as UTC. */
    private static Instant start(OutputLine line, String text) throws MalformedOutputException {
        try {
            return OffsetDateTime.parse(text, ISO_START).toInstant();
        } catch (DateTimeParseException iso) {
            try {
                return LocalDateTime.parse(text.replaceAll("\\s+", " "), CTIME_START).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ctime) {
                throw line.malformed("start time '" + text + "' is neither ISO 8601 nor ctime");
            }
        }
    }
}
