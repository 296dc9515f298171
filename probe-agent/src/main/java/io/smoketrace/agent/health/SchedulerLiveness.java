package io.smoketrace.agent.health;

import io.smoketrace.agent.schedule.ProbeScheduler;
import io.smoketrace.agent.service.ProbeAgent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the scheduler goes round: it wakes at least every second, so a minute of silence means it is stuck or dead. */
@Liveness
@ApplicationScoped
public class SchedulerLiveness implements HealthCheck {

    private static final Duration STUCK = Duration.ofMinutes(1);

    private final ProbeAgent agent;

    public SchedulerLiveness(ProbeAgent agent) {
        this.agent = agent;
    }

    @Override
    public HealthCheckResponse call() {
        ProbeScheduler scheduler = agent.scheduler();
        if (scheduler == null) {
            return HealthCheckResponse.named("probe-agent scheduler").up().withData("state", "starting").build();
        }
        Instant last = scheduler.lastTick();
        boolean alive = scheduler.alive() && Duration.between(last, Instant.now()).compareTo(STUCK) < 0;
        return HealthCheckResponse.named("probe-agent scheduler").status(alive)
                .withData("lastRound", last.toString())
                .withData("runsUnderWay", scheduler.running())
                .build();
    }
}
