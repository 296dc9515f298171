package io.smoketrace.alerting.engine;

/** The label names the service puts on every alert, in addition to the event's own labels (site, tags, ...). */
public final class AlertLabels {

    public static final String RULE = "rule";
    public static final String SEVERITY = "severity";
    public static final String TYPE = "type";
    public static final String AGENT = "agentId";
    public static final String TARGET = "targetId";
    public static final String HOP = "hop";
    public static final String VERDICT = "verdict";
    /** {@code explained} when BGP updates explain the change (the event carries some, or is a BGP route change). */
    public static final String BGP = "bgp";
    public static final String BGP_EXPLAINED = "explained";

    private AlertLabels() {
    }
}
