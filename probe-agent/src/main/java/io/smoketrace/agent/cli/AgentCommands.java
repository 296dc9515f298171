package io.smoketrace.agent.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The probe agent's one-shot commands, run instead of the service when the first argument names
 * one: {@code java -jar quarkus-run.jar parse --format mtr-json run.json}.
 */
public final class AgentCommands {

    /** The command that turns saved tool output into trace JSON. */
    public static final String PARSE = "parse";

    private AgentCommands() {
    }

    /** Whether the arguments ask for a command rather than the service. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && PARSE.equals(args[0]);
    }

    /** Runs the command the first argument names; returns its exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (!isCommand(args)) {
            err.println("usage: probe-agent parse --format <format> [--agent ID] [--target ID] [--target-host HOST] [FILE|-]");
            return ParseCommand.USAGE;
        }
        return ParseCommand.run(Arrays.copyOfRange(args, 1, args.length), in, out, err);
    }
}
