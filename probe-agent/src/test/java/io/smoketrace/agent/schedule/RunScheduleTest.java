package io.smoketrace.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule driven by a hand-held clock: no sleeping, no threads. */
class RunScheduleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final List<String> skipped = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-21T10:00:00Z");

    private RunSchedule schedule(int capacity) {
        return new RunSchedule(capacity, (id, due, reason) -> skipped.add(id + "@" + due + ": " + reason.name()));
    }

    /** Advances the clock in 100 ms steps and collects every run started (finishing each at once). */
    private Map<String, List<Instant>> runFor(RunSchedule s, Duration span) {
        Map<String, List<Instant>> starts = new HashMap<>();
        Instant end = now.plus(span);
        while (now.isBefore(end)) {
            for (RunSchedule.DueRun run : s.take(now)) {
                starts.computeIfAbsent(run.targetId(), k -> new ArrayList<>()).add(run.startAt());
                s.finished(run.targetId());
            }
            now = now.plusMillis(100);
        }
        return starts;
    }

    @Test
    void targetsWithOneIntervalAreSpreadOverItNotFiredTogether() {
        RunSchedule s = schedule(1000);
        for (int i = 0; i < 600; i++) {
            s.put("target-" + i, MINUTE, now);
        }
        int[] perSecond = new int[60];
        for (int i = 0; i < 600; i++) {
            perSecond[(int) (RunSchedule.phaseMillis("target-" + i, MINUTE.toMillis()) / 1000)]++;
        }
        // 600 targets over 60 s: 10 a second on average; deterministic phases never pile up.
        for (int count : perSecond) {
            assertThat(count).isBetween(1, 25);
        }
        // Every target runs once within one interval (plus the clock's 100 ms step).
        Map<String, List<Instant>> starts = runFor(s, MINUTE.plusMillis(100));
        assertThat(starts.size()).isEqualTo(600);
        assertThat(starts.values()).allMatch(list -> list.size() == 1);
        assertThat(skipped).isEmpty();
    }

    @Test
    void aTargetKeepsItsPhaseAcrossRestartsAndRunsOncePerInterval() {
        long phase = RunSchedule.phaseMillis("web", MINUTE.toMillis());
        assertThat(RunSchedule.phaseMillis("web", MINUTE.toMillis())).isEqualTo(phase);
        RunSchedule s = schedule(4);
        s.put("web", MINUTE, now);
        List<Instant> starts = runFor(s, Duration.ofMinutes(5)).get("web");
        assertThat(starts).hasSize(5);
        for (Instant start : starts) {
            assertThat(Math.floorMod(start.toEpochMilli(), MINUTE.toMillis())).isBetween(phase, phase + 100);
        }
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isEqualTo(MINUTE);
        }
    }

    @Test
    void neverTwoRunsOfOneTargetAndALateRunIsSkippedNotQueued() {
        RunSchedule s = schedule(4);
        s.put("slow", MINUTE, now);
        now = s.nextWake(now);
        List<RunSchedule.DueRun> first = s.take(now);
        assertThat(first).hasSize(1);
        // The run takes 3.5 intervals: the slots that pass meanwhile are skipped, one count each, none queued.
        for (int i = 0; i < 35; i++) {
            now = now.plusSeconds(6);
            assertThat(s.take(now)).isEmpty();
        }
        assertThat(skipped).hasSize(2).allMatch(line -> line.endsWith(RunSchedule.SkipReason.OVERLAP.name()));
        s.finished("slow");
        // The third slot (not yet replaced by the fourth) may still run, late; the one after is on time again.
        List<RunSchedule.DueRun> late = s.take(now);
        assertThat(late).hasSize(1);
        assertThat(late.getFirst().lag()).isEqualTo(Duration.ofSeconds(30));
        s.finished("slow");
        assertThat(s.take(now)).isEmpty();
        assertThat(s.nextWake(now)).isEqualTo(late.getFirst().dueAt().plus(MINUTE));
    }

    @Test
    void boundedConcurrencyStartsTheMostOverdueFirstAndSkipsWhatWaitsTooLong() {
        RunSchedule s = schedule(2);
        for (String id : List.of("a", "b", "c", "d")) {
            s.put(id, MINUTE, now);
        }
        now = now.plus(MINUTE);
        List<RunSchedule.DueRun> started = s.take(now);
        assertThat(started).hasSize(2);
        assertThat(s.running()).isEqualTo(2);
        assertThat(s.take(now)).as("no slot free").isEmpty();
        s.finished(started.get(0).targetId());
        assertThat(s.take(now)).hasSize(1);
        // The fourth never gets a slot before its next one comes: skipped for capacity.
        now = now.plus(MINUTE);
        List<RunSchedule.DueRun> later = s.take(now);
        assertThat(skipped).anyMatch(line -> line.endsWith(RunSchedule.SkipReason.CAPACITY.name()));
        assertThat(later.size() + s.running()).isLessThanOrEqualTo(3);
        assertThat(s.running()).isLessThanOrEqualTo(2);
    }

    @Test
    void removedTargetsStopAndReaddedOnesNeverOverlapTheirOldRun() {
        RunSchedule s = schedule(4);
        s.put("t", MINUTE, now);
        now = s.nextWake(now);
        assertThat(s.take(now)).hasSize(1);
        s.remove("t");
        s.put("t", MINUTE, now);
        now = now.plus(MINUTE);
        assertThat(s.take(now)).as("its old run is still under way").isEmpty();
        s.finished("t");
        assertThat(s.take(now)).hasSize(1);
        s.finished("t");
        s.remove("t");
        assertThat(runFor(s, Duration.ofMinutes(3))).isEmpty();
        assertThat(s.nextWake(now)).isNull();
    }

    @Test
    void changingTheIntervalMovesTheTargetToItsNewGrid() {
        RunSchedule s = schedule(4);
        s.put("t", MINUTE, now);
        s.put("t", Duration.ofSeconds(10), now);
        List<Instant> starts = runFor(s, MINUTE).get("t");
        assertThat(starts).hasSize(6);
    }
}
