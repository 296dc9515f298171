package io.smoketrace.ui.health;

import io.smoketrace.ui.topic.AgentRoster;
import io.smoketrace.ui.topic.CompactedTopicReader;
import io.smoketrace.ui.topic.TargetCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the console can read the targets and agents topics it shows. */
@Readiness
@ApplicationScoped
public class TopicViewsCheck implements HealthCheck {

    private final TargetCatalog targets;
    private final AgentRoster agents;

    public TopicViewsCheck(TargetCatalog targets, AgentRoster agents) {
        this.targets = targets;
        this.agents = agents;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("topic views").up();
        for (CompactedTopicReader reader : new CompactedTopicReader[] {targets.reader(), agents.reader()}) {
            builder.withData(reader.topic(), reader.problem() != null ? reader.problem()
                    : reader.caughtUp() ? "current" : "reading from the beginning");
            if (reader.problem() != null) {
                builder.down();
            }
        }
        return builder.build();
    }
}
