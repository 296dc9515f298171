package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tracepath and tracepath6 output. Each line reports one reply at the TTL of the probe it
 * answers, so TTLs repeat and come out of order when replies are late; "no reply" means the TTL's
 * three probes all timed out; {@code pmtu N} on the local line is the first-hop MTU, on a router's
 * line an ICMP "fragmentation needed" from it.
 */
final class TracepathParser implements TraceParser {

    static final String FORMAT = "tracepath";

    /** The largest path MTU the trace schema carries (an IPv4 datagram's limit). */
    private static final int MAX_MTU = 65535;
    /** tracepath gives up on a TTL after three unanswered probes. */
    private static final int PROBES_PER_NO_REPLY = 3;

    private static final Pattern REPLY = Pattern.compile("^\\s*(\\d+)(\\?)?:\\s+(.*?)\\s*$");
    private static final Pattern TOO_MANY_HOPS = Pattern.compile("^\\s*Too many hops: pmtu (\\d+)\\s*$");
    private static final Pattern RESUME = Pattern.compile("^\\s*Resume: pmtu (\\d+)(?: hops (\\d+))?(?: back (\\d+))?\\s*$");
    private static final Pattern RTT = Pattern.compile("(\\d+(?:\\.\\d+)?)ms");
    private static final Pattern ANNOTATION = Pattern.compile("![A-Z]");
    private static final String LOCALHOST = "[LOCALHOST]";
    private static final String BROKEN_ROUTER = "(This broken router returned corrupted payload)";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        for (OutputLine line : OutputLine.of(OutputLine.head(output))) {
            if (!line.isBlank()) {
                return REPLY.matcher(line.text()).matches();
            }
        }
        return false;
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        TraceDraft draft = new TraceDraft(FORMAT);
        draft.protocol = ProbeProtocol.UDP;
        // tracepath walks the destination port up with every probe, so no two probes share a flow.
        draft.flow = new FlowIdentity(false, null, null, null, null);
        Set<Integer> gaveUp = new HashSet<>();
        boolean anyLine = false;
        for (OutputLine line : OutputLine.of(output)) {
            if (line.isBlank()) {
                continue;
            }
            anyLine = true;
            Matcher m;
            if ((m = RESUME.matcher(line.text())).matches() || (m = TOO_MANY_HOPS.matcher(line.text())).matches()) {
                Integer mtu = mtu(line, m.group(1));
                draft.pathMtu = mtu != null ? mtu : draft.pathMtu;
            } else if ((m = REPLY.matcher(line.text())).matches()) {
                reply(draft, line, line.integer(m.group(1), "TTL"), m.group(3), gaveUp);
            } else {
                throw line.malformed("not a tracepath line");
            }
        }
        if (!anyLine) {
            throw new MalformedOutputException("the output is empty");
        }
        if (!draft.hasHops() && draft.error == null) {
            throw new MalformedOutputException("no reply lines in the output");
        }
        return TraceDraft.finish(List.of(draft), FORMAT, output, context);
    }

    private static void reply(TraceDraft draft, OutputLine line, int ttl, String body, Set<Integer> gaveUp)
            throws MalformedOutputException {
        if (ttl < 1 || ttl > 255) {
            throw line.malformed("TTL " + ttl + " is outside 1-255");
        }
        switch (body) {
            case "no reply" -> {
                draft.hop(ttl).lost(PROBES_PER_NO_REPLY);
                gaveUp.add(ttl);
                return;
            }
            case "send failed" -> {
                draft.error = new TraceError(TraceError.Stage.EXECUTE, "tracepath could not send at TTL " + ttl);
                return;
            }
            case "reply received 8)" -> {
                // A UDP reply from the destination itself: it answered, without an ICMP error to name it.
                draft.destinationReached = Boolean.TRUE;
                return;
            }
            default -> {
            }
        }
        String[] tokens = body.split("\\s+");
        if (LOCALHOST.equals(tokens[0])) {
            // The local stack's report of the first-hop MTU: no router answered, nothing to count.
            for (int i = 1; i + 1 < tokens.length; i++) {
                if ("pmtu".equals(tokens[i])) {
                    Integer mtu = mtu(line, tokens[i + 1]);
                    draft.pathMtu = mtu != null ? mtu : draft.pathMtu;
                }
            }
            return;
        }
        int next = 1;
        String inParentheses = null;
        if (tokens.length > 1 && tokens[1].startsWith("(") && tokens[1].endsWith(")")) {
            inParentheses = tokens[1].substring(1, tokens[1].length() - 1);
            next = 2;
        }
        ShownHost shown = ShownHost.of(tokens[0], inParentheses);
        HopProbes hop = draft.hop(ttl);
        HopProbes.Answerer answerer = hop.answerer(shown.address(), shown.hostname());
        answerer.hostname(shown.hostname());
        if (gaveUp.contains(ttl)) {
            // A reply after "no reply" answers one of the probes already counted as lost.
            hop.answeredLate(1);
        }
        Double rtt = null;
        String rest = String.join(" ", Arrays.copyOfRange(tokens, next, tokens.length));
        if (rest.contains(BROKEN_ROUTER)) {
            rest = rest.replace(BROKEN_ROUTER, " ").strip();
        }
        String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            Matcher rttMatch = RTT.matcher(word);
            if (rttMatch.matches()) {
                rtt = line.number(rttMatch.group(1), "RTT");
            } else if ("asymm".equals(word) && i + 1 < words.length) {
                // The reply came back over a different number of hops; the trace has no field for the return path.
                line.integer(words[++i], "asymm");
            } else if ("pmtu".equals(word) && i + 1 < words.length) {
                Integer mtu = mtu(line, words[++i]);
                if (mtu != null) {
                    draft.pathMtu = mtu;
                    answerer.annotate("!F-" + mtu);
                }
            } else if ("reached".equals(word)) {
                draft.destinationReached = Boolean.TRUE;
                if (shown.address() != null) {
                    draft.targetAddress = shown.address();
                } else {
                    draft.targetHost = shown.hostname();
                }
            } else if (ANNOTATION.matcher(word).matches()) {
                answerer.annotate(word);
            } else {
                throw line.malformed("unexpected '" + word + "'");
            }
        }
        answerer.reply(rtt);
    }

    /**
     * The path MTU; null above 65535, which the trace schema cannot carry: Linux loopback has an MTU
     * of 65536 and IPv6 jumbograms go beyond, and such a path is still a path.
     */
    private static Integer mtu(OutputLine line, String token) throws MalformedOutputException {
        int mtu = line.integer(token, "pmtu");
        if (mtu < 68) {
            throw line.malformed("pmtu " + mtu + " is outside 68-65535");
        }
        return mtu > MAX_MTU ? null : mtu;
    }
}
