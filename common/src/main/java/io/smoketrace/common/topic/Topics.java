package io.smoketrace.common.topic;

import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.Trace;
import java.time.Duration;
import java.util.List;

/**
 * SmokeTrace's topics: the names (constants usable in annotations) and the catalogue of their
 * contracts and policies, the one place the launcher, tests, docs and deploy files take them from.
 */
public final class Topics {

    public static final String TRACES = "smoketrace.traces.v1";
    public static final String TARGETS = "smoketrace.targets.v1";
    public static final String AGENTS = "smoketrace.agents.v1";
    public static final String BGP_UPDATES = "smoketrace.bgp.updates.v1";
    public static final String BGP_RIB = "smoketrace.bgp.rib.v1";
    public static final String BGP_PEERS = "smoketrace.bgp.peers.v1";
    public static final String PATH_EVENTS = "smoketrace.path-events.v1";
    public static final String ALERTS = "smoketrace.alerts.v1";
    public static final String DEAD_LETTER = "smoketrace.dead-letter.v1";

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** Every topic, in the order the docs list them. */
    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.deleting(TRACES, "agentId/targetId", Trace.class, "trace", "io.smoketrace.trace.v1",
                    WEEK, 12, "One finished trace from one agent to one target."),
            TopicSpec.compacted(TARGETS, "targetId", TargetSpec.class, "target", "io.smoketrace.target.v1",
                    3, "What to trace, how and from which agents; a null value deletes the target."),
            TopicSpec.compacted(AGENTS, "agentId", AgentHeartbeat.class, "agent", "io.smoketrace.agent.v1",
                    3, "Agent heartbeats: version, site, installed tools, targets, spool depth."),
            TopicSpec.deleting(BGP_UPDATES, "prefix", RouteUpdate.class, "bgp-update", "io.smoketrace.bgp.update.v1",
                    WEEK, 6, "Every announce and withdraw of a prefix as seen from one peer."),
            TopicSpec.compacted(BGP_RIB, "peerId|prefix[|pathId]", RibRoute.class, "bgp-rib", "io.smoketrace.bgp.rib.v1",
                    6, "The current route per peer and prefix; a null value means withdrawn."),
            TopicSpec.compacted(BGP_PEERS, "peerId", PeerState.class, "bgp-peer", "io.smoketrace.bgp.peer.v1",
                    1, "BGP session and BMP peer state."),
            TopicSpec.deleting(PATH_EVENTS, "agentId/targetId", PathEvent.class, "path-event",
                    "io.smoketrace.path-event.v1", MONTH, 12,
                    "Confirmed path changes with before/after, verdict and correlated BGP updates."),
            TopicSpec.deleting(ALERTS, "groupKey", AlertNotification.class, "alert", "io.smoketrace.alert.v1",
                    MONTH, 3, "Firing and resolved alert notifications."),
            TopicSpec.deleting(DEAD_LETTER, "the rejected record's key", DeadLetter.class, "dead-letter",
                    "io.smoketrace.dead-letter.v1", MONTH, 3, "Records a consumer rejected, with the reason."));

    private Topics() {
    }

    /** The catalogue entry for a topic name. */
    public static TopicSpec spec(String name) {
        for (TopicSpec spec : ALL) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("Unknown SmokeTrace topic '" + name + "'; known: "
                + ALL.stream().map(TopicSpec::name).toList());
    }

    /** The catalogue entry whose records are of this type. */
    public static TopicSpec specFor(Class<?> valueType) {
        for (TopicSpec spec : ALL) {
            if (spec.valueType().equals(valueType)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("No SmokeTrace topic carries " + valueType.getName());
    }
}
