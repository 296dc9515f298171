package io.smoketrace.agent;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smoketrace.agent.cli.AgentCommands;
import java.security.Security;

/**
 * The agent's entry point: a one-shot command ({@code parse ...}) runs without starting the service,
 * so importing history needs no Kafka; anything else starts the agent.
 */
@QuarkusMain
public final class ProbeAgentMain {

    private ProbeAgentMain() {
    }

    public static void main(String... args) {
        if (AgentCommands.isCommand(args)) {
            System.exit(AgentCommands.run(args, System.in, System.out, System.err));
        }
        // Targets given by name are resolved again on every run: the JVM must not answer from its own cache.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        Quarkus.run(args);
    }
}
