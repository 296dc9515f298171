package io.smoketrace.agent.probe;

import io.smoketrace.common.trace.FlowIdentity;
import java.util.List;

/**
 * One run's command line, the parser format of its output and the flow identity the options hold.
 *
 * @param argv the program and its arguments
 * @param format the {@link io.smoketrace.agent.parse.TraceParsers} format of its standard output
 * @param flow the flow identity the options keep (the parser's own reading wins where it has one)
 */
public record ProbeCommand(List<String> argv, String format, FlowIdentity flow) {

    public ProbeCommand {
        argv = List.copyOf(argv);
    }

    /** The command line as one string, for the trace and the logs. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
