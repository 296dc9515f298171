package io.smoketrace.common.target;

import java.util.List;

/**
 * Which agents run a target: an agent matches when its id is listed or it carries any listed tag;
 * an empty selector matches every agent.
 *
 * @param agents agent ids
 * @param tags agent tags
 */
public record AgentSelector(List<String> agents, List<String> tags) {

    /** The selector that matches every agent. */
    public static final AgentSelector ALL = new AgentSelector(List.of(), List.of());

    public AgentSelector {
        agents = agents == null ? List.of() : List.copyOf(agents);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Whether an agent with this id and these tags is selected. */
    public boolean matches(String agentId, List<String> agentTags) {
        if (agents.isEmpty() && tags.isEmpty()) {
            return true;
        }
        if (agents.contains(agentId)) {
            return true;
        }
        for (String tag : agentTags) {
            if (tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }
}
