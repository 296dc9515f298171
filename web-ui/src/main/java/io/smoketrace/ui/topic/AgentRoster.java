package io.smoketrace.ui.topic;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.common.agent.AgentHeartbeat;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every agent's latest heartbeat, from {@code smoketrace.agents.v1} read from the beginning. */
@Singleton
public class AgentRoster extends CompactedView<AgentHeartbeat> {

    /** The name of this view in live updates. */
    public static final String VIEW = "agents";

    public AgentRoster(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, LiveUpdates live,
                       MeterRegistry registry) {
        super(AgentHeartbeat.class, AgentHeartbeat::agentId, VIEW, bootstrap, live, registry);
    }

    void onStart(@Observes StartupEvent event) {
        startReading();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopReading();
    }
}
