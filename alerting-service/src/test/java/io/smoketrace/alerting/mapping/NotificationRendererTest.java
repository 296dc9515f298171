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
    void bgpUpdatesAreDescribedInOperatorsWords() {
        assertThat(NotificationRenderer.describe(Events.bgpUpdate()))
                .isEqualTo("2026-11-21T09:59:58Z bgp:192.0.2.1 announced 203.0.113.0/24 AS path 64500 64502 64510 next hop 192.0.2.1");
    }
}
