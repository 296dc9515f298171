package io.smoketrace.analyzer.detect;

import io.smoketrace.analyzer.model.ObservedPath;
import io.smoketrace.analyzer.model.PathVersion;
import io.smoketrace.common.event.PathEvent;
import java.util.List;

/**
 * What the analyzer made of one trace.
 *
 * @param path the trace normalised and annotated
 * @param pathVersion the path version the trace belongs to (to store the trace against), or null for a trace that shows no usable path (failed run, outage)
 * @param events the events the trace confirmed, possibly none
 */
public record TraceAnalysis(ObservedPath path, PathVersion pathVersion, List<PathEvent> events) {

    public TraceAnalysis {
        events = List.copyOf(events);
    }
}
