package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads mtr --csv: a header naming the columns ({@code Mtr_Version,Start_Time,Status,Host,Hop,Ip,}
 * then {@code Asn} with -z and the -o statistics), then one row per hop. A repeated header or a
 * new Host starts the next target's trace (mtr -F).
 */
final class MtrCsvParser implements TraceParser {

    static final String FORMAT = "mtr-csv";

    private static final String HEADER_START = "Mtr_Version,";
    private static final String VERSION_PREFIX = "MTR.";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        return output.stripLeading().startsWith(HEADER_START);
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        List<TraceDraft> drafts = new ArrayList<>();
        String[] header = null;
        MtrRun run = null;
        for (OutputLine line : OutputLine.of(output)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = cells(line.text());
            if (line.text().startsWith(HEADER_START)) {
                header = cells;
                MtrRun.finishInto(run, drafts);
                run = null;
                continue;
            }
            if (header == null) {
                throw line.malformed("data row before the Mtr_Version header");
            }
            if (cells.length != header.length) {
                throw line.malformed("has " + cells.length + " fields, the header names " + header.length);
            }
            String version = null;
            String start = null;
            String host = null;
            String ip = null;
            Long asn = null;
            int hop = 0;
            List<Cell> statistics = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                switch (header[i]) {
                    case "Mtr_Version" -> version = cells[i];
                    case "Start_Time" -> start = cells[i];
                    case "Status" -> {
                        // mtr only ever writes "OK" here.
                    }
                    case "Host" -> host = cells[i];
                    case "Hop" -> hop = line.integer(cells[i], "Hop");
                    case "Ip" -> ip = cells[i];
                    case "Asn" -> asn = AsNumbers.fromAsPrefixed(cells[i]);
                    default -> {
                        MtrColumn column = MtrColumn.byTitle(header[i]);
                        if (column == null) {
                            throw line.malformed("unknown mtr column '" + header[i] + "' in the header");
                        }
                        statistics.add(new Cell(column, cells[i]));
                    }
                }
            }
            if (ip == null || ip.isBlank()) {
                throw line.malformed("no Ip field");
            }
            if (run == null || (host != null && !host.equals(run.target))) {
                MtrRun.finishInto(run, drafts);
                run = new MtrRun();
                run.target = host;
                run.version = version != null && version.startsWith(VERSION_PREFIX) ? version.substring(VERSION_PREFIX.length()) : version;
                run.startedAt = start == null ? null : Instant.ofEpochSecond((long) line.number(start, "Start_Time"));
            }
            MtrHub hub = new MtrHub("line " + line.number(), hop, ip, asn);
            for (Cell cell : statistics) {
                hub.value(cell.column(), cell.text());
            }
            run.hubs.add(hub);
        }
        MtrRun.finishInto(run, drafts);
        if (drafts.isEmpty()) {
            throw new MalformedOutputException(output.isBlank() ? "the output is empty" : "no mtr CSV rows in the output");
        }
        return TraceDraft.finish(drafts, FORMAT, output, context);
    }

    /** The fields of a row; mtr ends its header (not its rows) with a comma, which is no field. */
    private static String[] cells(String text) {
        String row = text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
        return row.split(",", -1);
    }

    private record Cell(MtrColumn column, String text) {
    }
}
