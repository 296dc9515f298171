package io.smoketrace.alerting.engine;

import io.smoketrace.common.alert.Durations;
import io.smoketrace.alerting.Rule;
import java.time.Duration;
import java.time.Instant;

/**
 * Route flap damping after RFC 2439, applied to an alert: each change adds a penalty, the penalty
 * halves every half-life, the alert is suppressed once the penalty reaches the suppress limit and
 * reused once it decays below the reuse limit. The penalty is capped so that an alert is never
 * suppressed longer than the maximum suppress time after its last change (RFC 2439 section 4.2).
 */
final class FlapDamper {

    private final double penaltyPerChange;
    private final double halfLifeMillis;
    private final double suppressLimit;
    private final double reuseLimit;
    private final double ceiling;

    private double penalty;
    private Instant updatedAt;
    private boolean suppressed;

    FlapDamper(Rule.Damping spec) {
        this.penaltyPerChange = spec.penalty();
        Duration halfLife = Durations.parse(spec.halfLife());
        this.halfLifeMillis = Math.max(1, halfLife.toMillis());
        this.suppressLimit = spec.suppressLimit();
        this.reuseLimit = spec.reuseLimit();
        Duration maxSuppress = Durations.parse(spec.maxSuppress(), halfLife.multipliedBy(4));
        this.ceiling = Math.max(suppressLimit, reuseLimit * Math.pow(2, maxSuppress.toMillis() / halfLifeMillis));
    }

    /** Records one change (a trigger or a recovery). */
    void change(Instant now) {
        decay(now);
        penalty = Math.min(penalty + penaltyPerChange, ceiling);
        if (penalty >= suppressLimit) {
            suppressed = true;
        }
    }

    /** Whether the alert's state is frozen now; reuses it once the penalty has decayed enough. */
    boolean suppressed(Instant now) {
        decay(now);
        if (suppressed && penalty < reuseLimit) {
            suppressed = false;
        }
        return suppressed;
    }

    /** The figure of merit now. */
    double penalty(Instant now) {
        decay(now);
        return penalty;
    }

    private void decay(Instant now) {
        if (updatedAt != null && now.isAfter(updatedAt)) {
            long elapsed = Duration.between(updatedAt, now).toMillis();
            penalty = penalty * Math.pow(0.5, elapsed / halfLifeMillis);
        }
        if (updatedAt == null || now.isAfter(updatedAt)) {
            updatedAt = now;
        }
    }
}
