package io.smoketrace.bgp.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose time only moves when the test says so. */
final class ManualScheduler implements SessionScheduler {

    private final class Pending implements Timer {
        final long due;
        final Runnable task;
        boolean cancelled;

        Pending(long due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Pending> pending = new ArrayList<>();
    private long now;

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Pending timer = new Pending(now + delay.toMillis(), task);
        pending.add(timer);
        return timer;
    }

    /** Moves time forward, running every timer that falls due on the way, in order. */
    void advance(Duration duration) {
        long until = now + duration.toMillis();
        while (true) {
            Pending next = pending.stream().filter(p -> !p.cancelled && p.due <= until)
                    .min(Comparator.comparingLong(p -> p.due)).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            now = next.due;
            next.task.run();
        }
        now = until;
    }

    long activeTimers() {
        return pending.stream().filter(p -> !p.cancelled).count();
    }
}
