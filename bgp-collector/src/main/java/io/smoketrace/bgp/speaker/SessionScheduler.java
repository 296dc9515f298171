package io.smoketrace.bgp.speaker;

import java.time.Duration;

/**
 * Runs a session's timers on the session's own thread. Injected so the FSM is tested with a manual
 * clock instead of sleeps.
 */
public interface SessionScheduler {

    /** Runs {@code task} once after {@code delay} unless cancelled first. */
    Timer schedule(Duration delay, Runnable task);

    /** A pending timer. */
    interface Timer {
        void cancel();
    }
}
