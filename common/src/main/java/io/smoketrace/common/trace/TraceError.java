package io.smoketrace.common.trace;

/**
 * Why a run produced no usable path: the stage that failed and a message an operator can act on.
 *
 * @param stage where it failed
 * @param message what happened, in words
 */
public record TraceError(Stage stage, String message) {

    /** The step of a run that failed. */
    public enum Stage { RESOLVE, DENIED, TOOL_MISSING, EXECUTE, TIMEOUT, PARSE }
}
