package io.smoketrace.analyzer.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One distinct IP path of an (agent, target) pair: the responder set learned at each TTL. Traces that
 * differ from it only by {@code *} hops, by responders it already knows, or by load-balanced detours
 * between two routers it knows (ECMP "diamonds") are the same path version and keep its id.
 *
 * @param id stable id, derived from the pair and the first trace that showed the path, so replaying the same traces yields the same id
 * @param destinationReached whether the path reaches the target
 * @param responders per TTL (index 0 is TTL 1), the addresses seen there in address order; empty where nothing ever answered
 * @param firstSeen when a trace first showed it
 * @param lastSeen when a trace last showed it
 */
public record PathVersion(String id, boolean destinationReached, List<List<String>> responders, Instant firstSeen, Instant lastSeen) {

    public PathVersion {
        // Empty lists come back from JSON as null (the shared mapper leaves them out).
        responders = responders == null ? List.of()
                : responders.stream().map(addresses -> addresses == null ? List.<String>of() : List.copyOf(addresses)).toList();
    }

    /** The version a trace founds: its responders, its id derived from the pair and the trace's hops. */
    public static PathVersion founding(String agentId, String targetId, ObservedPath path) {
        List<List<String>> responders = new ArrayList<>(path.hopCount());
        StringBuilder canonical = new StringBuilder(agentId).append('/').append(targetId).append('|');
        for (ObservedHop hop : path.hops()) {
            List<String> addresses = hop.addresses();
            responders.add(addresses);
            canonical.append(addresses.isEmpty() ? "*" : String.join(",", addresses)).append(' ');
        }
        canonical.append(path.destinationReached() ? "reached" : "unreached");
        String id = UUID.nameUUIDFromBytes(canonical.toString().getBytes(StandardCharsets.UTF_8)).toString();
        return new PathVersion(id, path.destinationReached(), responders, path.observedAt(), path.observedAt());
    }

    /** The number of hops. */
    @JsonIgnore
    public int hopCount() {
        return responders.size();
    }

    /**
     * This version extended with what the trace adds (new ECMP responders, answers where it only
     * had {@code *}), or null when the trace shows a different path.
     *
     * <p>The trace is the same path when, TTL by TTL, its responders are {@code *}, known, or share a
     * router with the known set, except for runs of at most {@code ecmpDiamondHops} differing TTLs
     * that start and end at a router both share (or start at the agent) and stay within the ASes of
     * those two routers: a load balancer splits there and the branches meet again inside the same
     * networks. A detour through another AS is a real change, however short. A different hop count to
     * the same reached target is a different path; a path that stops short (target not reached) is
     * compared as far as it goes.
     */
    public PathVersion absorb(ObservedPath path, int ecmpDiamondHops, int maxRespondersPerHop) {
        boolean bothReached = destinationReached && path.destinationReached();
        if (bothReached && hopCount() != path.hopCount()) {
            return null;
        }
        int common = Math.min(hopCount(), path.hopCount());
        int anchor = 0;
        int diamondHops = 0;
        for (int ttl = 1; ttl <= common; ttl++) {
            List<String> known = responders.get(ttl - 1);
            List<String> seen = path.hop(ttl).addresses();
            if (known.isEmpty() || seen.isEmpty()) {
                continue;
            }
            if (shareAny(known, seen)) {
                if (diamondHops > 0 && !staysWithinAnchors(path, anchor, ttl)) {
                    return null;
                }
                diamondHops = 0;
                anchor = ttl;
            } else if (++diamondHops > ecmpDiamondHops) {
                return null;
            }
        }
        if (diamondHops > 0) {
            // A detour that has not rejoined by the last compared hop is not a diamond.
            return null;
        }
        return learned(path, maxRespondersPerHop);
    }

    private PathVersion learned(ObservedPath path, int maxRespondersPerHop) {
        boolean changed = false;
        int hops = destinationReached || !path.destinationReached() ? Math.max(hopCount(), path.hopCount()) : path.hopCount();
        List<List<String>> merged = new ArrayList<>(hops);
        for (int ttl = 1; ttl <= hops; ttl++) {
            List<String> known = ttl <= hopCount() ? responders.get(ttl - 1) : List.of();
            List<String> seen = ttl <= path.hopCount() ? path.hop(ttl).addresses() : List.of();
            List<String> union = known;
            for (String address : seen) {
                if (!union.contains(address) && union.size() < maxRespondersPerHop) {
                    union = new ArrayList<>(union);
                    union.add(address);
                    union.sort(null);
                }
            }
            changed |= union != known;
            merged.add(union);
        }
        changed |= hops != hopCount() || path.destinationReached() && !destinationReached;
        return new PathVersion(id, destinationReached || path.destinationReached(), changed ? merged : responders, firstSeen,
                path.observedAt().isAfter(lastSeen) ? path.observedAt() : lastSeen);
    }

    /** Whether every known AS on the trace's hops strictly between two TTLs is the AS of a responder at one of them. */
    private static boolean staysWithinAnchors(ObservedPath path, int from, int to) {
        List<Long> anchorAsns = new ArrayList<>();
        for (int ttl : new int[] {from, to}) {
            if (ttl >= 1) {
                path.hop(ttl).responders().forEach(responder -> anchorAsns.add(responder.asn()));
            }
        }
        for (int ttl = from + 1; ttl < to; ttl++) {
            for (ObservedResponder responder : path.hop(ttl).responders()) {
                if (responder.asn() != null && !anchorAsns.contains(responder.asn())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean shareAny(List<String> a, List<String> b) {
        for (String address : b) {
            if (a.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first TTL at which the other version's routers differ from this one's (both answered and
     * share none), or the first TTL beyond the shorter of the two when only the length differs.
     */
    public int firstDifference(PathVersion other) {
        int common = Math.min(hopCount(), other.hopCount());
        for (int ttl = 1; ttl <= common; ttl++) {
            List<String> mine = responders.get(ttl - 1);
            List<String> theirs = other.responders.get(ttl - 1);
            if (!mine.isEmpty() && !theirs.isEmpty() && !shareAny(mine, theirs)) {
                return ttl;
            }
        }
        return Math.min(common + 1, Math.max(1, other.hopCount()));
    }
}
