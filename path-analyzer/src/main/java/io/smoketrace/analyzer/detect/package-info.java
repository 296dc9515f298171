/**
 * Change detection per (agent, target) pair, implementing "Detection semantics" of the design.
 *
 * <p>{@link io.smoketrace.analyzer.detect.PathAnalyzer} is the entry point the service calls: traces in
 * ({@code onTrace}), BGP updates in ({@code onRouteUpdate}, which also updates the RIB), path events
 * out; per-pair state out and back in as JSON-ready records ({@link io.smoketrace.analyzer.detect.PairState}).
 * Settings are {@link io.smoketrace.analyzer.detect.DetectorConfig}, with a target's own
 * {@code DetectionThresholds} taking precedence.
 *
 * <p>Rules: a change is an event after it held for N consecutive traces, dated from its first trace;
 * a return to a known path version is not a new path but counts towards flapping; latency and loss
 * are judged at the destination against a median baseline frozen while a problem lasts, recover
 * with hysteresis, and are attributed to the first hop from which they persist to the destination;
 * while a target that answers is unreachable, its cut-off paths are an outage, not new paths; failed
 * runs say nothing. Event ids are name-based UUIDs of (agent, target, type, onset), so a replay
 * yields the same ids. No clock is read: all times come from traces and updates.
 */
package io.smoketrace.analyzer.detect;
