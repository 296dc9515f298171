package io.smoketrace.ui.service;

import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.target.TargetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One agent as the agents page shows it: its latest heartbeat, how old that is, and whether the
 * targets it runs are the ones the selectors give it.
 *
 * @param heartbeat the latest heartbeat
 * @param age time since the heartbeat was sent
 * @param stale true when more than the configured number of its intervals have passed
 * @param selected the enabled targets whose selectors pick this agent
 */
public record AgentStatus(AgentHeartbeat heartbeat, Duration age, boolean stale, List<String> selected) {

    /** Judges a heartbeat at {@code now} against the current targets. */
    public static AgentStatus of(AgentHeartbeat heartbeat, List<TargetSpec> targets, Instant now, int staleAfterIntervals) {
        Instant sent = heartbeat.sentAt() == null ? Instant.EPOCH : heartbeat.sentAt();
        Duration age = Duration.between(sent, now);
        long interval = Math.max(1, heartbeat.intervalSeconds());
        boolean stale = age.toSeconds() > interval * staleAfterIntervals;
        List<String> selected = targets.stream().filter(TargetSpec::enabled)
                .filter(t -> t.appliesTo(heartbeat.agentId(), heartbeat.tags())).map(TargetSpec::targetId).toList();
        return new AgentStatus(heartbeat, age.isNegative() ? Duration.ZERO : age, stale, selected);
    }

    /** The state in one word: STALE wins over what the agent last said about itself. */
    public String state() {
        if (stale) {
            return "STALE";
        }
        return heartbeat.status() == null ? "UNKNOWN" : heartbeat.status().name();
    }

    /** The age as an engineer reads it: {@code 12 s}, {@code 4 min}, {@code 3 h}, {@code 2 d}. */
    public String ageText() {
        long s = age.toSeconds();
        if (s < 120) {
            return s + " s";
        } else if (s < 7200) {
            return s / 60 + " min";
        } else if (s < 172_800) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " d";
    }

    /** The installed tools with versions: {@code MTR 0.95, TRACEROUTE 2.1.2}. */
    public String tools() {
        return heartbeat.capabilities().stream().map(AgentStatus::tool).collect(Collectors.joining(", "));
    }

    /** Targets the selectors give it that it does not report running (just added, or a problem). */
    public List<String> missing() {
        return selected.stream().filter(id -> !heartbeat.targetIds().contains(id)).toList();
    }

    private static String tool(ToolCapability capability) {
        return capability.tool() + (capability.version() == null ? "" : " " + capability.version());
    }
}
