package io.smoketrace.ui.service;

import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The before and after of a path change, TTL by TTL, as the timeline shows it. */
public final class PathDiff {

    /**
     * One TTL before and after.
     *
     * @param ttl the TTL
     * @param before responders before ({@code *} for no reply), empty when the path was shorter
     * @param beforeAs their origin ASes
     * @param after responders after
     * @param afterAs their origin ASes
     * @param changed whether both answered from different routers, or only one path has this TTL (a silent hop is no change)
     */
    public record Row(int ttl, String before, String beforeAs, String after, String afterAs, boolean changed) {
    }

    private PathDiff() {
    }

    public static List<Row> of(PathSnapshot before, PathSnapshot after) {
        Map<Integer, HopSnapshot> b = byTtl(before);
        Map<Integer, HopSnapshot> a = byTtl(after);
        Set<Integer> ttls = new TreeSet<>(b.keySet());
        ttls.addAll(a.keySet());
        List<Row> rows = new ArrayList<>(ttls.size());
        for (int ttl : ttls) {
            Set<String> left = addresses(b.get(ttl));
            Set<String> right = addresses(a.get(ttl));
            boolean changed = !left.isEmpty() && !right.isEmpty() && left.stream().noneMatch(right::contains)
                    || left.isEmpty() != right.isEmpty() && (b.get(ttl) == null || a.get(ttl) == null);
            rows.add(new Row(ttl, text(b.get(ttl)), asText(b.get(ttl)), text(a.get(ttl)), asText(a.get(ttl)), changed));
        }
        return rows;
    }

    private static Map<Integer, HopSnapshot> byTtl(PathSnapshot path) {
        Map<Integer, HopSnapshot> hops = new TreeMap<>();
        if (path != null) {
            path.hops().forEach(h -> hops.put(h.ttl(), h));
        }
        return hops;
    }

    private static Set<String> addresses(HopSnapshot hop) {
        Set<String> addresses = new TreeSet<>();
        if (hop != null) {
            for (ResponderSnapshot r : hop.responders()) {
                if (r.addressClass() != AddressClass.NO_REPLY && !"*".equals(r.address())) {
                    addresses.add(r.address());
                }
            }
        }
        return addresses;
    }

    private static String text(HopSnapshot hop) {
        if (hop == null) {
            return "";
        }
        return hop.responders().stream().map(ResponderSnapshot::address).collect(Collectors.joining(" | "));
    }

    private static String asText(HopSnapshot hop) {
        if (hop == null) {
            return "";
        }
        return hop.responders().stream().filter(r -> r.asn() != null).map(r -> "AS" + r.asn()).distinct()
                .collect(Collectors.joining(" | "));
    }
}
