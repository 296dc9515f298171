package io.smoketrace.common.trace;

/** How a run ended. */
public enum TraceStatus {
    /** The destination answered. */
    COMPLETE,
    /** The run finished but the destination did not answer. */
    UNREACHED,
    /** The run could not produce a path: see the trace's error and raw output. */
    ERROR,
    /** The tool did not finish within the run timeout. */
    TIMEOUT
}
