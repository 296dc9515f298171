package io.smoketrace.agent.parse;

/**
 * Tool output that does not read as its format: says where (line, or a JSON path) and what was
 * wrong, so the ERROR trace built from it tells an operator which part of the output to look at.
 */
public final class MalformedOutputException extends Exception {

    /** A problem at a place in the output, for example {@code line 7} or {@code result[2].hop}. */
    public MalformedOutputException(String where, String problem) {
        super(where + ": " + problem);
    }

    /** A problem with the output as a whole, for example that it is empty. */
    public MalformedOutputException(String problem) {
        super(problem);
    }
}
