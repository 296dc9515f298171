package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RIPE Atlas traceroute results: one result object, an array of them, or one per line (the
 * API and the daily dumps), one trace each. Each probe's results are its replies at each hop
 * ({@code from}, {@code rtt}, {@code err}, {@code icmpext}), {@code "x":"*"} for no reply; the
 * vantage point is the Atlas probe ({@code prb_id}), named {@code ripe-atlas-<prb_id>} unless
 * the caller names one.
 */
final class RipeAtlasParser implements TraceParser {

    static final String FORMAT = "ripe-atlas";
    static final String AGENT_PREFIX = "ripe-atlas-";

    private static final int MPLS_CLASS = 1;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        String head = OutputLine.head(output);
        String start = head.stripLeading();
        return (start.startsWith("{") || start.startsWith("[")) && head.contains("\"prb_id\"");
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        List<JsonNode> results = JsonDocuments.read(output);
        List<TraceDraft> drafts = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            TraceDraft draft = result(results.get(i), results.size() == 1 ? "result" : "result " + (i + 1));
            draft.raw = results.size() == 1 ? null : JsonDocuments.text(results.get(i));
            drafts.add(draft);
        }
        if (drafts.isEmpty()) {
            throw new MalformedOutputException("no RIPE Atlas results in the output");
        }
        return TraceDraft.finish(drafts, FORMAT, output, context);
    }

    private static TraceDraft result(JsonNode node, String where) throws MalformedOutputException {
        if (!node.isObject()) {
            throw new MalformedOutputException(where, "is not a JSON object");
        }
        String type = JsonDocuments.text(node, "type");
        if (type != null && !"traceroute".equals(type)) {
            throw new MalformedOutputException(where, "type '" + type + "' is not a traceroute result");
        }
        TraceDraft draft = new TraceDraft(FORMAT);
        Long fw = JsonDocuments.integer(node, "fw", where);
        draft.toolVersion = fw == null ? null : "fw " + fw;
        draft.targetHost = JsonDocuments.text(node, "dst_name");
        draft.targetAddress = JsonDocuments.address(node, "dst_addr", where);
        if (draft.targetHost == null) {
            draft.targetHost = draft.targetAddress;
        }
        draft.sourceAddress = JsonDocuments.address(node, "src_addr", where);
        draft.protocol = protocol(node, where);
        Long parisId = JsonDocuments.integer(node, "paris_id", where);
        // Atlas varies the flow between runs by paris_id but holds it for all probes of one run; 0 is classic traceroute.
        draft.flow = parisId == null ? null : new FlowIdentity(parisId > 0, null, null, null, null);
        Long probe = JsonDocuments.integer(node, "prb_id", where);
        draft.agentId = probe == null ? null : AGENT_PREFIX + probe;
        Long measurement = JsonDocuments.integer(node, "msm_id", where);
        draft.command = measurement == null ? null : "RIPE Atlas measurement " + measurement;
        Long timestamp = JsonDocuments.integer(node, "timestamp", where);
        Long endtime = JsonDocuments.integer(node, "endtime", where);
        draft.startedAt = timestamp == null ? null : Instant.ofEpochSecond(timestamp);
        draft.finishedAt = endtime == null ? null : Instant.ofEpochSecond(endtime);
        String error = JsonDocuments.text(node, "error");
        List<String> probeErrors = new ArrayList<>();
        JsonNode hops = node.get("result");
        if (hops != null) {
            if (!hops.isArray()) {
                throw new MalformedOutputException(where + ".result", "is not an array");
            }
            int previous = 0;
            for (int i = 0; i < hops.size(); i++) {
                previous = hop(draft, hops.get(i), where + ".result[" + i + "]", previous, probeErrors);
            }
        }
        if (draft.mostProbesAtOneTtl() == null) {
            // The probe measured nothing: Atlas says why in "error" at the top or in the hops.
            String why = error != null ? error : probeErrors.isEmpty() ? null : String.join("; ", probeErrors);
            if (why == null) {
                throw new MalformedOutputException(where, "no hops and no error");
            }
            draft.error = new TraceError(TraceError.Stage.EXECUTE, "RIPE Atlas probe: " + why);
        }
        draft.probesPerHop = draft.mostProbesAtOneTtl();
        return draft;
    }

    private static int hop(TraceDraft draft, JsonNode node, String where, int previous, List<String> probeErrors)
            throws MalformedOutputException {
        String hopError = JsonDocuments.text(node, "error");
        if (hopError != null) {
            probeErrors.add(hopError);
        }
        Long number = JsonDocuments.integer(node, "hop", where);
        if (number == null) {
            if (hopError != null) {
                return previous;
            }
            throw new MalformedOutputException(where, "missing 'hop'");
        }
        int ttl = number.intValue();
        if (number < 1 || number > 255) {
            throw new MalformedOutputException(where + ".hop", number + " is outside 1-255");
        }
        if (ttl <= previous) {
            throw new MalformedOutputException(where + ".hop", "hop " + ttl + " follows hop " + previous + "; hop numbers must increase");
        }
        JsonNode replies = node.get("result");
        if (replies == null || !replies.isArray()) {
            if (hopError != null) {
                return ttl;
            }
            throw new MalformedOutputException(where, "missing 'result'");
        }
        HopProbes hop = draft.hop(ttl);
        for (int i = 0; i < replies.size(); i++) {
            reply(hop, replies.get(i), where + ".result[" + i + "]", probeErrors);
        }
        return ttl;
    }

    private static void reply(HopProbes hop, JsonNode reply, String where, List<String> probeErrors) throws MalformedOutputException {
        if (reply.has("x")) {
            hop.lost(1);
            return;
        }
        String error = JsonDocuments.text(reply, "error");
        if (error != null) {
            // The probe could not be sent: there is no reply or loss to count for it.
            probeErrors.add(error);
            return;
        }
        if (reply.path("dup").asBoolean(false) || reply.has("late")) {
            // A duplicate, or a late reply to a probe already counted as "*": neither is a probe of its own.
            return;
        }
        String from = JsonDocuments.address(reply, "from", where);
        if (from == null) {
            throw new MalformedOutputException(where, "a reply without 'from'");
        }
        Double rtt = JsonDocuments.number(reply, "rtt", where);
        if (rtt != null && rtt < 0) {
            throw new MalformedOutputException(where + ".rtt", rtt + " is negative");
        }
        HopProbes.Answerer answerer = hop.answerer(from, null);
        answerer.reply(rtt);
        String annotation = annotation(reply, where);
        if (annotation != null) {
            answerer.annotate(annotation);
        }
        answerer.mpls(mpls(reply, where));
    }

    /**
     * The traceroute annotation for Atlas's {@code err}: its letters N, H, P name the same ICMP
     * codes as traceroute's; A (administratively prohibited) is traceroute's !X; p (port
     * unreachable) means the destination was reached; a number is a code Atlas has no letter for.
     */
    private static String annotation(JsonNode reply, String where) throws MalformedOutputException {
        Long mtu = JsonDocuments.integer(reply, "mtu", where);
        JsonNode err = reply.get("err");
        if (err == null || err.isNull()) {
            return mtu != null ? "!F-" + mtu : null;
        }
        if (err.isNumber()) {
            return "!<" + err.asInt() + ">";
        }
        return switch (err.asText()) {
            case "N" -> "!N";
            case "H", "h" -> "!H";
            case "P" -> "!P";
            case "A" -> "!X";
            case "p" -> null;
            default -> throw new MalformedOutputException(where + ".err", "unknown error code '" + err.asText() + "'");
        };
    }

    private static List<MplsLabel> mpls(JsonNode reply, String where) throws MalformedOutputException {
        JsonNode objects = reply.path("icmpext").path("obj");
        if (!objects.isArray()) {
            return List.of();
        }
        List<MplsLabel> labels = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String at = where + ".icmpext.obj[" + i + "]";
            JsonNode entries = object.get("mpls");
            Long objectClass = JsonDocuments.integer(object, "class", at);
            if (objectClass == null || objectClass != MPLS_CLASS || entries == null) {
                continue; // other extension objects have no place in the trace
            }
            labels.addAll(MplsStacks.fromJson(entries, at + ".mpls", "label", "exp", "s", "ttl"));
        }
        return labels;
    }

    private static ProbeProtocol protocol(JsonNode node, String where) throws MalformedOutputException {
        String proto = JsonDocuments.text(node, "proto");
        if (proto == null) {
            return null;
        }
        try {
            return ProbeProtocol.valueOf(proto.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedOutputException(where + ".proto", "unknown protocol '" + proto + "'");
        }
    }
}
