package io.smoketrace.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.ui.client.PathAnalyzerClient.PairStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellStateTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static PairStatus pair(EventType... problems) {
        return new PairStatus("fra1", "fra", "pv", "t", NOW, List.of(problems));
    }

    private static PathEvent change(Judgement judgement, Duration ago) {
        return new PathEvent(1, "e", EventType.AS_PATH_CHANGED, "fra1", "web", null, NOW.minus(ago), NOW, null, null, null,
                null, new Verdict(judgement, List.of()), null, null, null, null, "changed");
    }

    @Test
    void theWorstOpenProblemWins() {
        assertThat(CellState.of(pair(EventType.LATENCY_INCREASED, EventType.TARGET_UNREACHABLE, EventType.LOSS_STARTED), null, NOW))
                .isEqualTo(CellState.UNREACHABLE);
        assertThat(CellState.of(pair(EventType.LATENCY_INCREASED, EventType.LOSS_STARTED), null, NOW)).isEqualTo(CellState.LOSS);
        assertThat(CellState.of(pair(EventType.LATENCY_INCREASED), change(Judgement.NEUTRAL, Duration.ofMinutes(1)), NOW))
                .isEqualTo(CellState.WORSE);
    }

    @Test
    void aRecentPathChangeShowsUntilItIsAnHourOld() {
        assertThat(CellState.of(pair(), change(Judgement.NEUTRAL, Duration.ofMinutes(59)), NOW)).isEqualTo(CellState.PATH_CHANGED);
        assertThat(CellState.of(pair(), change(Judgement.WORSE, Duration.ofMinutes(59)), NOW)).isEqualTo(CellState.WORSE);
        assertThat(CellState.of(pair(), change(Judgement.WORSE, Duration.ofMinutes(61)), NOW)).isEqualTo(CellState.OK);
        assertThat(CellState.of(pair(EventType.PATH_FLAPPING), null, NOW)).isEqualTo(CellState.PATH_CHANGED);
        assertThat(CellState.of(null, null, NOW)).isEqualTo(CellState.NO_DATA);
    }

    @Test
    void filterKeysRoundTrip() {
        for (CellState state : CellState.values()) {
            assertThat(CellState.fromKey(state.key())).isEqualTo(state);
        }
        assertThat(CellState.fromKey("")).isNull();
        assertThat(CellState.PATH_CHANGED.key()).isEqualTo("path-changed");
    }
}
