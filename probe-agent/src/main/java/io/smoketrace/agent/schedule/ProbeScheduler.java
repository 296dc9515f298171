package io.smoketrace.agent.schedule;

import io.smoketrace.common.target.TargetSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives a {@link RunSchedule} in real time: one thread wakes at the next due slot (or when the
 * targets change), hands due runs to virtual threads, and records when it last went round, which is
 * what the liveness check looks at.
 */
public final class ProbeScheduler {

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);
    private static final long MAX_SLEEP_MILLIS = 1000;

    private final RunSchedule schedule;
    private final InstantSource clock;
    private final Consumer<RunSchedule.DueRun> run;
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-run-", 0).factory());
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile Instant lastTick;
    private final Set<String> scheduled = new HashSet<>();
    private Thread thread;

    /**
     * @param run does one run; the schedule is told it finished when it returns (or throws)
     */
    public ProbeScheduler(RunSchedule schedule, InstantSource clock, Consumer<RunSchedule.DueRun> run) {
        this.schedule = schedule;
        this.clock = clock;
        this.run = run;
        this.lastTick = clock.instant();
    }

    /** Brings the schedule in line with the targets that should run. */
    public synchronized void update(Map<String, TargetSpec> active) {
        Instant now = clock.instant();
        Set<String> gone = new HashSet<>(scheduled);
        for (TargetSpec spec : active.values()) {
            schedule.put(spec.targetId(), Duration.ofSeconds(spec.intervalSeconds()), now);
            gone.remove(spec.targetId());
        }
        gone.forEach(schedule::remove);
        scheduled.clear();
        scheduled.addAll(active.keySet());
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public void start() {
        thread = Thread.ofPlatform().name("probe-scheduler").daemon().start(this::loop);
    }

    /** Starts no further runs, and waits up to {@code grace} for those under way. */
    public void stop(Duration grace) throws InterruptedException {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (thread != null) {
            thread.join(2000);
        }
        runs.shutdown();
        if (!runs.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("%d probe runs still under way after %s; stopping them", schedule.running(), grace);
            runs.shutdownNow();
        }
    }

    /** When the scheduler last went round: a stuck scheduler is a dead agent. */
    public Instant lastTick() {
        return lastTick;
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    public int running() {
        return schedule.running();
    }

    private void loop() {
        while (running) {
            try {
                Instant now = clock.instant();
                lastTick = now;
                List<RunSchedule.DueRun> due = schedule.take(now);
                for (RunSchedule.DueRun d : due) {
                    runs.execute(() -> {
                        try {
                            run.accept(d);
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "run of target %s failed unexpectedly", d.targetId());
                        } finally {
                            schedule.finished(d.targetId());
                            synchronized (wake) {
                                wake.notifyAll();
                            }
                        }
                    });
                }
                Instant next = schedule.nextWake(clock.instant());
                long sleep = next == null ? MAX_SLEEP_MILLIS
                        : Math.clamp(Duration.between(clock.instant(), next).toMillis(), 1, MAX_SLEEP_MILLIS);
                synchronized (wake) {
                    if (running) {
                        wake.wait(sleep);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "the scheduler went round with an error; going on");
            }
        }
    }
}
