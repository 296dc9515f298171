package io.smoketrace.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    private static TargetForm form(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>(TargetForm.DEFAULTS);
        values.put("targetId", "web");
        values.put("host", "www.example.net");
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new TargetForm(values, Map.of(), false);
    }

    private static Map<String, String> errors(TargetForm form) {
        TargetRules.Outcome outcome = TargetRules.check(form, "alice", NOW);
        assertThat(outcome.valid()).as("refused").isFalse();
        return outcome.form().errors();
    }

    @Test
    void aCompleteFormBecomesTheSpecAgentsRead() {
        TargetRules.Outcome outcome = TargetRules.check(form("protocol", "tcp", "port", "443", "selector.agents", "fra1 ams2",
                "tags", "web,  edge", "thresholds.lossPercent", "5", "thresholds.confirmations", "3"), "alice", NOW);
        assertThat(outcome.valid()).isTrue();
        TargetSpec spec = outcome.spec();
        assertThat(spec.protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(spec.tool()).isEqualTo(ProbeTool.MTR);
        assertThat(spec.port()).isEqualTo(443);
        assertThat(spec.selector().agents()).containsExactly("fra1", "ams2");
        assertThat(spec.tags()).containsExactly("web", "edge");
        assertThat(spec.thresholds().lossPercent()).isEqualTo(5.0);
        assertThat(spec.thresholds().confirmations()).isEqualTo(3);
        assertThat(spec.updatedBy()).isEqualTo("alice");
        assertThat(spec.updatedAt()).isEqualTo(NOW);
        assertThat(spec.paris()).isTrue();
    }

    @Test
    void editingShowsTheSpecAsItWasEntered() {
        TargetSpec spec = TargetRules.check(form("selector.tags", "europe, dc", "thresholds.latencyIncreaseMs", "20"),
                "alice", NOW).spec();
        TargetForm back = TargetRules.toForm(spec);
        assertThat(back.editing()).isTrue();
        assertThat(back.value("selector.tags")).isEqualTo("europe, dc");
        assertThat(back.value("thresholds.latencyIncreaseMs")).isEqualTo("20.0");
        assertThat(back.checked("paris")).isTrue();
        assertThat(TargetRules.check(back, "bob", NOW).spec().selector()).isEqualTo(spec.selector());
    }

    @Test
    void tcpNeedsAPortAndIcmpHasNone() {
        assertThat(errors(form("protocol", "TCP"))).containsEntry("port", "TCP probes need a destination port");
        assertThat(errors(form("protocol", "ICMP", "port", "80"))).containsEntry("port", "ICMP probes have no port: leave it empty");
    }

    @Test
    void toolsThatProbeWithOneProtocolOnly() {
        assertThat(errors(form("tool", "TCPTRACEROUTE", "protocol", "ICMP"))).containsKey("protocol");
        assertThat(errors(form("tool", "TRACEPATH", "protocol", "TCP", "port", "1"))).containsKey("protocol");
    }

    @Test
    void intervalBoundsAndATimeoutThatFits() {
        assertThat(errors(form("intervalSeconds", "5"))).containsEntry("intervalSeconds", "between 10 s and 86400 s (one day)");
        assertThat(errors(form("intervalSeconds", "90000"))).containsKey("intervalSeconds");
        assertThat(errors(form("intervalSeconds", "30", "timeoutSeconds", "30"))).containsKey("timeoutSeconds");
        assertThat(errors(form("intervalSeconds", "sixty"))).containsEntry("intervalSeconds", "must be a whole number");
    }

    @Test
    void schemaViolationsLandOnTheirFields() {
        Map<String, String> errors = errors(form("maxTtl", "300", "probesPerHop", "0", "thresholds.lossPercent", "150",
                "targetId", "-starts-with-a-dash", "tool", "PING"));
        assertThat(errors).containsKeys("maxTtl", "probesPerHop", "thresholds.lossPercent", "targetId", "tool");
        assertThat(errors.get("maxTtl")).contains("64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "2001:db8::1", "::1", "www.example.net", "localhost", "router-1.lab.", "a.b-c.d"})
    void hostsThatCanBeResolved(String host) {
        assertThat(TargetRules.looksResolvable(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a host", "256.1.1.1", "10.0.0", "2001:db8:::1", "-bad.example", "bad-.example",
            "under_score.example", "a..b", "1.2.3.4.5", "example.123"})
    void hostsThatCannot(String host) {
        assertThat(TargetRules.looksResolvable(host)).isFalse();
    }

    @Test
    void schemaPathsAreFormFields() {
        assertThat(TargetRules.formField("selector.agents[2]")).isEqualTo("selector.agents");
        assertThat(TargetRules.formField("thresholds.confirmations")).isEqualTo("thresholds.confirmations");
        assertThat(TargetRules.formField("")).isEqualTo(TargetForm.GENERAL);
        assertThat(TargetRules.formField("unknownField")).isEqualTo(TargetForm.GENERAL);
    }
}
