package io.smoketrace.ui.chart;

import io.smoketrace.ui.client.PathAnalyzerClient.Bucket;
import io.smoketrace.ui.client.PathAnalyzerClient.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A SmokePing-style latency chart, server-side in SVG: per time bucket the spread of RTTs as shaded
 * bands (p10 to p90, and p25 to p75 darker, min to max as a thin line) with the median as a short bar
 * coloured by the bucket's loss; a bucket where nothing answered is a red column.
 */
public final class SmokeChart {

    static final int WIDTH = 820;
    static final int HEIGHT = 230;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 10;
    static final int BOTTOM = 28;

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private SmokeChart() {
    }

    /** The loss class of a bucket, for the median's colour (and the legend). */
    public static String lossClass(double lossPercent) {
        if (lossPercent <= 0) {
            return "loss-none";
        }
        if (lossPercent < 5) {
            return "loss-low";
        }
        if (lossPercent < 20) {
            return "loss-mid";
        }
        return lossPercent < 100 ? "loss-high" : "loss-all";
    }

    /** The chart of one series; {@code label} says what it shows (destination or hop). */
    public static String render(Series series, String label) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Instant from = series.from();
        Instant to = series.to();
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        double yMax = 1;
        for (Bucket b : series.buckets()) {
            if (b.p90Ms() != null) {
                yMax = Math.max(yMax, b.p90Ms() * 1.25);
            }
        }
        yMax = niceCeiling(yMax);
        double barWidth = Math.max(1.0, plotWidth * series.stepSeconds() / span);

        Svg svg = new Svg(WIDTH, HEIGHT, "smoke", label + ": RTT percentiles and loss, " + series.buckets().size() + " buckets");
        svg.open("rect", true, "class", "plot", "x", LEFT, "y", TOP, "width", plotWidth, "height", plotHeight);
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.open("line", true, "class", "grid", "x1", LEFT, "y1", y, "x2", WIDTH - RIGHT, "y2", y);
            svg.text(LEFT - 6, y + 4, "axis", Svg.num(value) + " ms", "text-anchor", "end");
        }
        DateTimeFormatter ticks = span <= Duration.ofDays(1).toSeconds() ? HOURS : DAYS;
        for (int i = 0; i <= 5; i++) {
            double x = LEFT + plotWidth * i / 5;
            Instant at = from.plusSeconds((long) (span * i / 5));
            svg.text(x, HEIGHT - 10, "axis", ticks.format(at), "text-anchor", i == 0 ? "start" : i == 5 ? "end" : "middle");
        }
        // The bands and ranges of all buckets are one path each (a chart has hundreds of buckets); each
        // bucket's median is its own element, with the bucket's numbers as its tooltip.
        StringBuilder ranges = new StringBuilder();
        StringBuilder outer = new StringBuilder();
        StringBuilder inner = new StringBuilder();
        StringBuilder medianPath = new StringBuilder();
        svg.open("g", false, "class", "buckets");
        for (Bucket b : series.buckets()) {
            double x = LEFT + plotWidth * Duration.between(from, b.start()).toSeconds() / span;
            if (x < LEFT || x >= WIDTH - RIGHT) {
                continue;
            }
            double w = Math.min(barWidth, WIDTH - RIGHT - x);
            if (b.medianMs() == null) {
                svg.open("rect", false, "class", "bucket loss-all", "x", x, "y", TOP, "width", w, "height", plotHeight);
                svg.title(tooltip(b)).end("rect");
                continue;
            }
            if (b.minMs() != null && b.maxMs() != null) {
                ranges.append('M').append(Svg.num(x + w / 2)).append(' ').append(Svg.num(y(b.maxMs(), yMax, plotHeight)))
                        .append('V').append(Svg.num(y(b.minMs(), yMax, plotHeight)));
            }
            band(outer, x, w, b.p10Ms(), b.p90Ms(), yMax, plotHeight);
            band(inner, x, w, b.p25Ms(), b.p75Ms(), yMax, plotHeight);
            double ym = y(b.medianMs(), yMax, plotHeight);
            medianPath.append(medianPath.isEmpty() ? "M" : " L").append(Svg.num(x + w / 2)).append(' ').append(Svg.num(ym));
        }
        svg.end("g");
        path(svg, "range", ranges);
        path(svg, "band outer", outer);
        path(svg, "band inner", inner);
        path(svg, "median-line", medianPath);
        svg.open("g", false, "class", "medians");
        for (Bucket b : series.buckets()) {
            double x = LEFT + plotWidth * Duration.between(from, b.start()).toSeconds() / span;
            if (b.medianMs() == null || x < LEFT || x >= WIDTH - RIGHT) {
                continue;
            }
            double w = Math.min(barWidth, WIDTH - RIGHT - x);
            svg.open("rect", false, "class", "median " + lossClass(b.lossPercent()), "x", x,
                    "y", y(b.medianMs(), yMax, plotHeight) - 1, "width", w, "height", 2.5);
            svg.title(tooltip(b)).end("rect");
        }
        svg.end("g");
        if (series.buckets().isEmpty()) {
            svg.text(LEFT + plotWidth / 2, TOP + plotHeight / 2, "empty", "no traces in this range", "text-anchor", "middle");
        }
        return svg.finish();
    }

    /** A rectangle from {@code low} to {@code high} as a closed sub-path. */
    private static void band(StringBuilder path, double x, double w, Double low, Double high, double yMax, double plotHeight) {
        if (low == null || high == null) {
            return;
        }
        double top = y(high, yMax, plotHeight);
        double bottom = Math.max(top + 0.5, y(low, yMax, plotHeight));
        path.append('M').append(Svg.num(x)).append(' ').append(Svg.num(top)).append('h').append(Svg.num(w))
                .append('V').append(Svg.num(bottom)).append('h').append(Svg.num(-w)).append('Z');
    }

    private static void path(Svg svg, String cssClass, StringBuilder d) {
        if (!d.isEmpty()) {
            svg.open("path", true, "class", cssClass, "d", d.toString());
        }
    }

    /** The y coordinate of a value, clipped to the plot. */
    private static double y(double ms, double yMax, double plotHeight) {
        double clipped = Math.max(0, Math.min(ms, yMax));
        return TOP + plotHeight - plotHeight * clipped / yMax;
    }

    private static String tooltip(Bucket b) {
        StringBuilder sb = new StringBuilder(96).append(DAYS.format(b.start())).append(": ").append(b.traces()).append(" traces, ");
        if (b.medianMs() == null) {
            return sb.append("no answer (loss ").append(Svg.num(b.lossPercent())).append(" %)").toString();
        }
        return sb.append("median ").append(ms(b.medianMs())).append(" ms (p10 ").append(ms(b.p10Ms())).append(", p90 ")
                .append(ms(b.p90Ms())).append(", min ").append(ms(b.minMs())).append(", max ").append(ms(b.maxMs()))
                .append("), loss ").append(Svg.oneDecimal(b.lossPercent())).append(" %").toString();
    }

    private static String ms(Double value) {
        return value == null ? "-" : Svg.oneDecimal(value);
    }

    /** 1, 2 or 5 times a power of ten, at least the value: readable axis labels. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
