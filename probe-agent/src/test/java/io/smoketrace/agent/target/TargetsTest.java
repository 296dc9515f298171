package io.smoketrace.agent.target;

import static io.smoketrace.agent.probe.Targets.target;
import static io.smoketrace.agent.probe.Targets.withSelector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);

    @Test
    void aSelectorPicksAgentsByIdOrAnyTagAndAnEmptyOneEveryAgent() {
        TargetSpec any = target("t", "192.0.2.1", ProbeTool.MTR, ProbeProtocol.ICMP, null, true);
        assertThat(any.appliesTo("fra1", List.of())).isTrue();
        TargetSpec byId = withSelector(any, new AgentSelector(List.of("fra1"), List.of()));
        assertThat(byId.appliesTo("fra1", List.of("europe"))).isTrue();
        assertThat(byId.appliesTo("ams1", List.of("europe"))).isFalse();
        TargetSpec byTag = withSelector(any, new AgentSelector(List.of(), List.of("europe", "dc")));
        assertThat(byTag.appliesTo("ams1", List.of("edge", "dc"))).isTrue();
        assertThat(byTag.appliesTo("nyc1", List.of("america"))).isFalse();
    }

    @Test
    void theRegistryRunsWhatAppliesMergesTheFileOverTheTopicAndFollowsDeletes() {
        TargetRegistry registry = new TargetRegistry("fra1", List.of("europe"));
        List<Set<String>> changes = new ArrayList<>();
        registry.onChange(active -> changes.add(Set.copyOf(active.keySet())));
        TargetSpec mine = target("mine", "192.0.2.1", ProbeTool.MTR, ProbeProtocol.ICMP, null, true);
        TargetSpec other = withSelector(target("other", "192.0.2.2", ProbeTool.MTR, ProbeProtocol.ICMP, null, true),
                new AgentSelector(List.of("nyc1"), List.of("america")));
        registry.putFromTopic(mine);
        registry.putFromTopic(other);
        assertThat(registry.active()).containsOnlyKeys("mine");
        TargetSpec local = target("mine", "192.0.2.99", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true);
        registry.setFileTargets(List.of(local));
        assertThat(registry.get("mine").host()).isEqualTo("192.0.2.99");
        registry.setFileTargets(List.of());
        registry.removeFromTopic("mine");
        assertThat(registry.active()).isEmpty();
        registry.putFromTopic(mine);
        registry.retainFromTopic(Set.of("other"));
        assertThat(registry.active()).isEmpty();
        // A changed spec is a change too (the file version replacing the topic one, and back).
        assertThat(changes).containsExactly(Set.of(), Set.of("mine"), Set.of("mine"), Set.of("mine"), Set.of(), Set.of("mine"), Set.of());
    }

    @Test
    void aRecordWhoseIdDiffersFromItsKeyOrThatTheAgentCannotRunIsRefusedNamingTheField() {
        byte[] valid = CODEC.encode(target("web", "192.0.2.1", ProbeTool.MTR, ProbeProtocol.ICMP, null, true));
        assertThat(TargetChecks.decode("web", valid).targetId()).isEqualTo("web");
        assertThatThrownBy(() -> TargetChecks.decode("mail", valid))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("targetId");
        byte[] noPort = new String(valid, StandardCharsets.UTF_8).replace("\"ICMP\"", "\"TCP\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TargetChecks.decode("web", noPort)).hasMessageContaining("port");
        byte[] badAddress = CODEC.encode(target("web", "300.1.2.3", ProbeTool.MTR, ProbeProtocol.ICMP, null, true));
        assertThatThrownBy(() -> TargetChecks.decode("web", badAddress)).hasMessageContaining("host");
        byte[] v6Tcptraceroute = CODEC.encode(target("web", "2001:db8::1", ProbeTool.TCPTRACEROUTE, ProbeProtocol.TCP, 443, true));
        assertThatThrownBy(() -> TargetChecks.decode("web", v6Tcptraceroute)).hasMessageContaining("tool");
        TargetSpec traceroute = target("web", "192.0.2.1", ProbeTool.TRACEROUTE, ProbeProtocol.ICMP, null, true);
        byte[] tenProbes = new String(CODEC.encode(traceroute), StandardCharsets.UTF_8)
                .replaceFirst("\"probesPerHop\":\\d+", "\"probesPerHop\":10").getBytes(StandardCharsets.UTF_8);
        assertThat(TargetChecks.decode("web", tenProbes).probesPerHop()).isEqualTo(10);
        byte[] elevenProbes = new String(tenProbes, StandardCharsets.UTF_8).replace("\"probesPerHop\":10", "\"probesPerHop\":11")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TargetChecks.decode("web", elevenProbes)).hasMessageContaining("probesPerHop")
                .hasMessageContaining("at most 10");
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TargetChecks.decode("web", garbage)).isInstanceOf(ContractViolationException.class);
    }

    @Test
    void theTargetsFileTakesYamlOrJsonWithDefaultsAndRefusesBadEntriesAlone(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("targets.yaml");
        Files.writeString(yaml, """
                - host: 192.0.2.1
                - targetId: dns
                  host: dns.example.net
                  tool: TRACEROUTE
                  protocol: UDP
                  port: 53
                  selector: {tags: [europe]}
                - targetId: broken
                  host: 192.0.2.3
                  maxTtl: 500
                """);
        TargetsFile.Contents contents = TargetsFile.read(yaml);
        assertThat(contents.targets()).extracting(TargetSpec::targetId).containsExactly("192.0.2.1", "dns");
        TargetSpec first = contents.targets().getFirst();
        assertThat(first.tool()).isEqualTo(ProbeTool.MTR);
        assertThat(first.paris()).isTrue();
        assertThat(first.intervalSeconds()).isEqualTo(60);
        assertThat(contents.refused()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(2);
            assertThat(r.line()).isEqualTo(8);
            assertThat(r.reason()).contains("maxTtl");
        });
        Path json = dir.resolve("targets.json");
        Files.writeString(json, "[{\"host\": \"2001:db8::1\", \"tool\": \"SCAMPER\"}]");
        assertThat(TargetsFile.read(json).targets()).singleElement()
                .satisfies(t -> assertThat(t.targetId()).isEqualTo("2001-db8--1"));
        Path notAList = dir.resolve("bad.yaml");
        Files.writeString(notAList, "host: 192.0.2.1\n");
        assertThatThrownBy(() -> TargetsFile.read(notAList)).isInstanceOf(IOException.class).hasMessageContaining("list");
    }

    @Test
    void theCacheKeepsTheTopicTargetsAcrossARestart(@TempDir Path dir) {
        TargetsCache cache = new TargetsCache(dir);
        assertThat(cache.load()).isEmpty();
        TargetSpec t = target("web", "192.0.2.1", ProbeTool.MTR, ProbeProtocol.ICMP, null, true);
        cache.save(List.of(t));
        assertThat(new TargetsCache(dir).load()).containsExactly(t);
    }
}
