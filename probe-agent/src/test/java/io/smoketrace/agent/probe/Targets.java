package io.smoketrace.agent.probe;

import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import java.util.List;

/** Target specs for tests. */
public final class Targets {

    private Targets() {
    }

    public static TargetSpec target(String id, String host, ProbeTool tool, ProbeProtocol protocol, Integer port, boolean paris) {
        return new TargetSpec(TargetSpec.FORMAT_VERSION, id, host, null, tool, protocol, port, 60, 2, 8, 30, paris,
                AgentSelector.ALL, List.of(), null, null, true, null, null);
    }

    public static TargetSpec withInterval(TargetSpec t, int intervalSeconds, int timeoutSeconds) {
        return new TargetSpec(t.formatVersion(), t.targetId(), t.host(), t.addressFamily(), t.tool(), t.protocol(), t.port(),
                intervalSeconds, t.probesPerHop(), t.maxTtl(), timeoutSeconds, t.paris(), t.selector(), t.tags(), t.description(),
                t.thresholds(), t.enabled(), t.updatedAt(), t.updatedBy());
    }

    public static TargetSpec withSelector(TargetSpec t, AgentSelector selector) {
        return new TargetSpec(t.formatVersion(), t.targetId(), t.host(), t.addressFamily(), t.tool(), t.protocol(), t.port(),
                t.intervalSeconds(), t.probesPerHop(), t.maxTtl(), t.timeoutSeconds(), t.paris(), selector, t.tags(), t.description(),
                t.thresholds(), t.enabled(), t.updatedAt(), t.updatedBy());
    }

    public static TargetSpec withFamily(TargetSpec t, TargetSpec.AddressFamilyPreference family) {
        return new TargetSpec(t.formatVersion(), t.targetId(), t.host(), family, t.tool(), t.protocol(), t.port(),
                t.intervalSeconds(), t.probesPerHop(), t.maxTtl(), t.timeoutSeconds(), t.paris(), t.selector(), t.tags(), t.description(),
                t.thresholds(), t.enabled(), t.updatedAt(), t.updatedBy());
    }
}
