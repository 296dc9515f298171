package io.smoketrace.analyzer.service;

import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Damps {@code BGP_ROUTE_CHANGED} per (agent, target) pair: the first route change of a pair goes out at
 * once and opens a window (by the updates' own timestamps); further route changes of that pair within
 * the window are held, and when the window has closed they go out as one event (the last one held,
 * carrying every update held, up to {@code maxUpdates}, the latest kept). A flap storm or a BGP session
 * reset so gives each pair one event per window and one summary, not one event per update. Other event
 * types pass untouched. A zero window switches damping off.
 */
public final class RouteChangeDamping {

    private final Duration window;
    private final int maxUpdates;
    private final Map<String, Pair> pairs = new HashMap<>();

    /**
     * @param window how long after a pair's route change event its further route changes are coalesced
     * @param maxUpdates the most updates one coalesced event carries
     */
    public RouteChangeDamping(Duration window, int maxUpdates) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the BGP route change damping window must not be negative: " + window);
        }
        this.window = window;
        this.maxUpdates = maxUpdates;
    }

    /** The events to store and publish now, in order; route changes inside a pair's open window are held back. */
    public synchronized List<PathEvent> admit(List<PathEvent> events) {
        if (window.isZero()) {
            return events;
        }
        List<PathEvent> out = new ArrayList<>(events.size());
        for (PathEvent event : events) {
            if (event.type() != EventType.BGP_ROUTE_CHANGED) {
                out.add(event);
                continue;
            }
            Instant at = time(event);
            Pair pair = pairs.get(event.key());
            if (pair != null && at.isBefore(pair.windowEnd)) {
                pair.hold(event, maxUpdates);
                continue;
            }
            if (pair != null && pair.held != null) {
                // The window closed before the sweep saw it: the coalesced event first, then this one.
                out.add(pair.coalesced(window));
            }
            pairs.put(event.key(), new Pair(at.plus(window)));
            out.add(event);
        }
        return out;
    }

    /**
     * The coalesced events of the windows that have closed by {@code now} (wall clock, compared with the
     * updates' timestamps), one per pair that had route changes held; forgets pairs whose window is over.
     */
    public synchronized List<PathEvent> due(Instant now) {
        List<PathEvent> out = new ArrayList<>();
        for (Iterator<Pair> it = pairs.values().iterator(); it.hasNext(); ) {
            Pair pair = it.next();
            if (pair.windowEnd.isAfter(now)) {
                continue;
            }
            if (pair.held != null) {
                out.add(pair.coalesced(window));
            }
            it.remove();
        }
        return out;
    }

    /** Pairs with a window open, for tests and metrics. */
    public synchronized int openWindows() {
        return pairs.size();
    }

    private static Instant time(PathEvent event) {
        if (event.changedAt() != null) {
            return event.changedAt();
        }
        return event.detectedAt() != null ? event.detectedAt() : Instant.now();
    }

    private static final class Pair {
        private final Instant windowEnd;
        private PathEvent held;
        private int count;
        private final Deque<RouteUpdate> updates = new ArrayDeque<>();

        Pair(Instant windowEnd) {
            this.windowEnd = windowEnd;
        }

        void hold(PathEvent event, int maxUpdates) {
            held = event;
            count++;
            for (RouteUpdate update : event.bgpUpdates()) {
                if (!updates.contains(update)) {
                    updates.addLast(update);
                    if (updates.size() > maxUpdates) {
                        updates.removeFirst();
                    }
                }
            }
        }

        PathEvent coalesced(Duration window) {
            PathEvent last = held;
            String summary = (last.summary() == null ? "" : last.summary() + " ") + "(" + count + " route "
                    + (count == 1 ? "change" : "changes") + " within " + describe(window) + " of the previous one, coalesced)";
            PathEvent event = new PathEvent(last.formatVersion(), last.eventId(), last.type(), last.agentId(), last.targetId(),
                    last.targetAddress(), last.changedAt(), last.detectedAt(), last.hop(), last.hopAddress(), last.before(),
                    last.after(), last.verdict(), last.measurement(), List.copyOf(updates), last.traceIds(), last.labels(), summary);
            held = null;
            count = 0;
            updates.clear();
            return event;
        }
    }

    private static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
