package io.smoketrace.agent.probe;

import static io.smoketrace.agent.probe.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the real tools (installed from Debian: mtr-tiny, traceroute, scamper, tcptraceroute, iputils-tracepath) against loopback. */
class ProbeRunnerTest {

    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);
    private static ToolInventory tools;

    @BeforeAll
    static void detect() {
        tools = ToolInventory.detect();
    }

    private static ProbeRunner runner(ToolInventory inventory, DenyList deny, ProbeRunner.HostResolver resolver) {
        return new ProbeRunner("fra1", inventory, deny, SourcePorts.parse("31000-31999"), resolver, InstantSource.system(), List.of());
    }

    /** The trace as a subscriber would get it: it must pass the topic's contract. */
    private static Trace published(Trace trace) {
        return CODEC.decode(CODEC.encode(trace));
    }

    @ParameterizedTest(name = "{0} {1} paris={3} {4}")
    @CsvSource({
            "MTR, ICMP, , true, 127.0.0.1",
            "MTR, UDP, , true, 127.0.0.1",
            "MTR, ICMP, , true, ::1",
            "TRACEROUTE, ICMP, , true, 127.0.0.1",
            "TRACEROUTE, UDP, , true, 127.0.0.1",
            "TRACEROUTE, UDP, , false, 127.0.0.1",
            "TRACEROUTE, UDP, , true, ::1",
            "SCAMPER, ICMP, , true, 127.0.0.1",
            "SCAMPER, UDP, , true, 127.0.0.1",
            "SCAMPER, ICMP, , true, ::1",
            "TRACEPATH, UDP, , false, 127.0.0.1",
            "TRACEPATH, UDP, , false, ::1",
    })
    void tracesLoopbackWithTheRealTool(ProbeTool tool, ProbeProtocol protocol, Integer port, boolean paris, String address) {
        assumeTrue(tools.find(tool).isPresent(), tool + " is not installed");
        TargetSpec spec = target("loop", address, tool, protocol, port, paris);
        Trace trace = published(runner(tools, DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM).run(spec));

        assertThat(trace.error()).isNull();
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.agentId()).isEqualTo("fra1");
        assertThat(trace.targetId()).isEqualTo("loop");
        assertThat(trace.targetAddress()).isEqualTo(address);
        assertThat(trace.addressFamily()).isEqualTo(AddressFamily.of(address));
        assertThat(trace.hops()).isNotEmpty();
        assertThat(trace.tool().version()).isNotBlank();
        assertThat(trace.tool().command()).contains(address);
        assertThat(trace.startedAt()).isNotNull();
        assertThat(trace.finishedAt()).isNotNull();
        assertThat(trace.flow()).isNotNull();
        assertThat(trace.flow().constant()).isEqualTo(ProbeCommands.needsSourcePort(spec) || (tool == ProbeTool.SCAMPER && paris));
        if (ProbeCommands.needsSourcePort(spec)) {
            assertThat(trace.flow().sourcePort()).isEqualTo(SourcePorts.parse("31000-31999").preferred("loop"));
        }
    }

    /**
     * scamper's UDP probes to ::1 get no answer on this kernel (it stops at its gap limit after about
     * 50 s): a run that outlives its timeout must come back as TIMEOUT with what scamper printed.
     */
    @Test
    void aRealToolPastItsTimeoutIsStopped() {
        assumeTrue(tools.find(ProbeTool.SCAMPER).isPresent(), "scamper is not installed");
        TargetSpec spec = Targets.withInterval(target("slow", "::1", ProbeTool.SCAMPER, ProbeProtocol.UDP, null, true), 60, 2);
        long start = System.nanoTime();
        Trace trace = published(runner(tools, DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM).run(spec));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
        assertThat(trace.status()).isEqualTo(TraceStatus.TIMEOUT);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.TIMEOUT);
        assertThat(trace.targetAddress()).isEqualTo("::1");
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("scamper")))
                .as("no scamper left behind").isEmpty();
    }

    @Test
    void tcptracerouteToAClosedPortOnLoopback() {
        assumeTrue(tools.find(ProbeTool.TCPTRACEROUTE).isPresent(), "tcptraceroute is not installed");
        Trace trace = published(runner(tools, DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM)
                .run(target("loop-tcp", "127.0.0.1", ProbeTool.TCPTRACEROUTE, ProbeProtocol.TCP, 9, true)));
        assertThat(trace.error()).isNull();
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.flow().constant()).isTrue();
        assertThat(trace.flow().destinationPort()).isEqualTo(9);
    }

    @Test
    void aMissingToolGivesToolMissing() {
        ToolInventory none = new ToolInventory(Map.of(), Map.of(ProbeTool.MTR, "mtr is not installed; install the Debian package mtr-tiny"));
        Trace trace = published(runner(none, DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM)
                .run(target("t", "127.0.0.1", ProbeTool.MTR, ProbeProtocol.ICMP, null, true)));
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.TOOL_MISSING);
        assertThat(trace.error().message()).contains("mtr-tiny");
    }

    @Test
    void aNameThatDoesNotResolveGivesResolve() {
        Trace trace = published(runner(tools, DenyList.EMPTY, host -> { throw new UnknownHostException(host + ": Name or service not known"); })
                .run(target("t", "nowhere.invalid", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true)));
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.RESOLVE);
        assertThat(trace.error().message()).contains("nowhere.invalid");
        assertThat(trace.targetAddress()).isNull();
    }

    @Test
    void aNameIsResolvedEveryRunInTheFamilyAskedFor() throws Exception {
        InetAddress[][] answers = {
                {InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1")},
                {InetAddress.getByName("127.0.0.2")}};
        int[] calls = {0};
        ProbeRunner.HostResolver resolver = host -> answers[Math.min(calls[0]++, 1)];
        ProbeRunner r = runner(tools, DenyList.of(List.of("127.0.0.0/8")), resolver);
        TargetSpec spec = Targets.withFamily(target("t", "loop.example", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true),
                TargetSpec.AddressFamilyPreference.IPV4);
        assertThat(r.run(spec).targetAddress()).isEqualTo("127.0.0.1");
        assertThat(r.run(spec).targetAddress()).isEqualTo("127.0.0.2");
        assertThat(calls[0]).isEqualTo(2);
        TargetSpec v6 = Targets.withFamily(spec, TargetSpec.AddressFamilyPreference.IPV6);
        calls[0] = 1;
        assertThat(r.run(v6).error().stage()).isEqualTo(TraceError.Stage.RESOLVE);
    }

    @Test
    void aDeniedAddressIsNeverProbed() {
        Trace trace = published(runner(tools, DenyList.of(List.of("127.0.0.0/8")), ProbeRunner.HostResolver.SYSTEM)
                .run(target("t", "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true)));
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.DENIED);
        assertThat(trace.error().message()).contains("127.0.0.0/8");
        assertThat(trace.targetAddress()).isEqualTo("127.0.0.1");
        assertThat(trace.tool().command()).as("nothing ran").isNull();
    }

    /** A stand-in for a tool whose output is broken (a different build, a wrapper that prints a banner): the point is the output. */
    private static ToolInventory fake(Path dir, String script) throws IOException {
        Path tool = dir.resolve("traceroute");
        Files.writeString(tool, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<ProbeTool, ToolCapability> found = new EnumMap<>(ProbeTool.class);
        found.put(ProbeTool.TRACEROUTE, new ToolCapability(ProbeTool.TRACEROUTE, "2.1.2", tool.toString(), List.of(ProbeProtocol.values())));
        return new ToolInventory(found, Map.of());
    }

    @Test
    void outputThatCannotBeParsedIsAnErrorTraceWithTheRawOutput(@TempDir Path dir) throws IOException {
        Trace trace = published(runner(fake(dir, "echo 'this is not traceroute output'"), DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM)
                .run(target("t", "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true)));
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.PARSE);
        assertThat(trace.raw().text()).contains("this is not traceroute output");
        assertThat(trace.agentId()).isEqualTo("fra1");
        assertThat(trace.targetAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void aToolThatFailsIsAnExecuteErrorWithItsMessage(@TempDir Path dir) throws IOException {
        Trace trace = published(runner(fake(dir, "echo 'bind: Address already in use' >&2; exit 1"), DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM)
                .run(target("t", "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true)));
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.EXECUTE);
        assertThat(trace.error().message()).contains("status 1").contains("Address already in use");
    }

    @Test
    void aRunPastItsTimeoutIsStoppedAndKeepsThePartialOutput(@TempDir Path dir) throws IOException {
        String script = "echo 'traceroute to 127.0.0.1 (127.0.0.1), 8 hops max, 60 byte packets'; echo ' 1  127.0.0.1  0.029 ms  0.004 ms'; exec sleep 30";
        TargetSpec spec = Targets.withInterval(target("t", "127.0.0.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true), 60, 1);
        long start = System.nanoTime();
        Trace trace = published(runner(fake(dir, script), DenyList.EMPTY, ProbeRunner.HostResolver.SYSTEM).run(spec));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(trace.status()).isEqualTo(TraceStatus.TIMEOUT);
        assertThat(trace.error().stage()).isEqualTo(TraceError.Stage.TIMEOUT);
        assertThat(trace.raw().text()).contains("127.0.0.1  0.029 ms");
        assertThat(trace.hops()).hasSize(1);
    }
}
