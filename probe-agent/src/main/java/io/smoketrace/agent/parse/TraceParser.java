package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.Trace;
import java.util.List;

/** Reads one output format of one tool family into traces of the shared trace schema. */
public interface TraceParser {

    /** The format name this parser is registered under, for example {@code mtr-json}. */
    String format();

    /** Whether the output looks like this format, for {@code --format auto}; cheap, looks at the start only. */
    boolean recognises(String output);

    /**
     * The traces in the output: one for most formats, one per result for RIPE Atlas and scamper.
     *
     * @throws MalformedOutputException when the output does not read as this format, saying where
     */
    List<Trace> parse(String output, ParseContext context) throws MalformedOutputException;
}
