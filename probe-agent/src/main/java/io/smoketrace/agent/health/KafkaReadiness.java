package io.smoketrace.agent.health;

import io.smoketrace.agent.publish.KafkaLink;
import io.smoketrace.agent.service.ProbeAgent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers: traces go out as they are made. While it does not, the agent keeps
 * tracing into its spool, and this check says how much waits there.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final ProbeAgent agent;

    public KafkaReadiness(ProbeAgent agent) {
        this.agent = agent;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("probe-agent kafka and spool");
        KafkaLink link = agent.link();
        if (link == null) {
            return response.down().withData("reason", "starting").build();
        }
        boolean reachable = link.check(Duration.ofSeconds(2));
        KafkaLink.State state = link.state();
        response.status(reachable)
                .withData("kafka", link.bootstrap())
                .withData("spooledTraces", agent.spool().depth())
                .withData("spoolBytes", agent.spool().bytes())
                .withData("targetsTopicRead", agent.follower() != null && agent.follower().replayed());
        if (!reachable && state.lastError() != null) {
            response.withData("kafkaError", state.lastError()).withData("unreachableSince", state.since().toString());
        }
        return response.build();
    }
}
