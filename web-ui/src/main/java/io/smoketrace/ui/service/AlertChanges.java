package io.smoketrace.ui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smoketrace.common.serde.Json;
import io.smoketrace.ui.Actor;
import io.smoketrace.ui.AuditEvent;
import io.smoketrace.ui.client.AlertingClient;
import io.smoketrace.ui.client.AlertingClient.Matcher;
import io.smoketrace.ui.client.AlertingClient.Rule;
import io.smoketrace.ui.client.AlertingClient.Silence;
import io.smoketrace.ui.client.JsonService;
import io.smoketrace.ui.client.RefusedByService;
import io.smoketrace.ui.client.ServiceUnavailable;
import io.smoketrace.ui.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Changes to alert rules and silences made in the console: checked here first (messages next to the
 * fields), then sent to the alerting service, with the audit row written in a database transaction
 * that commits only when the service accepted the change. A refusal or an unreachable service leaves
 * nothing behind: no audit row, no change. Blocking: call from worker threads.
 */
@ApplicationScoped
public class AlertChanges {

    private static final Logger LOG = Logger.getLogger(AlertChanges.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A change made, or the form with what is wrong. */
    public record Outcome(boolean saved, DefinitionForm form, String objectId) {
    }

    private final AlertingClient alerting;
    private final AuditRepository audit;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    public AlertChanges(AlertingClient alerting, AuditRepository audit, MeterRegistry registry) {
        this.alerting = alerting;
        this.audit = audit;
        this.registry = registry;
    }

    public Outcome createRule(DefinitionForm form, Actor actor) {
        AlertDefinitions.RuleOutcome checked = AlertDefinitions.checkRule(form, null);
        if (!checked.valid()) {
            return refused("rule", checked.form());
        }
        Rule rule = checked.rule();
        if (await(alerting.rule(rule.id())).isPresent()) {
            return refused("rule", form.withErrors(Map.of("id", "a rule " + rule.id() + " exists already: pick another id or edit that one")));
        }
        return change(form, AlertDefinitions.RULE_FIELDS, actor, "RULE_CREATED", "rule", rule.id(),
                "added alert rule " + describe(rule), null, rule, () -> alerting.createRule(rule), r -> "/api/rules/" + rule.id());
    }

    public Outcome updateRule(String id, DefinitionForm form, Actor actor) {
        Optional<Rule> before = await(alerting.rule(id));
        if (before.isEmpty()) {
            return refused("rule", form.withErrors(Map.of(DefinitionForm.GENERAL, "rule " + id + " no longer exists (deleted meanwhile?)")));
        }
        Map<String, String> values = new java.util.LinkedHashMap<>(form.values());
        values.put("id", id);
        DefinitionForm editing = new DefinitionForm(values, Map.of(), true);
        AlertDefinitions.RuleOutcome checked = AlertDefinitions.checkRule(editing, before.get());
        if (!checked.valid()) {
            return refused("rule", checked.form());
        }
        Rule rule = checked.rule();
        return change(editing, AlertDefinitions.RULE_FIELDS, actor, "RULE_UPDATED", "rule", id,
                "changed alert rule " + describe(rule), before.get(), rule, () -> alerting.replaceRule(rule), r -> "/api/rules/" + id);
    }

    /** Deletes a rule; false when there was none. */
    public boolean deleteRule(String id, Actor actor) {
        Optional<Rule> before = await(alerting.rule(id));
        if (before.isEmpty()) {
            return false;
        }
        Outcome outcome = change(new DefinitionForm(Map.of(), Map.of(), true), List.of(), actor, "RULE_DELETED", "rule", id,
                "deleted alert rule " + describe(before.get()), before.get(), null, () -> alerting.deleteRule(id),
                r -> "/api/rules/" + id);
        if (!outcome.saved()) {
            throw new RefusedByService("not deleted", List.of(outcome.form().error(DefinitionForm.GENERAL)));
        }
        return true;
    }

    public Outcome createSilence(DefinitionForm form, Actor actor) {
        AlertDefinitions.SilenceOutcome checked = AlertDefinitions.checkSilence(form, actor.name(), clock.instant());
        if (!checked.valid()) {
            return refused("silence", checked.form());
        }
        Silence silence = checked.silence();
        return change(form, AlertDefinitions.SILENCE_FIELDS, actor, "SILENCE_CREATED", "silence", "",
                "added silence " + describe(silence), null, silence, () -> alerting.createSilence(silence),
                created -> "/api/silences/" + created.id());
    }

    /** Expires a silence now; false when there is no such silence. */
    public boolean expireSilence(String id, Actor actor) {
        Optional<Silence> before = await(alerting.silence(id));
        if (before.isEmpty()) {
            return false;
        }
        Outcome outcome = change(new DefinitionForm(Map.of(), Map.of(), true), List.of(), actor, "SILENCE_EXPIRED", "silence", id,
                "expired silence " + id + " (" + describe(before.get()) + ")", before.get(), null,
                () -> alerting.expireSilence(id), s -> "/api/silences/" + id);
        if (!outcome.saved()) {
            throw new RefusedByService("not expired", List.of(outcome.form().error(DefinitionForm.GENERAL)));
        }
        return true;
    }

    /**
     * Audit row and change together: the row is written, the service is asked, and the row commits only
     * if the service accepted. A refusal comes back as messages next to the fields.
     */
    private <T> Outcome change(DefinitionForm form, List<String> fields, Actor actor, String action, String objectType,
                               String objectId, String summary, Object before, Object after,
                               Supplier<CompletableFuture<T>> call, java.util.function.Function<T, String> where) {
        AuditEvent event = new AuditEvent(0, clock.instant(), actor.name(), actor.role().roleName(), action, objectType,
                objectId, summary, json(before), json(after), null, actor.remoteAddress());
        try {
            T result = audit.recordAround(List.of(event), Uni.createFrom().completionStage(call),
                    done -> List.of(AlertingClient.NAME + " " + where.apply(done)),
                    done -> done instanceof Silence s && s.id() != null ? List.of(s.id()) : List.of()).await().atMost(TIMEOUT);
            String id = result instanceof Silence s && s.id() != null ? s.id() : objectId;
            LOG.infof("%s %s%s (as %s from %s)", actor.name(), summary, id.equals(objectId) ? "" : " as " + id,
                    actor.role().roleName(), actor.remoteAddress());
            registry.counter("smoketrace.ui.alerting.changes", "action", action).increment();
            return new Outcome(true, form, id);
        } catch (CompletionException e) {
            return failed(form, fields, objectType, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            return failed(form, fields, objectType, e);
        }
    }

    private Outcome failed(DefinitionForm form, List<String> fields, String objectType, Throwable e) {
        if (e instanceof RefusedByService refused) {
            LOG.infof("the alerting service refused a %s: %s", objectType, refused.getMessage());
            return refused(objectType, form.withErrors(AlertDefinitions.fieldErrors(refused.problems(), fields)));
        }
        String reason = e instanceof ServiceUnavailable ? e.getMessage() : "the change could not be recorded: " + e.getMessage();
        LOG.warnf("%s not changed: %s", objectType, reason);
        return refused(objectType, form.withErrors(Map.of(DefinitionForm.GENERAL, "Not saved: " + reason)));
    }

    private Outcome refused(String objectType, DefinitionForm form) {
        registry.counter("smoketrace.ui.alerting.changes.refused", "object", objectType).increment();
        return new Outcome(false, form, "");
    }

    /** A rule in a few words: {@code latency (WARNING on LATENCY_INCREASED, targets web)}. */
    static String describe(Rule rule) {
        StringBuilder sb = new StringBuilder(rule.id()).append(" (").append(rule.severity()).append(" on ")
                .append(rule.eventTypes().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        if (!rule.targets().isEmpty()) {
            sb.append(", targets ").append(String.join(", ", rule.targets()));
        }
        if (!rule.agents().isEmpty()) {
            sb.append(", agents ").append(String.join(", ", rule.agents()));
        }
        if (!rule.matchers().isEmpty()) {
            sb.append(", ").append(rule.matchers().stream().map(Matcher::toString).collect(Collectors.joining(" ")));
        }
        return sb.append(rule.active() ? "" : ", disabled").append(')').toString();
    }

    /** A silence in a few words: {@code targetId="web" until 2026-11-21T14:00:00Z: maintenance}. */
    static String describe(Silence silence) {
        return silence.matchers().stream().map(Matcher::toString).collect(Collectors.joining(" ")) + " until "
                + silence.endsAt() + (silence.comment() == null ? "" : ": " + silence.comment());
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T await(CompletableFuture<T> call) {
        return JsonService.await(call, TIMEOUT, AlertingClient.NAME);
    }
}
