package io.smoketrace.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smoketrace.common.alert.AlertNotification.Severity;
import io.smoketrace.common.alert.Durations;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Verdict.Judgement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An alerting rule: which path events count, how long or how often they must hold before the alert
 * fires, how flapping is damped, how many vantage points must agree, and how severe it is.
 *
 * @param id stable id, used in alert ids and labels
 * @param name a human name
 * @param enabled a disabled rule fires nothing and resolves what it fired
 * @param eventTypes the event types that trigger the alert (their recovery events resolve it)
 * @param targets target ids to match; empty means every target
 * @param agents agent ids (vantage points) to match; empty means every agent
 * @param matchers matchers on the event's labels (site, tags, ...)
 * @param verdicts verdicts that trigger; empty means any
 * @param minLatencyIncreaseMs for latency events: observed minus baseline must reach this
 * @param minLossPercent for loss events: observed loss must reach this
 * @param confirmations trigger events needed (per vantage point) before it fires
 * @param pendingFor how long the condition must hold, uninterrupted by a recovery, before it fires
 * @param damping flap damping, RFC 2439 style; null for none
 * @param quorum how many vantage points must see it; null means one is enough (an alert per vantage point)
 * @param severity how urgent
 * @param resolveAfter for events that have no recovery event (flapping, BGP changes, mismatches): resolve after this long without a new trigger
 * @param summary a one-line description; the event's own summary when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rule(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be lower-case letters, digits, '.', '_' or '-'")
        String id,
        @Size(max = 200) String name,
        Boolean enabled,
        @NotEmpty(message = "must name at least one event type") Set<@NotNull EventType> eventTypes,
        List<@NotBlank String> targets,
        List<@NotBlank String> agents,
        List<@NotNull @Valid Matcher> matchers,
        Set<@NotNull Judgement> verdicts,
        @DecimalMin(value = "0", message = "must not be negative") Double minLatencyIncreaseMs,
        @DecimalMin(value = "0", message = "must not be negative") Double minLossPercent,
        @Min(value = 1, message = "must be at least 1") @Max(1000) Integer confirmations,
        @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String pendingFor,
        @Valid Damping damping,
        @Valid Quorum quorum,
        @NotNull Severity severity,
        @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String resolveAfter,
        @Size(max = 500) String summary) {

    public Rule {
        targets = targets == null ? List.of() : List.copyOf(targets);
        agents = agents == null ? List.of() : List.copyOf(agents);
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        verdicts = verdicts == null ? Set.of() : Set.copyOf(verdicts);
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    }

    /** Whether the rule is active (enabled unless said otherwise). */
    public boolean active() {
        return enabled == null || enabled;
    }

    /** The same rule under another id. */
    public Rule withId(String newId) {
        return new Rule(newId, name, enabled, eventTypes, targets, agents, matchers, verdicts, minLatencyIncreaseMs,
                minLossPercent, confirmations, pendingFor, damping, quorum, severity, resolveAfter, summary);
    }

    /** Checks Bean Validation cannot express; each problem names its field. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            String problem = matchers.get(i).problem();
            if (problem != null) {
                problems.add("matchers[" + i + "].value: " + problem);
            }
        }
        if (damping != null && damping.reuseLimit() != null && damping.suppressLimit() != null
                && damping.reuseLimit() >= damping.suppressLimit()) {
            problems.add("damping.reuseLimit: must be below damping.suppressLimit (" + damping.suppressLimit() + ")");
        }
        if (quorum != null && !agents.isEmpty() && quorum.minAgents() != null && quorum.minAgents() > agents.size()) {
            problems.add("quorum.minAgents: " + quorum.minAgents() + " vantage points can never agree when the rule matches only "
                    + agents.size() + " agents");
        }
        return problems;
    }

    /**
     * Flap damping after RFC 2439: every change (trigger or recovery) adds a penalty that decays
     * exponentially; above the suppress limit the alert's state is frozen until the penalty decays
     * below the reuse limit, then the latest state is published.
     *
     * @param penalty added per change
     * @param halfLife time for the penalty to halve
     * @param suppressLimit suppress at or above this
     * @param reuseLimit stop suppressing below this
     * @param maxSuppress the longest an alert stays suppressed after the last change (caps the penalty)
     */
    public record Damping(
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive") Double penalty,
            @NotNull @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String halfLife,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive") Double suppressLimit,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive") Double reuseLimit,
            @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String maxSuppress) {
    }

    /**
     * At least {@code minAgents} vantage points must see the condition, with onsets within {@code window}.
     *
     * @param minAgents how many vantage points
     * @param window how close together their onsets must be
     */
    public record Quorum(
            @NotNull @Min(value = 1, message = "must be at least 1") Integer minAgents,
            @NotNull @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String window) {
    }
}
