package io.smoketrace.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration as SmallRye Config maps it, checked the way the agent checks it at start-up. */
class AgentSettingsTest {

    @TempDir
    Path dir;

    private AgentSettings settings(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("smoketrace.agent.data-dir", dir.resolve("data").toString()));
        all.putAll(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AgentConfig.class)
                // Quarkus's own reading of "30s"; plain SmallRye only knows ISO-8601 durations.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build();
        return AgentSettings.from(config.getConfigMapping(AgentConfig.class));
    }

    @Test
    void defaultsAreUsableAndTheIdFallsBackToTheHostName() {
        AgentSettings s = settings(Map.of());
        assertThat(s.agentId()).matches(AgentSettings.ID);
        assertThat(s.site()).isEqualTo(s.agentId());
        assertThat(s.tags()).isEmpty();
        assertThat(s.coordinates()).isNull();
        assertThat(s.maxConcurrentRuns()).isEqualTo(4);
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.denyList().isEmpty()).isTrue();
        assertThat(s.commandPrefix()).isEmpty();
        assertThat(s.spoolMaxBytes()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void everythingSetIsTaken() {
        AgentSettings s = settings(Map.of(
                "smoketrace.agent.id", "fra1",
                "smoketrace.agent.site", "Frankfurt DC1",
                "smoketrace.agent.tags", "europe,dc",
                "smoketrace.agent.latitude", "50.11",
                "smoketrace.agent.longitude", "8.68",
                "smoketrace.agent.deny", "224.0.0.0/4,ff00::/8",
                "smoketrace.agent.command-prefix", "ip vrf exec mgmt",
                "smoketrace.agent.heartbeat-interval", "10s"));
        assertThat(s.agentId()).isEqualTo("fra1");
        assertThat(s.site()).isEqualTo("Frankfurt DC1");
        assertThat(s.tags()).containsExactly("europe", "dc");
        assertThat(s.coordinates().latitude()).isEqualTo(50.11);
        assertThat(s.denyList().denying("239.0.0.1")).isEqualTo("224.0.0.0/4");
        assertThat(s.commandPrefix()).containsExactly("ip", "vrf", "exec", "mgmt");
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badSettingsStopTheStartNamingEachKeyItsVariableAndTheFix() {
        assertThatThrownBy(() -> settings(Map.of(
                "smoketrace.agent.id", "fra 1/x",
                "smoketrace.agent.latitude", "50.11",
                "smoketrace.agent.deny", "224.0.0.0/4,multicast",
                "smoketrace.agent.max-concurrent-runs", "0",
                "smoketrace.agent.source-ports", "80-90",
                "smoketrace.agent.targets-file", dir.resolve("missing.yaml").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("smoketrace.agent.id (SMOKETRACE_AGENT_ID): 'fra 1/x' is not a valid agent id; use letters")
                .hasMessageContaining("SMOKETRACE_AGENT_LONGITUDE").hasMessageContaining("set both, or neither")
                .hasMessageContaining("smoketrace.agent.deny (SMOKETRACE_AGENT_DENY): 'multicast' is not an IPv4 or IPv6 prefix")
                .hasMessageContaining("smoketrace.agent.max-concurrent-runs")
                .hasMessageContaining("smoketrace.agent.source-ports")
                .hasMessageContaining("smoketrace.agent.targets-file (SMOKETRACE_AGENT_TARGETS_FILE): cannot read");
        assertThatThrownBy(() -> settings(Map.of("smoketrace.agent.command-prefix", "no-such-program exec")))
                .hasMessageContaining("smoketrace.agent.command-prefix");
    }
}
