package io.smoketrace.analyzer.service;

import io.smoketrace.analyzer.detect.TargetContext;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.target.TargetSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The targets and agents as their compacted topics say now: what gives each pair its labels (agent
 * site, target tags) and the target's own detection thresholds.
 */
@ApplicationScoped
public class TargetDirectory {

    private final Map<String, TargetSpec> targets = new ConcurrentHashMap<>();
    private final Map<String, AgentHeartbeat> agents = new ConcurrentHashMap<>();

    public void putTarget(TargetSpec target) {
        targets.put(target.targetId(), target);
    }

    /** Forgets a deleted target; returns whether it was known. */
    public boolean removeTarget(String targetId) {
        return targets.remove(targetId) != null;
    }

    public void putAgent(AgentHeartbeat agent) {
        agents.put(agent.agentId(), agent);
    }

    public void removeAgent(String agentId) {
        agents.remove(agentId);
    }

    public TargetSpec target(String targetId) {
        return targets.get(targetId);
    }

    public AgentHeartbeat agent(String agentId) {
        return agents.get(agentId);
    }

    public Collection<TargetSpec> targets() {
        return targets.values();
    }

    /** What the analyzer needs to know about a pair beyond its traces: labels and thresholds. */
    public TargetContext context(String agentId, String targetId) {
        Map<String, String> labels = new LinkedHashMap<>();
        AgentHeartbeat agent = agents.get(agentId);
        if (agent != null && agent.site() != null) {
            labels.put("site", agent.site());
        }
        TargetSpec target = targets.get(targetId);
        if (target == null) {
            return new TargetContext(labels, null);
        }
        if (!target.tags().isEmpty()) {
            labels.put("tags", String.join(",", target.tags()));
        }
        return new TargetContext(labels, target.thresholds());
    }
}
