package io.smoketrace.ui.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.common.alert.AlertNotification.Severity;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The alerting service's REST API: alerts, notifications, silences and rules. Non-blocking. */
@ApplicationScoped
public class AlertingClient {

    public static final String NAME = "alerting-service";

    private final JsonService api;

    public AlertingClient(UiConfig config) {
        this.api = new JsonService(NAME, config.services().alertingUrl(), Duration.ofMillis(1000),
                config.services().timeout());
    }

    public CompletableFuture<List<AlertState>> alerts() {
        return api.getList("/api/alerts", AlertState.class).thenApply(o -> o.orElse(List.of()));
    }

    /** The latest notifications, newest first: the alert history as delivered. */
    public CompletableFuture<List<NotificationSummary>> notifications(int limit) {
        return api.getList(JsonService.path("/api/notifications", "limit", limit), NotificationSummary.class)
                .thenApply(o -> o.orElse(List.of()));
    }

    public CompletableFuture<List<Silence>> silences(boolean expired) {
        return api.getList(JsonService.path("/api/silences", "expired", expired ? "true" : null), Silence.class)
                .thenApply(o -> o.orElse(List.of()));
    }

    public CompletableFuture<Optional<Silence>> silence(String id) {
        return api.get("/api/silences/" + JsonService.segment(id), Silence.class);
    }

    /** Creates a silence; the answer carries the id the service gave it. */
    public CompletableFuture<Silence> createSilence(Silence silence) {
        return api.post("/api/silences", silence, Silence.class)
                .thenApply(o -> o.orElseThrow(() -> new ServiceUnavailable(NAME, "did not return the silence it created", null)));
    }

    /** Expires a silence now; empty when there is no such silence. */
    public CompletableFuture<Optional<Silence>> expireSilence(String id) {
        return api.delete("/api/silences/" + JsonService.segment(id), Silence.class);
    }

    public CompletableFuture<List<Rule>> rules() {
        return api.getList("/api/rules", Rule.class).thenApply(o -> o.orElse(List.of()));
    }

    public CompletableFuture<Optional<Rule>> rule(String id) {
        return api.get("/api/rules/" + JsonService.segment(id), Rule.class);
    }

    /** Creates a rule; refused (409) when the id exists. */
    public CompletableFuture<Rule> createRule(Rule rule) {
        return api.post("/api/rules", rule, Rule.class).thenApply(o -> o.orElse(rule));
    }

    /** Creates or replaces the rule with this id. */
    public CompletableFuture<Rule> replaceRule(Rule rule) {
        return api.put("/api/rules/" + JsonService.segment(rule.id()), rule, Rule.class).thenApply(o -> o.orElse(rule));
    }

    /** Deletes a rule; false when there was none. */
    public CompletableFuture<Boolean> deleteRule(String id) {
        return api.delete("/api/rules/" + JsonService.segment(id));
    }

    /**
     * An alert with whether it is muted (the alerting service's {@code GET /api/alerts}).
     *
     * @param alert the alert
     * @param silenced whether a silence mutes it
     * @param inhibited whether another alert inhibits it
     */
    public record AlertState(Alert alert, boolean silenced, boolean inhibited) {
    }

    /**
     * One alert.
     *
     * @param alertId rule, agent and target
     * @param ruleId the rule
     * @param severity how urgent
     * @param status firing or resolved
     * @param labels its labels
     * @param annotations summary and other text
     * @param startsAt when it started firing
     * @param endsAt when it resolved
     * @param trigger the latest event that triggered it
     * @param recovery the event that resolved it
     */
    public record Alert(String alertId, String ruleId, Severity severity, AlertStatus status, Map<String, String> labels,
                        Map<String, String> annotations, Instant startsAt, Instant endsAt, PathEvent trigger,
                        PathEvent recovery) {
        public Alert {
            labels = labels == null ? Map.of() : labels;
            annotations = annotations == null ? Map.of() : annotations;
        }
    }

    /**
     * A notification in the outbox (the alerting service's {@code GET /api/notifications}).
     *
     * @param notificationId its id
     * @param receiver where it goes
     * @param groupKey its alert group
     * @param status FIRING or RESOLVED
     * @param delivery PENDING, DELIVERED or FAILED
     * @param createdAt when it was decided
     * @param attempts delivery attempts so far
     * @param deliveredAt when it was delivered
     * @param lastError the last failure
     */
    public record NotificationSummary(String notificationId, String receiver, String groupKey, String status, String delivery,
                                      Instant createdAt, int attempts, Instant deliveredAt, String lastError) {
    }

    /**
     * A label matcher, Alertmanager style.
     *
     * @param name the label
     * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
     * @param value the value or regular expression
     */
    public record Matcher(String name, String op, String value) {

        @Override
        public String toString() {
            return name + op + '"' + value + '"';
        }
    }

    /**
     * A silence.
     *
     * @param id assigned by the service
     * @param matchers all must match
     * @param startsAt when it starts
     * @param endsAt when it expires
     * @param createdBy who asked for it
     * @param comment why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                          String comment) {
        public Silence {
            matchers = matchers == null ? List.of() : matchers;
        }

        /** Whether it mutes at this moment. */
        public boolean activeAt(Instant now) {
            return (startsAt == null || !now.isBefore(startsAt)) && endsAt != null && now.isBefore(endsAt);
        }
    }

    /**
     * An alerting rule, as the alerting service stores it.
     *
     * @param id stable id
     * @param name a human name
     * @param enabled false: fires nothing
     * @param eventTypes event types that trigger it
     * @param targets target ids; empty: all
     * @param agents agent ids; empty: all
     * @param matchers matchers on the event's labels
     * @param verdicts verdicts that trigger; empty: any
     * @param minLatencyIncreaseMs latency events: least increase
     * @param minLossPercent loss events: least loss
     * @param confirmations trigger events needed
     * @param pendingFor how long the condition must hold
     * @param damping flap damping (kept as the service has it; the console does not edit it)
     * @param quorum vantage points that must agree
     * @param severity how urgent
     * @param resolveAfter for events without recovery: resolve after this long
     * @param summary one line
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String id, String name, Boolean enabled, Set<EventType> eventTypes, List<String> targets,
                       List<String> agents, List<Matcher> matchers, Set<Judgement> verdicts, Double minLatencyIncreaseMs,
                       Double minLossPercent, Integer confirmations, String pendingFor, JsonNode damping, Quorum quorum,
                       Severity severity, String resolveAfter, String summary) {
        public Rule {
            eventTypes = eventTypes == null ? Set.of() : eventTypes;
            targets = targets == null ? List.of() : targets;
            agents = agents == null ? List.of() : agents;
            matchers = matchers == null ? List.of() : matchers;
            verdicts = verdicts == null ? Set.of() : verdicts;
        }

        /** Whether it is active (enabled unless said otherwise). */
        public boolean active() {
            return enabled == null || enabled;
        }
    }

    /**
     * At least {@code minAgents} vantage points within {@code window}.
     *
     * @param minAgents how many
     * @param window how close their onsets must be
     */
    public record Quorum(Integer minAgents, String window) {
    }
}
