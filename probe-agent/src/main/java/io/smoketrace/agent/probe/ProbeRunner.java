package io.smoketrace.agent.probe;

import inet.ipaddr.IPAddressString;
import io.smoketrace.agent.parse.ParseContext;
import io.smoketrace.agent.parse.TraceParsers;
import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.RawOutput;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One run of one target, start to finish: the tool is there, the name resolves (again, every run),
 * the address is not denied, the tool runs within the target's timeout, its output is parsed.
 * Whatever goes wrong ends as a trace that says which stage failed and why; a run never throws.
 */
public final class ProbeRunner {

    /** Standard output beyond this is not kept (a trace's raw output is capped far lower anyway). */
    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    private final String agentId;
    private final ToolInventory tools;
    private final DenyList denyList;
    private final SourcePorts sourcePorts;
    private final HostResolver resolver;
    private final InstantSource clock;
    private final List<String> commandPrefix;

    /**
     * @param commandPrefix words put before every probe command ({@code ip vrf exec mgmt}), or none
     */
    public ProbeRunner(String agentId, ToolInventory tools, DenyList denyList, SourcePorts sourcePorts,
                       HostResolver resolver, InstantSource clock, List<String> commandPrefix) {
        this.commandPrefix = List.copyOf(commandPrefix);
        this.agentId = agentId;
        this.tools = tools;
        this.denyList = denyList;
        this.sourcePorts = sourcePorts;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** Resolves a host name to addresses; the system resolver by default. */
    @FunctionalInterface
    public interface HostResolver {

        HostResolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Runs the target once and returns its trace. */
    public Trace run(TargetSpec spec) {
        Instant started = clock.instant();
        String traceId = UUID.randomUUID().toString();
        String toolName = spec.tool().name().toLowerCase(Locale.ROOT);
        ToolCapability tool = tools.find(spec.tool()).orElse(null);
        if (tool == null) {
            return failure(traceId, spec, null, started, new ToolInfo(toolName, null, null, null),
                    TraceError.Stage.TOOL_MISSING, tools.whyMissing(spec.tool()));
        }
        ToolInfo toolInfo = new ToolInfo(toolName, tool.version(), null, null);
        String address;
        try {
            address = resolve(spec);
        } catch (UnknownHostException e) {
            return failure(traceId, spec, null, started, toolInfo, TraceError.Stage.RESOLVE,
                    "cannot resolve " + spec.host() + (spec.addressFamily() == null ? "" : " to an " + spec.addressFamily()
                            + " address") + ": " + (e.getMessage() == null ? "no address" : e.getMessage()));
        }
        String denying = denyList.denying(address);
        if (denying != null) {
            return failure(traceId, spec, address, started, toolInfo, TraceError.Stage.DENIED,
                    spec.host() + " resolved to " + address + ", inside the denied prefix " + denying
                            + " (smoketrace.agent.deny); nothing was sent");
        }
        Integer port = null;
        if (ProbeCommands.needsSourcePort(spec)) {
            int leased = sourcePorts.lease(spec.targetId());
            port = leased < 0 ? null : leased;
        }
        try {
            ProbeCommand built = ProbeCommands.build(tool.path(), spec, address, port);
            ProbeCommand command = commandPrefix.isEmpty() ? built : new ProbeCommand(
                    Stream.concat(commandPrefix.stream(), built.argv().stream()).toList(), built.format(), built.flow());
            return execute(traceId, spec, address, started, tool, command);
        } finally {
            if (port != null) {
                sourcePorts.release(port);
            }
        }
    }

    private Trace execute(String traceId, TargetSpec spec, String address, Instant started, ToolCapability tool, ProbeCommand command) {
        ToolInfo toolInfo = new ToolInfo(spec.tool().name().toLowerCase(Locale.ROOT), tool.version(), command.format(), command.commandLine());
        Subprocess.Result result;
        try {
            result = Subprocess.run(command.argv(), Duration.ofSeconds(spec.timeoutSeconds()), MAX_OUTPUT_BYTES);
        } catch (IOException e) {
            return failure(traceId, spec, address, started, toolInfo, TraceError.Stage.EXECUTE,
                    "cannot start " + tool.path() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(traceId, spec, address, started, toolInfo, TraceError.Stage.EXECUTE, "the agent stopped the run (shutting down)");
        }
        Instant finished = clock.instant();
        ParseContext context = ParseContext.of(traceId, started)
                .withAgent(agentId)
                .withTarget(spec.targetId())
                .withTargetHost(spec.host())
                .withProtocol(spec.protocol())
                .withCommand(command.commandLine());
        if (result.timedOut()) {
            // Keep what the tool printed so far, and the hops in it when they read.
            Trace partial = TraceParsers.standard().parseOrError(command.format(), result.stdout(), context);
            List<Hop> hops = partial.status() == TraceStatus.ERROR ? List.of() : partial.hops();
            return new Trace(Trace.FORMAT_VERSION, traceId, agentId, spec.targetId(), spec.host(), address, AddressFamily.of(address),
                    null, spec.protocol(), command.flow(), spec.probesPerHop(), spec.maxTtl(), started, finished, toolInfo,
                    TraceStatus.TIMEOUT, false, null, hops,
                    new TraceError(TraceError.Stage.TIMEOUT, tool.tool().name().toLowerCase(Locale.ROOT) + " did not finish within "
                            + spec.timeoutSeconds() + " s (timeoutSeconds) and was stopped; the raw output is what it printed until then"),
                    raw(result));
        }
        if (result.exitStatus() != 0 && result.stdout().isBlank()) {
            return failure(traceId, spec, address, started, toolInfo, TraceError.Stage.EXECUTE,
                    tool.path() + " exited with status " + result.exitStatus()
                            + (result.stderr().isBlank() ? "" : ": " + result.firstErrorLine()), finished, raw(result));
        }
        Trace parsed = TraceParsers.standard().parseOrError(command.format(), result.stdout(), context);
        if (parsed.error() != null && result.exitStatus() != 0) {
            // The tool said why it failed: that beats the parser's view of half an output.
            parsed = withError(parsed, new TraceError(parsed.error().stage(), parsed.error().message() + "; "
                    + tool.path() + " exited with status " + result.exitStatus()
                    + (result.stderr().isBlank() ? "" : ": " + result.firstErrorLine())), raw(result));
        }
        return completed(parsed, spec, address, started, finished, tool, command);
    }

    /** The parsed trace with what the agent knows better than the output: the address it probed, the flow it held, its clock. */
    private Trace completed(Trace parsed, TargetSpec spec, String address, Instant started, Instant finished,
                            ToolCapability tool, ProbeCommand command) {
        FlowIdentity flow = merge(parsed.flow(), command.flow());
        ToolInfo info = new ToolInfo(parsed.tool().name(), tool.version(), command.format(), command.commandLine());
        return new Trace(parsed.formatVersion(), parsed.traceId(), agentId, spec.targetId(), spec.host(),
                parsed.targetAddress() != null ? parsed.targetAddress() : address,
                parsed.addressFamily() != null ? parsed.addressFamily() : AddressFamily.of(address),
                parsed.sourceAddress(), parsed.protocol() != null ? parsed.protocol() : spec.protocol(), flow,
                parsed.probesPerHop() != null ? parsed.probesPerHop() : spec.probesPerHop(),
                parsed.maxTtl() != null ? parsed.maxTtl() : spec.maxTtl(),
                // mtr's JSON has no times: the agent's clock is the run's time.
                parsed.startedAt() != null ? parsed.startedAt() : started,
                parsed.finishedAt() != null ? parsed.finishedAt() : finished,
                info, parsed.status(), parsed.destinationReached(), parsed.pathMtu(), parsed.hops(), parsed.error(), parsed.raw());
    }

    private static Trace withError(Trace t, TraceError error, RawOutput raw) {
        return new Trace(t.formatVersion(), t.traceId(), t.agentId(), t.targetId(), t.targetHost(), t.targetAddress(), t.addressFamily(),
                t.sourceAddress(), t.protocol(), t.flow(), t.probesPerHop(), t.maxTtl(), t.startedAt(), t.finishedAt(), t.tool(),
                t.status(), t.destinationReached(), t.pathMtu(), t.hops(), error, raw);
    }

    /** What the tool reported about its flow, completed by what the agent asked for. */
    private static FlowIdentity merge(FlowIdentity reported, FlowIdentity asked) {
        if (reported == null) {
            return asked;
        }
        return new FlowIdentity(reported.constant() || asked.constant(),
                reported.sourcePort() != null ? reported.sourcePort() : asked.sourcePort(),
                reported.destinationPort() != null ? reported.destinationPort() : asked.destinationPort(),
                reported.icmpId() != null ? reported.icmpId() : asked.icmpId(),
                reported.ipv6FlowLabel() != null ? reported.ipv6FlowLabel() : asked.ipv6FlowLabel());
    }

    private String resolve(TargetSpec spec) throws UnknownHostException {
        InetAddress[] all = resolver.resolve(spec.host());
        for (InetAddress a : all) {
            if (spec.addressFamily() == null
                    || (spec.addressFamily() == TargetSpec.AddressFamilyPreference.IPV4 && a instanceof Inet4Address)
                    || (spec.addressFamily() == TargetSpec.AddressFamilyPreference.IPV6 && a instanceof Inet6Address)) {
                return canonical(a);
            }
        }
        throw new UnknownHostException("no " + spec.addressFamily() + " address among " + all.length + " returned");
    }

    /** The address as tools print it and RFC 5952 writes it ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), without a zone. */
    static String canonical(InetAddress address) {
        return new IPAddressString(address.getHostAddress().replaceFirst("%.*$", "")).getAddress().toCanonicalString();
    }

    private Trace failure(String traceId, TargetSpec spec, String address, Instant started, ToolInfo tool,
                          TraceError.Stage stage, String message) {
        return failure(traceId, spec, address, started, tool, stage, message, clock.instant(), null);
    }

    private Trace failure(String traceId, TargetSpec spec, String address, Instant started, ToolInfo tool,
                          TraceError.Stage stage, String message, Instant finished, RawOutput raw) {
        return new Trace(Trace.FORMAT_VERSION, traceId, agentId, spec.targetId(), spec.host(), address,
                address == null ? null : AddressFamily.of(address), null, spec.protocol(), null, spec.probesPerHop(), spec.maxTtl(),
                started, finished, tool, TraceStatus.ERROR, false, null, List.of(), new TraceError(stage, message), raw);
    }

    private static RawOutput raw(Subprocess.Result result) {
        String text = result.stderr().isBlank() ? result.stdout() : result.stdout() + "\n--- stderr ---\n" + result.stderr();
        return text.isEmpty() ? null : RawOutput.capped(text, RawOutput.DEFAULT_CAP_BYTES);
    }
}
