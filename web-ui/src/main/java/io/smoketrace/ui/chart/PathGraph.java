package io.smoketrace.ui.chart;

import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A path drawn as a graph, server-side in SVG: one row per TTL from the agent down to the target, the
 * responders of a TTL side by side (load balancing), each labelled with address, reverse name, origin
 * AS, prefix, loss and RTT; an edge from every responder to every responder of the next TTL; a band
 * where the origin AS changes (an AS boundary), and each AS in its own colour.
 */
public final class PathGraph {

    static final int NODE_WIDTH = 218;
    static final int NODE_HEIGHT = 46;
    static final int ROW = 64;
    static final int GAP = 14;
    static final int LEFT = 54;
    static final int TOP = 30;

    private static final String[] PALETTE = {"#e3edf9", "#e6f4ea", "#fdf0d9", "#f3e5f5", "#e0f2f1", "#fce4ec", "#ede7f6",
        "#f1f8e9", "#fff3e0", "#e8eaf6"};

    private PathGraph() {
    }

    /** The SVG of a path; {@code agentLabel} names the top of the graph (the vantage point). */
    public static String render(PathSnapshot path, String agentLabel) {
        List<HopSnapshot> hops = path.hops();
        int columns = Math.max(1, hops.stream().mapToInt(h -> h.responders().size()).max().orElse(1));
        int width = LEFT + columns * (NODE_WIDTH + GAP) + 10;
        int height = TOP + hops.size() * ROW + 10;
        Svg svg = new Svg(width, height, "path-graph", "path from " + agentLabel + " to the target, " + hops.size() + " hops");
        svg.text(LEFT, 16, "agent", "from " + agentLabel);

        List<double[]> previous = List.of(new double[] {LEFT + NODE_WIDTH / 2.0, 20});
        Long previousAs = null;
        for (int row = 0; row < hops.size(); row++) {
            HopSnapshot hop = hops.get(row);
            double y = TOP + row * ROW;
            Long rowAs = rowAs(hop);
            if (rowAs != null && previousAs != null && !rowAs.equals(previousAs)) {
                svg.open("line", true, "class", "as-boundary", "x1", 4, "y1", y - 9, "x2", width - 4, "y2", y - 9);
                svg.text(width - 8, y - 12, "as-boundary-label", "AS" + previousAs + " \u2192 AS" + rowAs, "text-anchor", "end");
            }
            if (rowAs != null) {
                previousAs = rowAs;
            }
            svg.text(8, y + NODE_HEIGHT / 2.0 + 4, "ttl", String.valueOf(hop.ttl()));
            List<double[]> anchors = new ArrayList<>();
            List<ResponderSnapshot> responders = hop.responders();
            for (int i = 0; i < responders.size(); i++) {
                double x = LEFT + i * (NODE_WIDTH + GAP);
                anchors.add(new double[] {x + NODE_WIDTH / 2.0, y});
            }
            for (double[] from : previous) {
                for (double[] to : anchors) {
                    svg.open("line", true, "class", "edge", "x1", from[0], "y1", from[1], "x2", to[0], "y2", to[1]);
                }
            }
            for (int i = 0; i < responders.size(); i++) {
                node(svg, hop.ttl(), responders.get(i), LEFT + i * (NODE_WIDTH + GAP), y);
            }
            List<double[]> bottoms = new ArrayList<>();
            for (double[] a : anchors) {
                bottoms.add(new double[] {a[0], a[1] + NODE_HEIGHT});
            }
            previous = bottoms;
        }
        return svg.finish();
    }

    private static void node(Svg svg, int ttl, ResponderSnapshot r, double x, double y) {
        boolean silent = r.addressClass() == AddressClass.NO_REPLY || "*".equals(r.address());
        String cssClass = silent ? "hop silent" : "hop" + (loss(r) >= 100 ? " lossy" : loss(r) > 0 ? " some-loss" : "");
        svg.open("g", false, "class", cssClass, "data-ttl", ttl, "data-address", r.address());
        svg.title(tooltip(ttl, r));
        svg.open("rect", true, "x", x, "y", y, "width", NODE_WIDTH, "height", NODE_HEIGHT, "rx", 5,
                "fill", silent ? "#f4f4f4" : fill(r.asn()));
        if (silent) {
            svg.text(x + 10, y + 28, "addr", "* no reply");
        } else {
            String name = r.hostname() != null && !r.hostname().isBlank() ? r.address() + "  " + shorten(r.hostname(), 22)
                    : r.address();
            svg.text(x + 8, y + 15, "addr", shorten(name, 34));
            svg.text(x + 8, y + 28, "as", asLine(r));
            svg.text(x + 8, y + 41, "stats", statsLine(r));
        }
        svg.end("g");
    }

    /** The AS of a TTL when all its answering responders agree on one. */
    private static Long rowAs(HopSnapshot hop) {
        Long as = null;
        for (ResponderSnapshot r : hop.responders()) {
            if (r.asn() == null) {
                continue;
            }
            if (as != null && !as.equals(r.asn())) {
                return null;
            }
            as = r.asn();
        }
        return as;
    }

    private static String asLine(ResponderSnapshot r) {
        if (r.addressClass() == AddressClass.IXP && r.ixpName() != null) {
            return "exchange LAN of " + r.ixpName();
        }
        if (r.addressClass() != null && r.addressClass() != AddressClass.PUBLIC) {
            return r.addressClass().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " address";
        }
        String as = r.asn() == null ? "AS unknown" : "AS" + r.asn();
        return r.prefix() == null ? as : as + " \u00b7 " + r.prefix();
    }

    private static String statsLine(ResponderSnapshot r) {
        String rtt = r.rttAvgMs() == null ? "no RTT" : String.format(Locale.ROOT, "%.1f ms", r.rttAvgMs());
        return String.format(Locale.ROOT, "loss %.0f %% \u00b7 %s", loss(r), rtt);
    }

    private static String tooltip(int ttl, ResponderSnapshot r) {
        StringBuilder sb = new StringBuilder("TTL ").append(ttl).append(": ").append(r.address());
        if (r.hostname() != null) {
            sb.append(" (").append(r.hostname()).append(')');
        }
        sb.append(", ").append(asLine(r)).append(", ").append(statsLine(r));
        return sb.toString();
    }

    private static double loss(ResponderSnapshot r) {
        return r.lossPercent() == null ? 0 : r.lossPercent();
    }

    /** The same AS always gets the same colour. */
    static String fill(Long asn) {
        if (asn == null) {
            return "#ffffff";
        }
        return PALETTE[Math.floorMod(Objects.hash(asn), PALETTE.length)];
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
