package io.smoketrace.alerting.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.alerting.fixtures.Events;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The before/after comparison the messages show. */
class NotificationRendererTest {

    @Test
    void pathsAreComparedTtlByTtlWithTheChangedHopMarked() {
        PathEvent event = Events.of(EventType.AS_PATH_CHANGED, "fra1", "web").build();
        List<NotificationView.HopRow> rows = NotificationRenderer.sideBySide(event.before(), event.after());

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).changed()).isFalse();
        NotificationView.HopRow changed = rows.get(1);
        assertThat(changed.changed()).isTrue();
        assertThat(changed.beforeAddress()).isEqualTo("198.51.100.1");
        assertThat(changed.beforeAs()).isEqualTo("AS64501");
        assertThat(changed.afterAddress()).isEqualTo("198.51.100.33");
        assertThat(changed.afterAs()).isEqualTo("AS64502");
        assertThat(changed.afterRtt()).isEqualTo("10.9 ms");
        assertThat(changed.beforeLoss()).isEqualTo("0%");
        assertThat(changed.line()).startsWith("  2!").contains("198.51.100.1 ", "198.51.100.33");
    }

    @Test
    void hopRowsAndNumbersReadExactlyAsTheFormatStringsWould() {
        NotificationView.HopRow row = new NotificationView.HopRow(12, "2001:db8:ffff:ffff:ffff:ffff:ffff:1", "AS64500", "0%",
                "1.2 ms", "-", "-", "100%", "123456.7 ms", true);
        assertThat(row.line()).isEqualTo(String.format("%3d%s %-22s %-9s %6s %9s   %-22s %-9s %6s %9s", 12, "!",
                "2001:db8:ffff:ffff:ffff:ffff:ffff:1", "AS64500", "0%", "1.2 ms", "-", "-", "100%", "123456.7 ms"));
        NotificationView.HopRow unchanged = new NotificationView.HopRow(3, "192.0.2.1", "private", "-", "-",
                "192.0.2.1", "private", "-", "-", false);
        assertThat(unchanged.line()).isEqualTo(String.format("%3d%s %-22s %-9s %6s %9s   %-22s %-9s %6s %9s", 3, " ",
                "192.0.2.1", "private", "-", "-", "192.0.2.1", "private", "-", "-"));
        for (double value : new double[] {0, 0.05, 0.25, 0.45, 0.5, 1.05, 2.5, 2.675, 10.95, 99.95, 99.5, 1e-9, 123456.789, 1e17}) {
            assertThat(NotificationRenderer.decimals(value, 1)).as("%s to one decimal", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", value));
            assertThat(NotificationRenderer.decimals(value, 0)).as("%s to no decimals", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.0f", value));
        }
    }

    @Test
    void bgpUpdatesAreDescribedInOperatorsWords() {
        assertThat(NotificationRenderer.describe(Events.bgpUpdate()))
                .isEqualTo("2026-11-21T09:59:58Z bgp:192.0.2.1 announced 203.0.113.0/24 AS path 64500 64502 64510 next hop 192.0.2.1");
    }
}
