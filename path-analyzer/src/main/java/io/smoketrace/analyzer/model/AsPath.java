package io.smoketrace.analyzer.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * The AS path a trace's packets took, read from its hops: each hop's origin AS in order, consecutive
 * equal ASes once, and a {@link #GAP} where hops said nothing about their AS (no reply, a private,
 * shared or unrouted address), since an AS may hide there. Exchange LAN hops leave no trace: they sit
 * between two ASes and hide none.
 *
 * @param elements AS numbers and {@link #GAP}s, collapsed
 */
public record AsPath(List<Long> elements) {

    /** Stands for hops whose AS is unknown: any number of ASes, none included. */
    public static final long GAP = -1;

    /** The path of no hops. */
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        elements = elements == null ? List.of() : List.copyOf(elements);
    }

    /** Collapses per-hop ASes (or {@link #GAP}s) in TTL order into a path. */
    public static AsPath of(List<Long> perHop) {
        List<Long> elements = new ArrayList<>(perHop.size());
        for (long asn : perHop) {
            int size = elements.size();
            if (size > 0 && elements.get(size - 1) == asn) {
                continue;
            }
            // A gap inside one AS (A ? A) hides nothing: the hops around it are the same network.
            if (size > 1 && elements.get(size - 1) == GAP && elements.get(size - 2) == asn) {
                elements.remove(size - 1);
                continue;
            }
            elements.add(asn);
        }
        return new AsPath(elements);
    }

    /** The known ASes in order, gaps left out: what an operator reads as the AS path. */
    @JsonIgnore
    public List<Long> asns() {
        return elements.stream().filter(asn -> asn != GAP).toList();
    }

    /** The number of known ASes. */
    @JsonIgnore
    public int length() {
        return (int) elements.stream().filter(asn -> asn != GAP).count();
    }

    /** The known ASes space-separated, as in {@code 64500 64501 64510}. */
    @JsonIgnore
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (long asn : elements) {
            if (asn != GAP) {
                sb.append(sb.isEmpty() ? "" : " ").append(asn);
            }
        }
        return sb.isEmpty() ? "(none known)" : sb.toString();
    }

    /**
     * Whether one real AS path could have produced both: gaps may stand for any ASes, so
     * {@code 64500 ? 64510} fits {@code 64500 64501 64510}, but {@code 64500 64510} does not, since
     * nothing hides 64501 there. This is what keeps unanswered hops from faking an AS path change.
     */
    public boolean compatibleWith(AsPath other) {
        List<Long> a = elements;
        List<Long> b = other.elements;
        // fits[i][j]: the tails a[i..] and b[j..] can spell the same path.
        boolean[][] fits = new boolean[a.size() + 1][b.size() + 1];
        fits[a.size()][b.size()] = true;
        for (int i = a.size(); i >= 0; i--) {
            for (int j = b.size(); j >= 0; j--) {
                if (i == a.size() && j == b.size()) {
                    continue;
                }
                boolean gapA = i < a.size() && a.get(i) == GAP;
                boolean gapB = j < b.size() && b.get(j) == GAP;
                boolean fit = gapA && fits[i + 1][j]
                        || gapB && fits[i][j + 1]
                        || gapA && j < b.size() && fits[i][j + 1]
                        || gapB && i < a.size() && fits[i + 1][j]
                        || i < a.size() && j < b.size() && a.get(i).equals(b.get(j)) && fits[i + 1][j + 1];
                fits[i][j] = fit;
            }
        }
        return fits[0][0];
    }
}
