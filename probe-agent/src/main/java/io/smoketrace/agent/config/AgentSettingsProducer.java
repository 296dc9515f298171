package io.smoketrace.agent.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the checked settings injectable; a bad configuration fails the start here, with every problem listed. */
public class AgentSettingsProducer {

    @Produces
    @Singleton
    AgentSettings settings(AgentConfig config) {
        return AgentSettings.from(config);
    }
}
