package io.smoketrace.bgp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bgp-collector command line: dispatches {@code mrt-dump}, {@code bmp-dump} and whatever other
 * {@link Command}s are listed in {@link #COMMANDS}.
 */
public final class BgpCollectorCommand {

    /** Every sub-command; {@code mrt-import} joins this list when it exists. */
    static final List<Command> COMMANDS = List.of(new MrtDumpCommand(), new BmpDumpCommand());

    private BgpCollectorCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            usage(err);
            return Command.EXIT_USAGE;
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args.getFirst())).findFirst();
        if (command.isEmpty()) {
            err.println("unknown command '" + args.getFirst() + "'");
            usage(err);
            return Command.EXIT_USAGE;
        }
        return command.get().run(args.subList(1, args.size()), in, out, err);
    }

    static void usage(PrintStream err) {
        err.println("usage: bgp-collector COMMAND ARGUMENTS");
        for (Command command : COMMANDS) {
            err.println("  " + command.name() + " " + command.usage());
        }
    }
}
