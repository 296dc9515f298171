package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.ProbeProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the caller knows about a run that its output may not say: the ids to publish under, the
 * target as configured, the probe protocol and command line, and a start time to fall back on.
 * Values the output itself carries win over hints (a target address printed by the tool beats a
 * configured one); ids given here win over ids derived from the output.
 *
 * @param traceId the id of the (first) trace; further traces of one output get ids derived from it
 * @param fallbackStart the start time when the output has none (the agent's clock, or an imported file's time)
 * @param agentId the vantage point; null means "import", or the vantage point the data names (RIPE Atlas probe)
 * @param targetId the target's id; null derives it from the target host or address
 * @param targetHost the target as configured (name or address); used when the output does not name it
 * @param protocol the probe protocol the agent asked for; used when the output does not say
 * @param command the command line the agent ran, recorded in the trace's tool info
 */
public record ParseContext(
        String traceId,
        Instant fallbackStart,
        String agentId,
        String targetId,
        String targetHost,
        ProbeProtocol protocol,
        String command) {

    public ParseContext {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(fallbackStart, "fallbackStart");
    }

    /** A context with only the trace id and the fallback start time. */
    public static ParseContext of(String traceId, Instant fallbackStart) {
        return new ParseContext(traceId, fallbackStart, null, null, null, null, null);
    }

    /** The context for re-importing saved output: the trace id is a name-based UUID of the bytes, so the same file always gets the same id. */
    public static ParseContext forImport(byte[] output, Instant fallbackStart) {
        return of(UUID.nameUUIDFromBytes(output).toString(), fallbackStart);
    }

    public ParseContext withAgent(String agent) {
        return new ParseContext(traceId, fallbackStart, agent, targetId, targetHost, protocol, command);
    }

    public ParseContext withTarget(String target) {
        return new ParseContext(traceId, fallbackStart, agentId, target, targetHost, protocol, command);
    }

    public ParseContext withTargetHost(String host) {
        return new ParseContext(traceId, fallbackStart, agentId, targetId, host, protocol, command);
    }

    public ParseContext withProtocol(ProbeProtocol probeProtocol) {
        return new ParseContext(traceId, fallbackStart, agentId, targetId, targetHost, probeProtocol, command);
    }

    public ParseContext withCommand(String commandLine) {
        return new ParseContext(traceId, fallbackStart, agentId, targetId, targetHost, protocol, commandLine);
    }

    /** The id of the index-th trace in one output: the given id for the first, a name-based UUID of it and the index after. */
    String traceId(int index) {
        return index == 0 ? traceId
                : UUID.nameUUIDFromBytes((traceId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
