package io.smoketrace.bgp.speaker;

import java.time.Duration;

/**
 * The RFC 4271 timers of the peer FSM (section 8.1.1/10) that are not negotiated per session.
 *
 * @param connectRetry ConnectRetryTime: how long an active peer waits in Active before the next TCP attempt
 * @param idleHold the first IdleHoldTime after a session ends (DampPeerOscillations)
 * @param idleHoldMax the longest IdleHoldTime the doubling reaches; a session Established this long resets it
 */
public record PeerTimers(Duration connectRetry, Duration idleHold, Duration idleHoldMax) {

    public static final PeerTimers DEFAULTS = new PeerTimers(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(300));

    public PeerTimers {
        if (connectRetry.isNegative() || connectRetry.isZero()) {
            throw new IllegalArgumentException("connect-retry-seconds must be at least 1");
        }
        if (idleHold.isNegative() || idleHoldMax.compareTo(idleHold) < 0) {
            throw new IllegalArgumentException("idle-hold-seconds (" + idleHold.toSeconds() + ") must be at least 0 and at most"
                    + " idle-hold-max-seconds (" + idleHoldMax.toSeconds() + ")");
        }
    }
}
