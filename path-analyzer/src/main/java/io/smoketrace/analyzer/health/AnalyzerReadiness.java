package io.smoketrace.analyzer.health;

import io.smoketrace.analyzer.listener.Bootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the RIB, the targets and the agents are loaded from their compacted topics: before that,
 * hops would be annotated from a partial RIB and every path would look changed.
 */
@Readiness
@ApplicationScoped
public class AnalyzerReadiness implements HealthCheck {

    private final Bootstrap bootstrap;

    public AnalyzerReadiness(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        long[] progress = bootstrap.ribProgress();
        return HealthCheckResponse.named("rib-and-inventory")
                .status(bootstrap.done().isDone())
                .withData("ribLoaded", bootstrap.ribLoaded())
                .withData("ribRecordsRead", progress[0])
                .withData("ribRecordsAtStart", progress[1])
                .withData("inventoryLoaded", bootstrap.inventoryLoaded())
                .build();
    }
}
