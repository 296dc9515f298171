package io.smoketrace.analyzer.service;

/** The analyzer could not make sense of a trace that passed the contract: retrying would not help. */
public class TraceAnalysisException extends RuntimeException {

    public TraceAnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
