package io.smoketrace.bgp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of {@link BgpCollectorCommand}. New commands (such as {@code mrt-import}) implement
 * this and are added to the dispatcher's list.
 */
public interface Command {

    int EXIT_OK = 0;
    int EXIT_BAD_INPUT = 1;
    int EXIT_USAGE = 2;

    /** The word that selects the command, such as {@code mrt-dump}. */
    String name();

    /** One line for the usage text: arguments and what the command does. */
    String usage();

    /**
     * Runs the command.
     *
     * @param in standard input, for commands that read {@code -}
     * @return the process exit code: {@link #EXIT_OK}, {@link #EXIT_BAD_INPUT} or {@link #EXIT_USAGE}
     */
    int run(List<String> arguments, InputStream in, PrintStream out, PrintStream err);
}
