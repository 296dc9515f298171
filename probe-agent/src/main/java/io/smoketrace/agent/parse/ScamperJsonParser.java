package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scamper's JSON (-O json, sc_warts2json): one trace per {@code "type":"trace"} object.
 * scamper lists only replies, each with its {@code probe_ttl} and {@code probe_id} (the attempt
 * number at that TTL); the probes it sent but nobody answered follow from those ids, from
 * {@code attempts} for TTLs without any reply, and are checked against {@code probe_count}.
 */
final class ScamperJsonParser implements TraceParser {

    static final String FORMAT = "scamper-json";

    /** Objects scamper writes around traces in the same stream; they describe the batch, not a path. */
    private static final Set<String> BATCH_RECORDS = Set.of("cycle-start", "cycle-stop", "cycle-def", "list");
    private static final String COMPLETED = "COMPLETED";
    private static final int MPLS_CLASS = 1;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        String head = OutputLine.head(output);
        return head.stripLeading().startsWith("{") && (head.contains("\"cycle-start\"") || head.matches("(?s).*\"type\"\\s*:\\s*\"trace\".*"));
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        List<TraceDraft> drafts = new ArrayList<>();
        List<JsonNode> documents = JsonDocuments.read(output);
        for (int i = 0; i < documents.size(); i++) {
            JsonNode node = documents.get(i);
            String where = "object " + (i + 1);
            String type = JsonDocuments.text(node, "type");
            if (type != null && BATCH_RECORDS.contains(type)) {
                continue;
            }
            if (!"trace".equals(type)) {
                throw new MalformedOutputException(where, "type '" + type + "' is not a scamper trace");
            }
            drafts.add(trace(node, where));
        }
        if (drafts.isEmpty()) {
            throw new MalformedOutputException("no scamper trace objects in the output");
        }
        if (drafts.size() == 1) {
            drafts.getFirst().raw = null;
        }
        return TraceDraft.finish(drafts, FORMAT, output, context);
    }

    private static TraceDraft trace(JsonNode node, String where) throws MalformedOutputException {
        TraceDraft draft = new TraceDraft("scamper");
        draft.raw = JsonDocuments.text(node);
        draft.targetAddress = address(node, "dst", where, true);
        draft.targetHost = draft.targetAddress;
        draft.sourceAddress = address(node, "src", where, false);
        method(draft, node, where);
        JsonNode start = node.get("start");
        if (start != null) {
            long sec = JsonDocuments.requiredInteger(start, "sec", where + ".start");
            Long usec = JsonDocuments.integer(start, "usec", where + ".start");
            draft.startedAt = Instant.ofEpochSecond(sec, usec == null ? 0 : usec * 1000);
        }
        Long hoplimit = JsonDocuments.integer(node, "hoplimit", where);
        draft.maxTtl = hoplimit != null && hoplimit > 0 && hoplimit <= 255 ? hoplimit.intValue() : null;
        int attempts = (int) JsonDocuments.requiredInteger(node, "attempts", where);
        draft.probesPerHop = attempts > 0 ? attempts : null;
        if (COMPLETED.equals(JsonDocuments.text(node, "stop_reason"))) {
            draft.destinationReached = Boolean.TRUE;
        }
        hops(draft, node, where, attempts);
        return draft;
    }

    /** The probe method: protocol, and the flow identity scamper kept fixed (Paris methods and TCP hold the whole flow). */
    private static void method(TraceDraft draft, JsonNode node, String where) throws MalformedOutputException {
        String method = JsonDocuments.required(node, "method", where).asText();
        Integer sport = port(node, "sport", where);
        Integer dport = port(node, "dport", where);
        switch (method) {
            case "icmp-echo" -> {
                draft.protocol = ProbeProtocol.ICMP;
                draft.flow = new FlowIdentity(false, null, null, null, null);
            }
            // scamper holds the ICMP checksum (icmp_sum) fixed; the trace has a field for the ICMP id only.
            case "icmp-echo-paris" -> {
                draft.protocol = ProbeProtocol.ICMP;
                draft.flow = new FlowIdentity(true, null, null, null, null);
            }
            // Classic UDP traceroute steps the destination port per probe: only the source port is fixed.
            case "udp" -> {
                draft.protocol = ProbeProtocol.UDP;
                draft.flow = new FlowIdentity(false, sport, null, null, null);
            }
            case "udp-paris" -> {
                draft.protocol = ProbeProtocol.UDP;
                draft.flow = new FlowIdentity(true, sport, dport, null, null);
            }
            case "tcp", "tcp-ack" -> {
                draft.protocol = ProbeProtocol.TCP;
                draft.flow = new FlowIdentity(true, sport, dport, null, null);
            }
            default -> throw new MalformedOutputException(where + ".method", "unknown method '" + method + "'");
        }
    }

    private static void hops(TraceDraft draft, JsonNode node, String where, int attempts) throws MalformedOutputException {
        JsonNode hops = node.get("hops");
        List<Reply> replies = new ArrayList<>();
        if (hops != null) {
            for (int i = 0; i < hops.size(); i++) {
                replies.add(reply(hops.get(i), where + ".hops[" + i + "]"));
            }
        }
        replies.sort(Comparator.comparingInt(Reply::ttl).thenComparingInt(Reply::probeId));
        Map<Integer, Integer> highestProbeId = new HashMap<>();
        Map<Integer, Integer> answered = new HashMap<>();
        for (Reply reply : replies) {
            HopProbes hop = draft.hop(reply.ttl());
            if (answered.containsKey(reply.ttl()) && highestProbeId.get(reply.ttl()) == reply.probeId()) {
                continue; // a duplicate reply to a probe already counted
            }
            highestProbeId.merge(reply.ttl(), reply.probeId(), Math::max);
            answered.merge(reply.ttl(), 1, Integer::sum);
            HopProbes.Answerer answerer = hop.answerer(reply.address(), reply.name());
            answerer.hostname(reply.name());
            answerer.reply(reply.rtt());
            if (reply.annotation() != null) {
                answerer.annotate(reply.annotation());
            }
            answerer.mpls(reply.mpls());
        }
        long firstHop = orDefault(JsonDocuments.integer(node, "firsthop", where), 1);
        long lastHop = orDefault(JsonDocuments.integer(node, "hop_count", where), highestProbeId.keySet().stream().max(Integer::compare).orElse(0));
        Long probeCount = JsonDocuments.integer(node, "probe_count", where);
        // By default scamper stops at a TTL's first reply, so the attempt number of that reply is what it sent;
        // with -Q (all attempts) it sends every attempt. probe_count tells the two apart.
        boolean allAttempts = probeCount != null
                && lost(firstHop, lastHop, highestProbeId, answered, attempts, false) + answeredTotal(answered) != probeCount
                && lost(firstHop, lastHop, highestProbeId, answered, attempts, true) + answeredTotal(answered) == probeCount;
        for (long ttl = firstHop; ttl <= lastHop && ttl <= 255; ttl++) {
            draft.hop((int) ttl).lost(lostAt((int) ttl, highestProbeId, answered, attempts, allAttempts));
        }
    }

    private static long lost(long firstHop, long lastHop, Map<Integer, Integer> highest, Map<Integer, Integer> answered,
            int attempts, boolean allAttempts) {
        long lost = 0;
        for (long ttl = firstHop; ttl <= lastHop && ttl <= 255; ttl++) {
            lost += lostAt((int) ttl, highest, answered, attempts, allAttempts);
        }
        return lost;
    }

    private static int lostAt(int ttl, Map<Integer, Integer> highest, Map<Integer, Integer> answered, int attempts,
            boolean allAttempts) {
        Integer got = answered.get(ttl);
        if (got == null) {
            return attempts;
        }
        int sent = allAttempts ? Math.max(attempts, highest.get(ttl)) : highest.get(ttl);
        return Math.max(0, sent - got);
    }

    private static long answeredTotal(Map<Integer, Integer> answered) {
        long total = 0;
        for (int n : answered.values()) {
            total += n;
        }
        return total;
    }

    private static Reply reply(JsonNode hop, String where) throws MalformedOutputException {
        String address = address(hop, "addr", where, true);
        int ttl = (int) JsonDocuments.requiredInteger(hop, "probe_ttl", where);
        if (ttl < 1 || ttl > 255) {
            throw new MalformedOutputException(where + ".probe_ttl", ttl + " is outside 1-255");
        }
        int probeId = (int) orDefault(JsonDocuments.integer(hop, "probe_id", where), 1);
        Double rtt = JsonDocuments.number(hop, "rtt", where);
        if (rtt != null && rtt < 0) {
            throw new MalformedOutputException(where + ".rtt", rtt + " is negative");
        }
        String annotation = null;
        Long type = JsonDocuments.integer(hop, "icmp_type", where);
        if (type != null) {
            Long code = JsonDocuments.integer(hop, "icmp_code", where);
            Long mtu = JsonDocuments.integer(hop, "icmp_nhmtu", where);
            annotation = IcmpAnnotations.of(AddressFamily.of(address), type.intValue(), code == null ? 0 : code.intValue(), mtu == null ? null : mtu.intValue());
        }
        return new Reply(ttl, probeId, address, JsonDocuments.text(hop, "name"), rtt, annotation, mpls(hop, where));
    }

    /** The MPLS label stack entries of the reply's ICMP extension objects (class 1, RFC 4950). */
    private static List<MplsLabel> mpls(JsonNode hop, String where) throws MalformedOutputException {
        JsonNode extensions = hop.get("icmpext");
        if (extensions == null || !extensions.isArray()) {
            return List.of();
        }
        List<MplsLabel> labels = new ArrayList<>();
        for (int i = 0; i < extensions.size(); i++) {
            JsonNode object = extensions.get(i);
            String at = where + ".icmpext[" + i + "]";
            Long objectClass = JsonDocuments.integer(object, "ie_cn", at);
            JsonNode entries = object.get("mpls_labels");
            if (objectClass == null || objectClass != MPLS_CLASS || entries == null) {
                continue; // other extension objects (RFC 5837 interface information) have no place in the trace
            }
            labels.addAll(MplsStacks.fromJson(entries, at + ".mpls_labels", "mpls_label", "mpls_exp", "mpls_s", "mpls_ttl"));
        }
        return labels;
    }

    private static String address(JsonNode node, String field, String where, boolean required) throws MalformedOutputException {
        String address = JsonDocuments.address(node, field, where);
        if (address == null && required) {
            throw new MalformedOutputException(where, "missing '" + field + "'");
        }
        return address;
    }

    private static Integer port(JsonNode node, String field, String where) throws MalformedOutputException {
        Long port = JsonDocuments.integer(node, field, where);
        if (port != null && (port < 0 || port > 65535)) {
            throw new MalformedOutputException(where + "." + field, port + " is not a port");
        }
        return port == null ? null : port.intValue();
    }

    private static long orDefault(Long value, long otherwise) {
        return value != null ? value : otherwise;
    }

    private record Reply(int ttl, int probeId, String address, String name, Double rtt, String annotation, List<MplsLabel> mpls) {
    }
}
