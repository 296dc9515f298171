package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.trace.Trace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads mtr --json: {@code report.mtr} (dst, tests) and {@code report.hubs}, each hub with its
 * {@code count} (the hop, an int since mtr 0.94, a string before), {@code host}, -z {@code ASN}
 * and the -o statistics under their report titles (ints since 0.94, floats before). Hubs sharing a
 * count are several hosts of one hop.
 */
final class MtrJsonParser implements TraceParser {

    static final String FORMAT = "mtr-json";

    private static final String COUNT = "count";
    private static final String HOST = "host";
    private static final String ASN = "ASN";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        String head = OutputLine.head(output);
        return head.stripLeading().startsWith("{") && head.contains("\"report\"");
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        List<TraceDraft> drafts = new ArrayList<>();
        List<JsonNode> documents = JsonDocuments.read(output);
        for (int d = 0; d < documents.size(); d++) {
            String where = documents.size() == 1 ? "report" : "[" + d + "].report";
            JsonNode report = JsonDocuments.required(documents.get(d), "report", documents.size() == 1 ? "JSON" : "[" + d + "]");
            JsonNode mtr = JsonDocuments.required(report, "mtr", where);
            MtrRun run = new MtrRun();
            run.target = JsonDocuments.text(mtr, "dst");
            Long tests = JsonDocuments.integer(mtr, "tests", where + ".mtr");
            run.cycles = tests == null ? null : (int) Math.clamp(tests, 0, Integer.MAX_VALUE);
            JsonNode hubs = JsonDocuments.required(report, "hubs", where);
            if (!hubs.isArray()) {
                throw new MalformedOutputException(where + ".hubs", "is not an array");
            }
            for (int i = 0; i < hubs.size(); i++) {
                run.hubs.add(hub(hubs.get(i), where + ".hubs[" + i + "]"));
            }
            if (run.hubs.isEmpty()) {
                throw new MalformedOutputException(where + ".hubs", "is empty");
            }
            TraceDraft draft = run.toDraft();
            draft.raw = documents.size() == 1 ? null : JsonDocuments.text(documents.get(d));
            drafts.add(draft);
        }
        return TraceDraft.finish(drafts, FORMAT, output, context);
    }

    private static MtrHub hub(JsonNode node, String where) throws MalformedOutputException {
        long count = JsonDocuments.requiredInteger(node, COUNT, where);
        String host = JsonDocuments.required(node, HOST, where).asText();
        // Out-of-range counts stay out of range (0 or 256) for MtrRun to refuse with the hop's place.
        MtrHub hub = new MtrHub(where, (int) Math.clamp(count, 0, 256), host,
                AsNumbers.fromAsPrefixed(JsonDocuments.text(node, ASN)));
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (COUNT.equals(name) || HOST.equals(name) || ASN.equals(name)) {
                continue;
            }
            MtrColumn column = MtrColumn.byTitle(name);
            if (column == null) {
                throw new MalformedOutputException(where, "unknown mtr column '" + name + "'");
            }
            hub.value(column, field.getValue().asText());
        }
        return hub;
    }
}
