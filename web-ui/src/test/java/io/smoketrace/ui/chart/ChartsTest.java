package io.smoketrace.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.event.PathSnapshot.HopSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import io.smoketrace.ui.client.PathAnalyzerClient.Bucket;
import io.smoketrace.ui.client.PathAnalyzerClient.Series;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static final Instant FROM = Instant.parse("2026-11-21T00:00:00Z");

    private static ResponderSnapshot responder(String address, Long asn, double loss) {
        return new ResponderSnapshot(address, null, asn == null ? null : "192.0.2.0/24", asn,
                asn == null ? AddressClass.PRIVATE : AddressClass.PUBLIC, loss, 5.0);
    }

    @Test
    void pathGraphDrawsEveryResponderAndEachAsBoundaryOnce() {
        PathSnapshot path = new PathSnapshot("pv", "t", FROM, true, 4, List.of(
                new HopSnapshot(1, List.of(responder("10.0.0.1", null, 0))),
                new HopSnapshot(2, List.of(responder("192.0.2.1", 64500L, 0), responder("192.0.2.2", 64500L, 0))),
                new HopSnapshot(3, List.of(new ResponderSnapshot("*", null, null, null, AddressClass.NO_REPLY, 100.0, null))),
                new HopSnapshot(4, List.of(responder("203.0.113.10", 64501L, 20)))), List.of(64500L, 64501L), 8.0, 20.0);
        String svg = PathGraph.render(path, "fra1 (fra)");
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("<g class=\"hop", -1)).hasSize(6);
        // Two responders at TTL 2: side by side, four edges into and out of them.
        assertThat(svg).contains("data-address=\"192.0.2.1\"", "data-address=\"192.0.2.2\"", "class=\"hop silent\"",
                "class=\"hop some-loss\"", "loss 20 % \u00b7 5.0 ms", "AS64500 \u2192 AS64501", "private address");
        assertThat(svg.split("class=\"edge\"", -1)).hasSize(1 + 1 + 2 + 2 + 1);
        assertThat(svg.split("class=\"as-boundary\"", -1)).hasSize(2);
    }

    @Test
    void exchangeAddressesAreNamedNotLookedUp() {
        PathSnapshot path = new PathSnapshot("pv", "t", FROM, true, 1, List.of(new HopSnapshot(1, List.of(
                new ResponderSnapshot("198.32.160.7", null, null, null, AddressClass.IXP, 0.0, 1.0, "Example-IX"),
                new ResponderSnapshot("198.32.161.7", null, null, null, AddressClass.IXP, 0.0, 1.0)))), List.of(), 1.0, 0.0);
        assertThat(PathGraph.render(path, "fra1")).contains("exchange LAN of Example-IX", "ixp address");
    }

    @Test
    void pathGraphEscapesWhatRoutersSayAboutThemselves() {
        PathSnapshot path = new PathSnapshot("pv", "t", FROM, true, 1, List.of(new HopSnapshot(1, List.of(
                new ResponderSnapshot("192.0.2.1", "<script>x</script>\".example", null, 64500L, AddressClass.PUBLIC, 0.0, 1.0)))),
                List.of(), 1.0, 0.0);
        assertThat(PathGraph.render(path, "a<b")).doesNotContain("<script>").contains("&lt;script&gt;", "a&lt;b");
    }

    @Test
    void smokeChartHasABarPerBucketColouredByLossAndAColumnWhereNothingAnswered() {
        Series series = new Series("web", "fra1", null, FROM, FROM.plusSeconds(3 * 3600), 3600, List.of(
                new Bucket(FROM, 60, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 30.0, 0.0),
                new Bucket(FROM.plusSeconds(3600), 60, 9.0, 10.0, 11.0, 12.0, 13.0, 40.0, 90.0, 10.0),
                new Bucket(FROM.plusSeconds(7200), 60, null, null, null, null, null, null, null, 100.0)));
        String svg = SmokeChart.render(series, "destination");
        assertThat(svg).contains("class=\"median loss-none\"", "class=\"median loss-mid\"", "class=\"bucket loss-all\"",
                "no answer (loss 100 %)", "median 12.0 ms");
        assertThat(svg.split("class=\"median loss-", -1)).hasSize(3);
        // The axis goes to a round number above the highest p90 (40 ms x 1.25 = 50).
        assertThat(svg).contains(">50 ms<").doesNotContain(">90 ms<");
        assertThat(SmokeChart.render(new Series("web", "fra1", 3, FROM, FROM.plusSeconds(3600), 60, List.of()), "hop 3"))
                .contains("no traces in this range");
    }

    @Test
    void lossClassesAndRoundAxisLimits() {
        assertThat(SmokeChart.lossClass(0)).isEqualTo("loss-none");
        assertThat(SmokeChart.lossClass(4.9)).isEqualTo("loss-low");
        assertThat(SmokeChart.lossClass(19)).isEqualTo("loss-mid");
        assertThat(SmokeChart.lossClass(99)).isEqualTo("loss-high");
        assertThat(SmokeChart.lossClass(100)).isEqualTo("loss-all");
        assertThat(SmokeChart.niceCeiling(37)).isEqualTo(50);
        assertThat(SmokeChart.niceCeiling(120)).isEqualTo(200);
        assertThat(SmokeChart.niceCeiling(2.1)).isEqualTo(2.5);
    }
}
