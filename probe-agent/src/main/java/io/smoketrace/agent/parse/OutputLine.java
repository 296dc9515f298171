package io.smoketrace.agent.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a text tool's output with its 1-based line number, so every complaint about it
 * can say where it is.
 *
 * @param number the line number in the output
 * @param text the line without its line terminator
 */
record OutputLine(int number, String text) {

    private static final int HEAD_CHARS = 2048;

    /** The start of an output, enough for recognising its format without reading all of it. */
    static String head(String output) {
        return output.length() > HEAD_CHARS ? output.substring(0, HEAD_CHARS) : output;
    }

    /** The output's lines, numbered; a last line without a newline (a cut-off run) is kept. */
    static List<OutputLine> of(String output) {
        List<OutputLine> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i < output.length(); i++) {
            if (output.charAt(i) == '\n') {
                lines.add(new OutputLine(number++, stripCarriageReturn(output.substring(start, i))));
                start = i + 1;
            }
        }
        if (start < output.length()) {
            lines.add(new OutputLine(number, stripCarriageReturn(output.substring(start))));
        }
        return lines;
    }

    boolean isBlank() {
        return text.isBlank();
    }

    /** A complaint about this line. */
    MalformedOutputException malformed(String problem) {
        return new MalformedOutputException("line " + number, problem + " in \"" + text.strip() + "\"");
    }

    /** The token as a number of milliseconds, or a complaint naming the field. */
    double number(String token, String field) throws MalformedOutputException {
        try {
            double value = Double.parseDouble(token);
            if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
                throw malformed(field + " '" + token + "' is not a non-negative number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw malformed(field + " '" + token + "' is not a number");
        }
    }

    /** The token as a whole number, or a complaint naming the field. */
    int integer(String token, String field) throws MalformedOutputException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw malformed(field + " '" + token + "' is not a whole number");
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
