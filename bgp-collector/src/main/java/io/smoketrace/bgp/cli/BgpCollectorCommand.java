package io.smoketrace.bgp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bgp-collector command line: dispatches {@code mrt-dump}, {@code bmp-dump}, {@code mrt-import} and
 * whatever other {@link Command}s are listed in {@link #COMMANDS}.
 */
public final class BgpCollectorCommand {

    /** Every sub-command. */
    static final List<Command> COMMANDS = List.of(new MrtDumpCommand(), new BmpDumpCommand(), new MrtImportCommand());

    private BgpCollectorCommand() {
    }

    /** Whether the arguments name a one-shot command (or ask for help), which runs without the service. */
    public static boolean isCommand(String... args) {
        return args.length > 0 && (COMMANDS.stream().anyMatch(c -> c.name().equals(args[0]))
                || args[0].equals("help") || args[0].equals("--help"));
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            usage(err);
            return Command.EXIT_USAGE;
        }
        if (args.getFirst().equals("help") || args.getFirst().equals("--help")) {
            usage(out);
            return Command.EXIT_OK;
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
