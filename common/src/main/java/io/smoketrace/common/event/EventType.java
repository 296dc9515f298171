package io.smoketrace.common.event;

/** What a path event reports. */
public enum EventType {
    /** The sequence of responders changed beyond known load-balancing alternates. */
    IP_PATH_CHANGED,
    /** The collapsed AS path of the hops changed. */
    AS_PATH_CHANGED,
    /** The number of hops to the destination changed. */
    HOP_COUNT_CHANGED,
    LATENCY_INCREASED,
    LATENCY_RECOVERED,
    LOSS_STARTED,
    LOSS_RECOVERED,
    TARGET_UNREACHABLE,
    TARGET_REACHABLE,
    /** The path keeps switching between known alternates. */
    PATH_FLAPPING,
    /** The BGP route for the target's prefix changed at a peer. */
    BGP_ROUTE_CHANGED,
    /** The AS path the packets took disagrees with the BGP AS path for the target. */
    AS_PATH_MISMATCH
}
