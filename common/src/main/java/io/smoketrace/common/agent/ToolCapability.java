package io.smoketrace.common.agent;

import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.trace.ProbeProtocol;
import java.util.List;

/**
 * One probe tool the agent found installed.
 *
 * @param tool the tool
 * @param version its version as it reports it
 * @param path where it was found
 * @param protocols the probe protocols the agent can run with it
 */
public record ToolCapability(ProbeTool tool, String version, String path, List<ProbeProtocol> protocols) {

    public ToolCapability {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
    }
}
