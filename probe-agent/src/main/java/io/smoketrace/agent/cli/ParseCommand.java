package io.smoketrace.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smoketrace.agent.parse.ParseContext;
import io.smoketrace.agent.parse.TraceParsers;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code probe-agent parse}: reads saved tool output (a file or stdin) and prints each trace in
 * it as one line of trace JSON, as it would be published on {@code smoketrace.traces.v1}.
 */
public final class ParseCommand {

    /** Exit status: every trace parsed. */
    public static final int OK = 0;
    /** Exit status: the output (or part of it) could not be parsed; the ERROR trace is still printed. */
    public static final int PARSE_FAILURE = 1;
    /** Exit status: the command line was wrong, or the input could not be read. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: probe-agent parse --format <format> [--agent ID] [--target ID] [--target-host HOST] [FILE|-]
              --format       auto, or one of: %s
              --agent        the vantage point's id (default: import, or ripe-atlas-<prb_id> for RIPE Atlas)
              --target       the target's id (default: derived from the target the output names)
              --target-host  the target's name or address, for outputs that do not print it (mtr -r, mtr --raw, tracepath)
              FILE           the saved output; - or nothing reads stdin
            """;

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    private ParseCommand() {
    }

    /** Runs the command; returns the exit status ({@link #OK}, {@link #PARSE_FAILURE} or {@link #USAGE}). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        TraceParsers parsers = TraceParsers.standard();
        String usage = USAGE_TEXT.formatted(String.join(", ", parsers.formats()));
        String format = null;
        String agent = null;
        String target = null;
        String targetHost = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (arg) {
                case "--format", "--agent", "--target", "--target-host" -> {
                    if (!hasValue) {
                        err.println(arg + " needs a value");
                        err.print(usage);
                        return USAGE;
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--format" -> format = value;
                        case "--agent" -> agent = value;
                        case "--target" -> target = value;
                        default -> targetHost = value;
                    }
                }
                case "-h", "--help" -> {
                    out.print(usage);
                    return OK;
                }
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        err.println("unexpected argument '" + arg + "'");
                        err.print(usage);
                        return USAGE;
                    }
                    file = arg;
                }
            }
        }
        if (format == null) {
            err.println("--format is required");
            err.print(usage);
            return USAGE;
        }
        if (!TraceParsers.AUTO.equals(format) && parsers.parser(format).isEmpty()) {
            err.println("unknown format '" + format + "'");
            err.print(usage);
            return USAGE;
        }
        for (String[] id : new String[][] {{"--agent", agent}, {"--target", target}}) {
            if (id[1] != null && !ID.matcher(id[1]).matches()) {
                err.println(id[0] + " '" + id[1] + "' is not an id: letters, digits and . _ : - (starting with a letter or digit), at most 128");
                return USAGE;
            }
        }
        byte[] bytes;
        Instant fileTime;
        try {
            if (file == null || "-".equals(file)) {
                bytes = in.readAllBytes();
                fileTime = Instant.now();
            } else {
                Path path = Path.of(file);
                bytes = Files.readAllBytes(path);
                fileTime = Files.getLastModifiedTime(path).toInstant();
            }
        } catch (NoSuchFileException e) {
            err.println("no such file: " + file);
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
            return USAGE;
        }
        ParseContext context = ParseContext.forImport(bytes, fileTime)
                .withAgent(agent)
                .withTarget(target)
                .withTargetHost(targetHost);
        List<Trace> traces = parsers.parseAllOrError(format, new String(bytes, StandardCharsets.UTF_8), context);
        ObjectMapper mapper = Json.mapper();
        int status = OK;
        for (Trace trace : traces) {
            try {
                out.println(mapper.writeValueAsString(trace));
            } catch (JsonProcessingException e) {
                err.println("cannot write trace " + trace.traceId() + " as JSON: " + e.getOriginalMessage());
                return PARSE_FAILURE;
            }
            if (trace.status() == TraceStatus.ERROR && trace.error().stage() == TraceError.Stage.PARSE) {
                err.println("parse failed: " + trace.error().message());
                status = PARSE_FAILURE;
            }
        }
        out.flush();
        return status;
    }
}
