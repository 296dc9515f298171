package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads mtr --raw, the only mtr output with single probes: {@code x <pos> <seq>} a probe sent,
 * {@code p <pos> <usec> <seq>} its reply, {@code h <pos> <address>} the address now answering at
 * that position, {@code d <pos> <name>} its name, {@code m <pos> <label> <tc> <s> <ttl>} its MPLS
 * labels ({@code pos} is TTL - 1). Unlike mtr's reports this attributes every reply to the
 * address that sent it and every lost probe to the no-reply responder.
 */
final class MtrRawParser implements TraceParser {

    static final String FORMAT = "mtr-raw";

    /** mtr's default -m 30: a cycle that ends at this position may have stopped at max TTL, not at the target. */
    private static final int DEFAULT_LAST_POSITION = 29;
    private static final double MICROSECONDS_PER_MS = 1000.0;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        String head = output.stripLeading();
        return head.length() > 2 && "xhpdm".indexOf(head.charAt(0)) >= 0 && head.charAt(1) == ' '
                && Character.isDigit(head.charAt(2));
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        Map<Integer, Position> positions = new TreeMap<>();
        List<Integer> sendOrder = new ArrayList<>();
        boolean anyLine = false;
        for (OutputLine line : OutputLine.of(output)) {
            if (line.isBlank()) {
                continue;
            }
            anyLine = true;
            String[] f = line.text().strip().split("\\s+");
            if (f.length < 2 || f[0].length() != 1) {
                throw line.malformed("not an mtr raw line");
            }
            int pos = line.integer(f[1], "position");
            if (pos < 0 || pos > 254) {
                throw line.malformed("position " + pos + " is outside 0-254");
            }
            Position at = positions.computeIfAbsent(pos, p -> new Position());
            switch (f[0].charAt(0)) {
                case 'x' -> {
                    expect(line, f, 3);
                    at.sent(line.integer(f[2], "sequence number"));
                    sendOrder.add(pos);
                }
                case 'p' -> {
                    if (f.length != 3 && f.length != 4) {
                        throw line.malformed("a p line has 3 or 4 fields");
                    }
                    if (at.address == null) {
                        throw line.malformed("reply at position " + pos + " before any h line names its address");
                    }
                    double rtt = line.number(f[2], "RTT") / MICROSECONDS_PER_MS;
                    at.answered(f.length == 4 ? line.integer(f[3], "sequence number") : null, rtt);
                }
                case 'h' -> {
                    expect(line, f, 3);
                    if (!Addresses.isAddress(f[2])) {
                        throw line.malformed("'" + f[2] + "' is not an address");
                    }
                    at.address = Addresses.withoutZone(f[2]);
                }
                case 'd' -> {
                    expect(line, f, 3);
                    if (at.address == null) {
                        throw line.malformed("name before any h line at position " + pos);
                    }
                    at.names.putIfAbsent(at.address, f[2]);
                }
                case 'm' -> {
                    expect(line, f, 6);
                    if (at.address == null) {
                        throw line.malformed("MPLS label before any h line at position " + pos);
                    }
                    MplsLabel label = MplsStacks.fitting(line.integer(f[2], "label"), line.integer(f[3], "traffic class"),
                            line.integer(f[4], "bottom of stack"), line.integer(f[5], "label TTL"));
                    if (label == null) {
                        throw line.malformed("MPLS label out of range");
                    }
                    at.mpls.computeIfAbsent(at.address, a -> new ArrayList<>()).add(label);
                }
                case 't' -> {
                    // Documented by mtr as a timestamp line but never written by it; it would repeat a p line.
                }
                default -> throw line.malformed("unknown mtr raw line type '" + f[0] + "'");
            }
        }
        if (!anyLine) {
            throw new MalformedOutputException("the output is empty");
        }
        TraceDraft draft = new TraceDraft("mtr");
        int cycles = 0;
        for (Map.Entry<Integer, Position> e : positions.entrySet()) {
            e.getValue().replay(draft.hop(e.getKey() + 1));
            cycles = Math.max(cycles, e.getValue().probes.size());
        }
        if (!draft.hasHops()) {
            throw new MalformedOutputException("no probes in the output");
        }
        draft.probesPerHop = cycles > 0 ? cycles : null;
        String target = context.targetHost() != null ? context.targetHost() : destination(positions, sendOrder);
        if (target != null) {
            draft.targetHost = target;
            draft.targetAddress = Addresses.isAddress(target) ? target : null;
            // Probes of the first cycle were already out beyond the target when it answered; mtr shows hops only up to it.
            Integer reachedAt = firstPositionAnsweredBy(positions, target);
            if (reachedAt != null) {
                draft.hops().tailMap(reachedAt + 1, false).clear();
            }
        }
        return TraceDraft.finish(List.of(draft), FORMAT, output, context);
    }

    private static void expect(OutputLine line, String[] fields, int count) throws MalformedOutputException {
        if (fields.length != count) {
            throw line.malformed("a " + fields[0] + " line has " + count + " fields");
        }
    }

    /**
     * The target when the caller did not name one: mtr starts each new cycle once the target has
     * answered, so the last position of the second cycle is the target's, if one address answered
     * there (and the cycle did not just run into the default max TTL).
     */
    private static String destination(Map<Integer, Position> positions, List<Integer> sendOrder) {
        int cycle = 0;
        int last = -1;
        int lastOfSecondCycle = -1;
        for (int pos : sendOrder) {
            if (pos <= last) {
                cycle++;
            }
            if (cycle == 1) {
                lastOfSecondCycle = Math.max(lastOfSecondCycle, pos);
            }
            last = pos;
        }
        if (lastOfSecondCycle < 0 || lastOfSecondCycle >= DEFAULT_LAST_POSITION) {
            return null;
        }
        Position end = positions.get(lastOfSecondCycle);
        return end != null && end.answeredBy.size() == 1 ? end.answeredBy.keySet().iterator().next() : null;
    }

    private static Integer firstPositionAnsweredBy(Map<Integer, Position> positions, String target) {
        for (Map.Entry<Integer, Position> e : positions.entrySet()) {
            for (String address : e.getValue().answeredBy.keySet()) {
                if (Addresses.same(address, target)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** The probes sent at one position and what answered them, keyed by sequence number in sending order. */
    private static final class Position {

        private final Map<Integer, Reply> probes = new LinkedHashMap<>();
        private final List<Reply> unnumbered = new ArrayList<>();
        private final Map<String, Integer> answeredBy = new LinkedHashMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, List<MplsLabel>> mpls = new HashMap<>();
        private String address;

        void sent(int seq) {
            probes.putIfAbsent(seq, null);
        }

        void answered(Integer seq, double rtt) {
            Reply reply = new Reply(address, rtt);
            if (seq == null) {
                // mtr before 0.80 wrote no sequence number: the reply stands for a probe of its own.
                unnumbered.add(reply);
            } else if (probes.get(seq) == null) {
                probes.put(seq, reply);
            }
            answeredBy.merge(address, 1, Integer::sum);
        }

        void replay(HopProbes hop) {
            List<Reply> inOrder = new ArrayList<>(probes.values());
            inOrder.addAll(unnumbered);
            for (Reply reply : inOrder) {
                if (reply == null) {
                    hop.lost(1);
                } else {
                    HopProbes.Answerer answerer = hop.answerer(reply.address(), names.get(reply.address()));
                    answerer.reply(reply.rtt());
                    answerer.mpls(mpls.getOrDefault(reply.address(), List.of()));
                }
            }
        }

        private record Reply(String address, double rtt) {
        }
    }
}
