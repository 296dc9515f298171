package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.RttStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every mtr output format says about one run (the target as typed, when, how many cycles,
 * and its host rows), turned into a trace draft by one set of rules: a host gets sent = Snt,
 * received from Rcv, Drop or Loss%, loss as reported, and its RTT statistics; {@code ???} is the
 * no-reply responder with all of Snt; a further host of the same hop without statistics of its
 * own is listed with no counts, since mtr cannot say which probes it answered.
 */
final class MtrRun {

    private static final String NO_REPLY = "???";

    String target;
    Instant startedAt;
    String version;
    Integer cycles;
    final List<MtrHub> hubs = new ArrayList<>();

    /** Adds the run's draft to those of the output, when the run has any host rows (a header alone is no trace). */
    static void finishInto(MtrRun run, List<TraceDraft> drafts) throws MalformedOutputException {
        if (run != null && !run.hubs.isEmpty()) {
            drafts.add(run.toDraft());
        }
    }

    TraceDraft toDraft() throws MalformedOutputException {
        TraceDraft draft = new TraceDraft("mtr");
        draft.toolVersion = version;
        draft.startedAt = startedAt;
        if (target != null && !target.isBlank()) {
            draft.targetHost = target;
            draft.targetAddress = Addresses.isAddress(target) ? Addresses.withoutZone(target) : null;
        }
        int mostSent = 0;
        for (MtrHub hub : hubs) {
            if (hub.hop < 1 || hub.hop > 255) {
                throw hub.malformed("hop " + hub.hop + " is outside 1-255");
            }
            HopProbes hop = draft.hop(hub.hop);
            if (NO_REPLY.equals(hub.host)) {
                hop.lost(sent(hub));
                continue;
            }
            ShownHost shown = ShownHost.parse(hub.host);
            HopProbes.Answerer answerer = hop.answerer(shown.address(), shown.hostname());
            answerer.hostname(shown.hostname());
            answerer.asn(hub.asn);
            answerer.mpls(hub.mpls);
            if (hub.values.isEmpty()) {
                answerer.counts(0, 0, 0.0, null);
                continue;
            }
            int sent = sent(hub);
            int received = received(hub, sent);
            double loss = hub.values.containsKey(MtrColumn.LOSS) ? hub.values.get(MtrColumn.LOSS)
                    : sent == 0 ? 0.0 : 100.0 * (sent - received) / sent;
            if (loss > 100.0) {
                throw hub.malformed("Loss% " + loss + " is over 100");
            }
            answerer.counts(sent, received, loss, received > 0 ? rtt(hub) : null);
            mostSent = Math.max(mostSent, sent);
        }
        draft.probesPerHop = cycles != null && cycles > 0 ? cycles : mostSent > 0 ? mostSent : null;
        return draft;
    }

    private int sent(MtrHub hub) throws MalformedOutputException {
        Double sent = hub.values.get(MtrColumn.SENT);
        if (sent == null && hub.values.containsKey(MtrColumn.RECEIVED) && hub.values.containsKey(MtrColumn.DROP)) {
            sent = hub.values.get(MtrColumn.RECEIVED) + hub.values.get(MtrColumn.DROP);
        }
        if (sent == null && cycles != null) {
            sent = (double) cycles;
        }
        if (sent == null) {
            throw hub.malformed("no Snt column and no cycle count to tell how many probes were sent");
        }
        return whole(hub, sent, "Snt");
    }

    private static int received(MtrHub hub, int sent) throws MalformedOutputException {
        int received;
        if (hub.values.containsKey(MtrColumn.RECEIVED)) {
            received = whole(hub, hub.values.get(MtrColumn.RECEIVED), "Rcv");
        } else if (hub.values.containsKey(MtrColumn.DROP)) {
            received = sent - whole(hub, hub.values.get(MtrColumn.DROP), "Drop");
        } else if (hub.values.containsKey(MtrColumn.LOSS)) {
            // mtr reports loss, not replies: Snt 10 at 30.0% means 7 came back.
            received = (int) Math.round(sent * (100.0 - hub.values.get(MtrColumn.LOSS)) / 100.0);
        } else {
            throw hub.malformed("none of Rcv, Drop or Loss% to tell how many replies came back");
        }
        if (received < 0 || received > sent) {
            throw hub.malformed(received + " replies to " + sent + " probes");
        }
        return received;
    }

    /** The RTT statistics mtr printed; figures a custom -o left out stay unknown, and without Avg there are none. */
    private static RttStats rtt(MtrHub hub) {
        Double avg = hub.values.get(MtrColumn.AVG);
        if (avg == null) {
            return null;
        }
        return new RttStats(hub.values.get(MtrColumn.LAST), avg, hub.values.get(MtrColumn.BEST),
                hub.values.get(MtrColumn.WORST), hub.values.get(MtrColumn.STDEV));
    }

    private static int whole(MtrHub hub, double value, String column) throws MalformedOutputException {
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw hub.malformed(column + " " + value + " is not a whole number");
        }
        return (int) value;
    }
}
