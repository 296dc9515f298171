package io.smoketrace.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static AgentHeartbeat heartbeat(Instant sentAt, List<String> running) {
        return new AgentHeartbeat(1, "fra1", "Frankfurt", List.of("europe"), null, "0.1.0", NOW.minusSeconds(3600),
                sentAt, 30, List.of(), running, 0, AgentHeartbeat.AgentStatus.UP);
    }

    private static TargetSpec target(String id, AgentSelector selector, boolean enabled) {
        return new TargetSpec(1, id, "192.0.2.1", null, ProbeTool.MTR, ProbeProtocol.ICMP, null, 60, 10, 30, 45, true,
                selector, List.of(), null, null, enabled, NOW, "alice");
    }

    @Test
    void staleAfterThreeOfItsOwnIntervals() {
        assertThat(AgentStatus.of(heartbeat(NOW.minusSeconds(90), List.of()), List.of(), NOW, 3).state()).isEqualTo("UP");
        AgentStatus stale = AgentStatus.of(heartbeat(NOW.minusSeconds(91), List.of()), List.of(), NOW, 3);
        assertThat(stale.state()).isEqualTo("STALE");
        assertThat(stale.ageText()).isEqualTo("91 s");
    }

    @Test
    void selectedTargetsAndThoseItDoesNotRun() {
        List<TargetSpec> targets = List.of(target("all", AgentSelector.ALL, true),
                target("by-tag", new AgentSelector(List.of(), List.of("europe")), true),
                target("other", new AgentSelector(List.of("ams2"), List.of()), true),
                target("paused", AgentSelector.ALL, false));
        AgentStatus status = AgentStatus.of(heartbeat(NOW, List.of("all")), targets, NOW, 3);
        assertThat(status.selected()).containsExactly("all", "by-tag");
        assertThat(status.missing()).containsExactly("by-tag");
    }
}
