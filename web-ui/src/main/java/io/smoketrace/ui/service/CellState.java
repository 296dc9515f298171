package io.smoketrace.ui.service;

import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.ui.client.PathAnalyzerClient.PairStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** How one agent sees one target now, worst first: the colour of an overview cell. */
public enum CellState {
    UNREACHABLE("unreachable"),
    LOSS("loss"),
    WORSE("worse"),
    PATH_CHANGED("path changed"),
    OK("ok"),
    NO_DATA("no data");

    /** A path change counts as "changed" this long after it happened. */
    public static final Duration RECENT = Duration.ofHours(1);

    static final Set<EventType> PATH_CHANGES = EnumSet.of(EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED,
            EventType.HOP_COUNT_CHANGED);

    private final String label;

    CellState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The CSS class and filter value: {@code path-changed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a filter value ({@code path-changed}); null when blank or unknown. */
    public static CellState fromKey(String key) {
        for (CellState s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The state from the analyzer's open problems and the pair's latest path change.
     *
     * @param pair the pair's status, null when the agent never traced the target
     * @param latestPathChange the latest IP/AS/hop-count change event of the pair, or null
     */
    public static CellState of(PairStatus pair, PathEvent latestPathChange, Instant now) {
        if (pair == null) {
            return NO_DATA;
        }
        if (pair.openProblems().contains(EventType.TARGET_UNREACHABLE)) {
            return UNREACHABLE;
        }
        if (pair.openProblems().contains(EventType.LOSS_STARTED)) {
            return LOSS;
        }
        if (pair.openProblems().contains(EventType.LATENCY_INCREASED)) {
            return WORSE;
        }
        if (latestPathChange != null && latestPathChange.changedAt() != null
                && latestPathChange.changedAt().isAfter(now.minus(RECENT))) {
            return latestPathChange.verdict().judgement() == Judgement.WORSE ? WORSE : PATH_CHANGED;
        }
        if (pair.openProblems().contains(EventType.PATH_FLAPPING) || pair.openProblems().contains(EventType.AS_PATH_MISMATCH)) {
            return PATH_CHANGED;
        }
        return OK;
    }

    /** Whether an event is a change of the path itself (not latency, loss or reachability). */
    public static boolean isPathChange(PathEvent event) {
        return PATH_CHANGES.contains(event.type());
    }
}
