package io.smoketrace.agent.target;

import io.smoketrace.common.target.TargetSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The targets this agent knows, from its own file and from the targets topic, and the subset it
 * runs: those whose selector picks this agent and that are enabled. A target in the file wins over
 * one of the same id on the topic (the site's operator has the last word). Every change of the set
 * that runs is passed to the listener.
 */
public final class TargetRegistry {

    private static final Logger LOG = Logger.getLogger(TargetRegistry.class);

    private final String agentId;
    private final List<String> agentTags;
    private final Map<String, TargetSpec> fromFile = new HashMap<>();
    private final Map<String, TargetSpec> fromTopic = new HashMap<>();
    private Map<String, TargetSpec> active = Map.of();
    private Consumer<Map<String, TargetSpec>> listener = m -> { };

    public TargetRegistry(String agentId, List<String> agentTags) {
        this.agentId = agentId;
        this.agentTags = List.copyOf(agentTags);
    }

    /** Sets who hears about changes, and tells it the current set at once. */
    public synchronized void onChange(Consumer<Map<String, TargetSpec>> changes) {
        this.listener = changes;
        changes.accept(active);
    }

    public synchronized void setFileTargets(Collection<TargetSpec> specs) {
        fromFile.clear();
        specs.forEach(s -> fromFile.put(s.targetId(), s));
        recompute();
    }

    /** A target added or changed on the topic. */
    public synchronized void putFromTopic(TargetSpec spec) {
        fromTopic.put(spec.targetId(), spec);
        if (fromFile.containsKey(spec.targetId())) {
            LOG.warnf("target %s is on the targets topic and in the local targets file; the file's version runs", spec.targetId());
        }
        recompute();
    }

    /** A target deleted on the topic (a tombstone). */
    public synchronized void removeFromTopic(String targetId) {
        if (fromTopic.remove(targetId) != null) {
            recompute();
        }
    }

    /** Keeps only these topic targets: after a full read of the topic, what it no longer holds is gone. */
    public synchronized void retainFromTopic(Set<String> targetIds) {
        if (fromTopic.keySet().retainAll(targetIds)) {
            recompute();
        }
    }

    /** Every target read from the topic, applying to this agent or not (for the local cache). */
    public synchronized List<TargetSpec> topicTargets() {
        return List.copyOf(new TreeMap<>(fromTopic).values());
    }

    /** The targets this agent runs, by id. */
    public synchronized Map<String, TargetSpec> active() {
        return active;
    }

    public synchronized TargetSpec get(String targetId) {
        return active.get(targetId);
    }

    private void recompute() {
        Map<String, TargetSpec> all = new TreeMap<>(fromTopic);
        all.putAll(fromFile);
        Map<String, TargetSpec> next = new TreeMap<>();
        for (TargetSpec spec : all.values()) {
            if (spec.enabled() && spec.appliesTo(agentId, agentTags)) {
                next.put(spec.targetId(), spec);
            }
        }
        if (!next.equals(active)) {
            active = Map.copyOf(next);
            listener.accept(active);
        }
    }
}
