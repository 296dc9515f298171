package io.smoketrace.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.ui.client.AlertingClient.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDefinitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static DefinitionForm form(Map<String, String> values) {
        return new DefinitionForm(values, Map.of(), false);
    }

    @Test
    void silenceMatchersAreReadAsAlertmanagerWritesThem() {
        AlertDefinitions.SilenceOutcome outcome = AlertDefinitions.checkSilence(form(Map.of(
                "matchers", "targetId=\"web\"\n  severity =~ \"WARNING|INFO\"\nsite!=ams\ntags!~\".*lab.*\"",
                "duration", "1h30m", "comment", "maintenance")), "operator", NOW);
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.silence().matchers()).containsExactly(new Matcher("targetId", "=", "web"),
                new Matcher("severity", "=~", "WARNING|INFO"), new Matcher("site", "!=", "ams"),
                new Matcher("tags", "!~", ".*lab.*"));
        assertThat(outcome.silence().startsAt()).isEqualTo(NOW);
        assertThat(outcome.silence().endsAt()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        assertThat(outcome.silence().createdBy()).isEqualTo("operator");
    }

    @Test
    void silenceStartsWhenAskedInUtc() {
        AlertDefinitions.SilenceOutcome outcome = AlertDefinitions.checkSilence(form(Map.of("matchers", "targetId=web",
                "startsAt", "2026-11-22 02:00", "duration", "2h", "comment", "window")), "op", NOW);
        assertThat(outcome.silence().startsAt()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
        assertThat(outcome.silence().endsAt()).isEqualTo(Instant.parse("2026-11-22T04:00:00Z"));
    }

    @Test
    void badSilenceFieldsEachGetTheirMessage() {
        DefinitionForm refused = AlertDefinitions.checkSilence(form(Map.of("matchers", "9bad=\"x\"\nname=~\"(\"",
                "startsAt", "tomorrow", "duration", "0s", "comment", " ")), "op", NOW).form();
        assertThat(refused.error("matchers")).contains("line 1: '9bad' is not a label name", "line 2: not a valid regular expression");
        assertThat(refused.error("startsAt")).contains("'tomorrow' is not a UTC time");
        assertThat(refused.error("duration")).contains("longer than zero");
        assertThat(refused.error("comment")).contains("say why");
        assertThat(AlertDefinitions.checkSilence(form(Map.of("matchers", "a=b", "duration", "400d", "comment", "x")), "op", NOW)
                .form().error("duration")).contains("at most a year");
    }

    @Test
    void ruleFormRoundTripsAStoredRuleAndKeepsItsDamping() {
        DefinitionForm form = form(Map.ofEntries(Map.entry("id", "loss"), Map.entry("enabled", "on"),
                Map.entry("eventTypes", "LOSS_STARTED,TARGET_UNREACHABLE"), Map.entry("severity", "critical"),
                Map.entry("targets", "web, dns,"), Map.entry("verdicts", "WORSE"), Map.entry("minLossPercent", "5"),
                Map.entry("confirmations", "2"), Map.entry("resolveAfter", "1h"), Map.entry("quorum.minAgents", "2"),
                Map.entry("quorum.window", "5m")));
        AlertDefinitions.RuleOutcome outcome = AlertDefinitions.checkRule(form, null);
        assertThat(outcome.valid()).as(outcome.form().errors().toString()).isTrue();
        assertThat(outcome.rule().targets()).containsExactly("web", "dns");
        assertThat(outcome.rule().severity().name()).isEqualTo("CRITICAL");
        DefinitionForm again = AlertDefinitions.ruleForm(outcome.rule());
        assertThat(again.value("eventTypes")).isEqualTo("LOSS_STARTED,TARGET_UNREACHABLE");
        assertThat(again.value("minLossPercent")).isEqualTo("5");
        assertThat(again.selected("verdicts", "WORSE")).isTrue();
        assertThat(AlertDefinitions.checkRule(again, outcome.rule()).rule()).isEqualTo(outcome.rule());
    }

    @Test
    void aQuorumNeedsBothFieldsAndEnoughAgents() {
        DefinitionForm refused = AlertDefinitions.checkRule(form(Map.of("id", "q", "eventTypes", "LOSS_STARTED",
                "severity", "INFO", "agents", "fra1, ams1", "quorum.minAgents", "3")), null).form();
        assertThat(refused.error("quorum.window")).contains("needs a window");
        assertThat(refused.error("quorum.minAgents")).contains("3 agents can never agree when the rule matches only 2");
    }

    @Test
    void theAlertingServicesRefusalLandsNextToTheFields() {
        Map<String, String> errors = AlertDefinitions.fieldErrors(List.of("matchers[1].value: not a valid regular expression",
                        "quorum.minAgents: must be at least 1", "damping.reuseLimit: must be below damping.suppressLimit",
                        "endsAt: must be in the future"), AlertDefinitions.RULE_FIELDS);
        assertThat(errors).containsEntry("matchers", "not a valid regular expression")
                .containsEntry("quorum.minAgents", "must be at least 1");
        assertThat(errors.get(DefinitionForm.GENERAL)).contains("damping.reuseLimit", "endsAt: must be in the future");
    }
}
