package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.MplsLabel;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.common.trace.RttStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read so far about one TTL: each answering address with its replies, and the count of
 * probes nobody answered, in the order they first appeared, until it becomes a {@link Hop}.
 */
final class HopProbes {

    private static final String NO_REPLY_KEY = Responder.NO_REPLY;

    private final int ttl;
    private final Map<String, Answerer> byKey = new LinkedHashMap<>();
    private int lost;

    HopProbes(int ttl) {
        this.ttl = ttl;
    }

    int ttl() {
        return ttl;
    }

    /**
     * The entry for an address (or, when the tool printed only a name, for that name), created on
     * first sight; {@code address} may be null, {@code hostname} too.
     */
    Answerer answerer(String address, String hostname) {
        String key = address != null ? address : "name:" + hostname;
        return byKey.computeIfAbsent(key, k -> new Answerer(address, hostname));
    }

    /** Probes at this TTL that nobody answered. */
    void lost(int probes) {
        if (probes > 0) {
            lost += probes;
            byKey.putIfAbsent(NO_REPLY_KEY, null);
        }
    }

    /** Takes back probes counted as lost because their replies turned up late after all. */
    void answeredLate(int probes) {
        lost = Math.max(0, lost - probes);
    }

    /** Probes counted at this TTL, answered or not. */
    int probes() {
        int probes = lost;
        for (Answerer a : byKey.values()) {
            if (a != null) {
                probes += a.sent();
            }
        }
        return probes;
    }

    /** Every entry that stands for a real address, in first-seen order. */
    List<Answerer> answerers() {
        List<Answerer> answerers = new ArrayList<>();
        for (Answerer a : byKey.values()) {
            if (a != null) {
                answerers.add(a);
            }
        }
        return answerers;
    }

    boolean isEmpty() {
        return lost == 0 && answerers().isEmpty();
    }

    /** The hop, with responders shown only by name given the not-printed address of the family. */
    Hop toHop(AddressFamily family) {
        List<Responder> responders = new ArrayList<>();
        for (Map.Entry<String, Answerer> e : byKey.entrySet()) {
            if (e.getValue() != null) {
                responders.add(e.getValue().toResponder(family));
            } else if (lost > 0) {
                responders.add(Responder.noReply(lost));
            }
        }
        return new Hop(ttl, responders);
    }

    /**
     * One address that answered at the TTL: its replies probe by probe (traceroute, scamper, Atlas,
     * mtr --raw), or the counts and statistics a tool printed for it (mtr's report formats).
     */
    static final class Answerer {

        private final String address;
        private String hostname;
        private Long asn;
        private int replies;
        private final List<Double> samples = new ArrayList<>();
        private final Set<String> annotations = new LinkedHashSet<>();
        private final List<MplsLabel> mpls = new ArrayList<>();
        private Counts counts;

        private Answerer(String address, String hostname) {
            this.address = address;
            this.hostname = hostname;
        }

        String address() {
            return address;
        }

        String hostname() {
            return hostname;
        }

        /** One reply, with its round-trip time in milliseconds (null when the tool gave none). */
        void reply(Double rttMs) {
            replies++;
            if (rttMs != null) {
                samples.add(rttMs);
            }
        }

        void hostname(String name) {
            if (hostname == null) {
                hostname = name;
            }
        }

        void asn(Long number) {
            if (number != null) {
                asn = number;
            }
        }

        void annotate(String annotation) {
            annotations.add(annotation);
        }

        /** The label stack quoted in a reply; a stack already recorded is not repeated. */
        void mpls(List<MplsLabel> stack) {
            for (MplsLabel label : stack) {
                if (!mpls.contains(label)) {
                    mpls.add(label);
                }
            }
        }

        /** The counts and statistics the tool printed for this responder, instead of individual replies. */
        void counts(int sent, int received, double lossPercent, RttStats rtt) {
            counts = new Counts(sent, received, lossPercent, rtt);
        }

        int sent() {
            return counts != null ? counts.sent : replies;
        }

        Responder toResponder(AddressFamily family) {
            String shown = address != null ? address : Addresses.notPrinted(family);
            if (counts != null) {
                return new Responder(shown, hostname, asn, counts.sent, counts.received, counts.lossPercent,
                        counts.rtt, samples, List.copyOf(annotations), mpls);
            }
            // Probe by probe, every probe counted here was answered: the unanswered ones are the "*" responder's.
            return new Responder(shown, hostname, asn, replies, replies, 0.0, RttStats.of(samples), samples,
                    List.copyOf(annotations), mpls);
        }

        private record Counts(int sent, int received, double lossPercent, RttStats rtt) {
        }
    }
}
