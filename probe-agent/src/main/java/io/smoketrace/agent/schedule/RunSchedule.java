package io.smoketrace.agent.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * When each target runs next: pure bookkeeping, driven by the caller's clock so it can be tested
 * without sleeping.
 *
 * <p>Each target fires on a fixed grid of its interval, shifted by a phase derived from its id, so
 * a thousand targets with one interval spread over the interval instead of firing together, and a
 * target keeps its slot across restarts and edits. At most {@code capacity} runs are under way at
 * once and never two of one target. A run that cannot start (its previous run is still going, or
 * every slot is busy) waits, but only until its next slot comes: then it is skipped and counted,
 * so a slow target never builds a queue.
 */
public final class RunSchedule {

    /** A run to start now. */
    public record DueRun(String targetId, Instant dueAt, Instant startAt) {

        /** How late the run starts. */
        public Duration lag() {
            return Duration.between(dueAt, startAt);
        }
    }

    /** Why a run was skipped. */
    public enum SkipReason {
        /** The target's previous run was still under way when the next slot came. */
        OVERLAP("previous run still under way"),
        /** Every run slot was busy until the next slot came. */
        CAPACITY("no free run slot");

        private final String words;

        SkipReason(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** Told about every skipped run. */
    @FunctionalInterface
    public interface SkipListener {
        void skipped(String targetId, Instant dueAt, SkipReason reason);
    }

    private static final class Entry {
        final String targetId;
        long intervalMillis;
        Instant nextDue;

        Entry(String targetId) {
            this.targetId = targetId;
        }
    }

    private final int capacity;
    private final SkipListener skips;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Targets with a run under way, kept apart from the entries so a target removed and re-added mid-run still never runs twice. */
    private final Set<String> inFlight = new HashSet<>();

    public RunSchedule(int capacity, SkipListener skips) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.skips = skips;
    }

    /** The offset of a target's slots within its interval, the same on every agent and every start. */
    public static long phaseMillis(String targetId, long intervalMillis) {
        CRC32 crc = new CRC32();
        crc.update(targetId.getBytes(StandardCharsets.UTF_8));
        // Mix the CRC so ids that differ only at the end still land far apart.
        long mixed = crc.getValue() * 0x9E3779B97F4A7C15L;
        return Math.floorMod(mixed >>> 11, intervalMillis);
    }

    /** The first slot of the target's grid at or after {@code now}. */
    static Instant slotAtOrAfter(String targetId, long intervalMillis, Instant now) {
        long phase = phaseMillis(targetId, intervalMillis);
        long t = now.toEpochMilli();
        long k = Math.floorDiv(t - phase + intervalMillis - 1, intervalMillis);
        return Instant.ofEpochMilli(k * intervalMillis + phase);
    }

    /** Adds a target, or changes its interval; its next run is its next slot after {@code now}. */
    public synchronized void put(String targetId, Duration interval, Instant now) {
        long millis = interval.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("interval must be positive");
        }
        Entry e = entries.computeIfAbsent(targetId, Entry::new);
        if (e.intervalMillis != millis) {
            e.intervalMillis = millis;
            e.nextDue = slotAtOrAfter(targetId, millis, now);
        }
    }

    /** Removes a target; a run under way finishes, no further run starts. */
    public synchronized void remove(String targetId) {
        entries.remove(targetId);
    }

    /**
     * When something next needs doing after {@code now}: a run coming due, or a waiting run reaching
     * its next slot (to be skipped); null when there are no targets. A run finishing is the other event
     * worth waking for, and the caller hears of that itself.
     */
    public synchronized Instant nextWake(Instant now) {
        Instant next = null;
        for (Entry e : entries.values()) {
            Instant at = e.nextDue.isAfter(now) ? e.nextDue : slotAtOrBefore(e, now).plusMillis(e.intervalMillis);
            if (next == null || at.isBefore(next)) {
                next = at;
            }
        }
        return next;
    }

    /**
     * The runs to start at {@code now}, most overdue first, marked as running; runs whose next slot
     * has come while they waited are skipped (and reported) first.
     */
    public synchronized List<DueRun> take(Instant now) {
        List<Entry> due = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.nextDue.isAfter(now)) {
                continue;
            }
            Instant latest = slotAtOrBefore(e, now);
            if (latest.isAfter(e.nextDue)) {
                // One or more slots passed without a run: they are skipped; the latest still may run.
                long missed = (latest.toEpochMilli() - e.nextDue.toEpochMilli()) / e.intervalMillis;
                SkipReason reason = inFlight.contains(e.targetId) ? SkipReason.OVERLAP : SkipReason.CAPACITY;
                for (long i = 0; i < missed; i++) {
                    skips.skipped(e.targetId, e.nextDue.plusMillis(i * e.intervalMillis), reason);
                }
                e.nextDue = latest;
            }
            if (!inFlight.contains(e.targetId)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing((Entry e) -> e.nextDue).thenComparing(e -> e.targetId));
        List<DueRun> runs = new ArrayList<>();
        for (Entry e : due) {
            if (inFlight.size() >= capacity) {
                break;
            }
            runs.add(new DueRun(e.targetId, e.nextDue, now));
            inFlight.add(e.targetId);
            e.nextDue = e.nextDue.plusMillis(e.intervalMillis);
        }
        return runs;
    }

    /** A run has ended (however it ended). */
    public synchronized void finished(String targetId) {
        inFlight.remove(targetId);
    }

    /** Runs under way. */
    public synchronized int running() {
        return inFlight.size();
    }

    private static Instant slotAtOrBefore(Entry e, Instant now) {
        long elapsed = now.toEpochMilli() - e.nextDue.toEpochMilli();
        return e.nextDue.plusMillis(elapsed / e.intervalMillis * e.intervalMillis);
    }
}
