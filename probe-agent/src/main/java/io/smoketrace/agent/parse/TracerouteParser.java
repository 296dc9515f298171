package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads traceroute's text: Linux traceroute and traceroute6, BSD and macOS traceroute, with names
 * or -n, with or without the header, several responders per TTL on one line or on continuation
 * lines, {@code !} annotations, -A/-a AS numbers, -e MPLS extensions, any -q; and tcptraceroute,
 * which prints the same layout with {@code [open]}/{@code [closed]} at the destination.
 */
final class TracerouteParser implements TraceParser {

    static final String FORMAT = "traceroute";

    private static final Pattern HEADER = Pattern.compile(
            "^(traceroute6?) to (\\S+)\\s*(?:\\(([^)]*)\\))?(?: from (\\S+))?,\\s*(\\d+) hops max(?:,.*)?$");
    private static final Pattern TCPTRACEROUTE_HEADER = Pattern.compile(
            "^Tracing the path to (\\S+)(?: \\(([^)]*)\\))? on TCP port (\\d+)(?: \\([^)]*\\))?, (\\d+) hops max.*$");
    private static final Pattern TCPTRACEROUTE_DEVICE = Pattern.compile(
            "^Selected device \\S+, address (\\S+), port (\\d+) for outgoing packets$");
    private static final Pattern WARNING = Pattern.compile("^(?:traceroute6?|tcptraceroute): Warning: .*");
    private static final Pattern HOP = Pattern.compile("^\\s*(\\d+)(?:\\s+(.*))?$");
    private static final Pattern ANNOTATION = Pattern.compile("!(?:[A-Za-z](?:-\\d+)?|<\\d+>)?");
    private static final Pattern ASN = Pattern.compile("\\[(?:AS(\\d+)|\\*)]");
    private static final Pattern JOINED_RTT = Pattern.compile("(\\d+(?:\\.\\d+)?)ms");
    private static final String MS = "ms";
    private static final String NO_REPLY = "*";
    private static final int MAX_TTL = 255;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        for (OutputLine line : OutputLine.of(OutputLine.head(output))) {
            String text = line.text();
            if (line.isBlank() || WARNING.matcher(text).matches() || TCPTRACEROUTE_DEVICE.matcher(text).matches()) {
                continue;
            }
            return HEADER.matcher(text).matches() || TCPTRACEROUTE_HEADER.matcher(text).matches()
                    || HOP.matcher(text).matches();
        }
        return false;
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        TraceDraft draft = new TraceDraft(FORMAT);
        Integer sourcePort = null;
        Integer destinationPort = null;
        HopReader hop = null;
        boolean anyLine = false;
        for (OutputLine line : OutputLine.of(output)) {
            if (line.isBlank() || WARNING.matcher(line.text()).matches()) {
                continue;
            }
            anyLine = true;
            Matcher m;
            if (hop == null && (m = HEADER.matcher(line.text())).matches()) {
                target(draft, m.group(2), m.group(3));
                draft.sourceAddress = Addresses.isAddress(m.group(4)) ? m.group(4) : null;
                draft.maxTtl = maxTtl(line, m.group(5));
            } else if (hop == null && (m = TCPTRACEROUTE_DEVICE.matcher(line.text())).matches()) {
                draft.tool = "tcptraceroute";
                draft.sourceAddress = Addresses.isAddress(m.group(1)) ? m.group(1) : null;
                sourcePort = line.integer(m.group(2), "source port");
            } else if (hop == null && (m = TCPTRACEROUTE_HEADER.matcher(line.text())).matches()) {
                draft.tool = "tcptraceroute";
                target(draft, m.group(1), m.group(2));
                destinationPort = line.integer(m.group(3), "TCP port");
                draft.maxTtl = maxTtl(line, m.group(4));
            } else if ((m = HOP.matcher(line.text())).matches()) {
                int ttl = line.integer(m.group(1), "hop number");
                if (ttl < 1 || ttl > MAX_TTL) {
                    throw line.malformed("hop number " + ttl + " is outside 1-" + MAX_TTL);
                }
                if (hop != null && ttl <= hop.ttl()) {
                    throw line.malformed("hop " + ttl + " follows hop " + hop.ttl() + "; hop numbers must increase");
                }
                hop = new HopReader(draft, draft.hop(ttl));
                hop.read(line, m.group(2) == null ? new String[0] : m.group(2).strip().split("\\s+"));
            } else if (hop != null && Character.isWhitespace(line.text().charAt(0))) {
                // BSD and macOS put a further responder of the same TTL on its own indented line.
                hop.read(line, line.text().strip().split("\\s+"));
            } else {
                throw line.malformed("not a traceroute header or hop line");
            }
        }
        if (!anyLine) {
            throw new MalformedOutputException("the output is empty");
        }
        if (!draft.hasHops()) {
            throw new MalformedOutputException("no hop lines in the output");
        }
        if ("tcptraceroute".equals(draft.tool)) {
            draft.protocol = ProbeProtocol.TCP;
            // tcptraceroute keeps one source port for the whole run, so every probe is on one flow.
            draft.flow = new FlowIdentity(sourcePort != null, sourcePort, destinationPort, null, null);
        }
        draft.probesPerHop = draft.mostProbesAtOneTtl();
        return TraceDraft.finish(List.of(draft), FORMAT, output, context);
    }

    private static void target(TraceDraft draft, String host, String address) {
        draft.targetHost = host;
        if (Addresses.isAddress(address)) {
            draft.targetAddress = Addresses.withoutZone(address);
        } else if (Addresses.isAddress(host)) {
            draft.targetAddress = Addresses.withoutZone(host);
        }
    }

    private static Integer maxTtl(OutputLine line, String hops) throws MalformedOutputException {
        int max = line.integer(hops, "hops max");
        return max >= 1 && max <= MAX_TTL ? max : null;
    }

    /** Reads the probes of one TTL, line by line, remembering which responder an RTT belongs to. */
    private static final class HopReader {

        private final TraceDraft draft;
        private final HopProbes hop;
        /** The responder whose address was printed last: later RTTs without an address are its (traceroute prints an address only when it changes). */
        private HopProbes.Answerer current;
        /** The responder of the most recent RTT, which a following {@code !} annotation belongs to. */
        private HopProbes.Answerer lastReply;
        /** Whether the last token named a responder, so a following [ASn] or <MPLS> belongs to it (Linux order). */
        private boolean justNamed;
        /** An ASN printed before the responder it belongs to (BSD and macOS -a). */
        private PendingAsn pendingAsn;

        HopReader(TraceDraft draft, HopProbes hop) {
            this.draft = draft;
            this.hop = hop;
        }

        int ttl() {
            return hop.ttl();
        }

        void read(OutputLine line, String[] tokens) throws MalformedOutputException {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isEmpty()) {
                    continue;
                }
                Matcher joined;
                if (NO_REPLY.equals(token)) {
                    hop.lost(1);
                    justNamed = false;
                } else if (i + 1 < tokens.length && MS.equals(tokens[i + 1])) {
                    reply(line, line.number(token, "RTT"));
                    i++;
                } else if ((joined = JOINED_RTT.matcher(token)).matches()) {
                    reply(line, line.number(joined.group(1), "RTT"));
                } else if (token.startsWith("!")) {
                    annotate(line, token);
                } else if (ASN.matcher(token).matches()) {
                    asn(line, token);
                } else if (token.startsWith("<") && token.endsWith(">")) {
                    if (!justNamed) {
                        throw line.malformed("extension " + token + " does not follow a responder");
                    }
                    current.mpls(MplsStacks.fromTracerouteExtension(token.substring(1, token.length() - 1), line));
                } else if ("[open]".equals(token) || "[closed]".equals(token)) {
                    if (current == null) {
                        throw line.malformed(token + " does not follow a responder");
                    }
                    // tcptraceroute marks the destination's own SYN-ACK or RST: the target answered.
                    draft.destinationReached = Boolean.TRUE;
                } else if (MS.equals(token)) {
                    throw line.malformed("'ms' without an RTT before it");
                } else {
                    String inParentheses = null;
                    if (i + 1 < tokens.length && tokens[i + 1].startsWith("(") && tokens[i + 1].endsWith(")")) {
                        inParentheses = tokens[++i];
                        inParentheses = inParentheses.substring(1, inParentheses.length() - 1);
                    } else if (!Addresses.isAddress(token)) {
                        throw line.malformed("unexpected '" + token + "'");
                    }
                    named(ShownHost.of(token, inParentheses));
                }
            }
        }

        private void named(ShownHost shown) {
            current = hop.answerer(shown.address(), shown.hostname());
            current.hostname(shown.hostname());
            if (pendingAsn != null) {
                current.asn(pendingAsn.value());
                pendingAsn = null;
            }
            justNamed = true;
        }

        private void reply(OutputLine line, double rtt) throws MalformedOutputException {
            if (current == null) {
                throw line.malformed("RTT before any responder address");
            }
            current.reply(rtt);
            lastReply = current;
            justNamed = false;
        }

        private void annotate(OutputLine line, String token) throws MalformedOutputException {
            if (!ANNOTATION.matcher(token).matches()) {
                throw line.malformed("unknown annotation '" + token + "'");
            }
            if (lastReply == null) {
                throw line.malformed("annotation " + token + " does not follow an RTT");
            }
            lastReply.annotate(token);
        }

        private void asn(OutputLine line, String token) throws MalformedOutputException {
            Matcher m = ASN.matcher(token);
            m.matches();
            Long asn = m.group(1) == null ? null : AsNumbers.parse(m.group(1));
            if (m.group(1) != null && asn == null) {
                throw line.malformed("AS number " + token + " is not a 32-bit AS number");
            }
            if (justNamed) {
                current.asn(asn);
            } else {
                pendingAsn = new PendingAsn(asn);
            }
        }

        /** An ASN waiting for its responder; {@code [*]} (lookup failed) is a pending null. */
        private record PendingAsn(Long value) {
        }
    }
}
