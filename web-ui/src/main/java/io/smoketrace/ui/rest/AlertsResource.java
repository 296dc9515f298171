package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.ui.client.AlertingClient;
import io.smoketrace.ui.client.AlertingClient.AlertState;
import io.smoketrace.ui.client.JsonService;
import io.smoketrace.ui.client.AlertingClient.NotificationSummary;
import io.smoketrace.ui.client.AlertingClient.Rule;
import io.smoketrace.ui.client.AlertingClient.Silence;
import io.smoketrace.ui.client.RefusedByService;
import io.smoketrace.ui.client.ServiceUnavailable;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.service.AlertChanges;
import io.smoketrace.ui.service.AlertDefinitions;
import io.smoketrace.ui.service.DefinitionForm;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Alerts from the alerting service: firing and resolved alerts, the notification history, silences
 * (operators add and expire them) and rules (operators add, change and delete them). Every change is
 * checked here first, sent to the alerting service and audit-logged.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.VIEWER_NAME)
@Blocking
public class AlertsResource {

    static final int HISTORY = 50;

    /**
     * Everything on the alerts page.
     *
     * @param firing alerts firing now
     * @param resolved resolved alerts still held by the engine
     * @param history the latest notifications
     * @param silences active and pending silences
     * @param expired expired silences
     * @param rules every rule
     * @param problem why the alerting service's data is missing, or empty
     */
    public record AlertsPage(List<AlertState> firing, List<AlertState> resolved, List<NotificationSummary> history,
                             List<Silence> silences, List<Silence> expired, List<Rule> rules, String problem) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(Chrome chrome, AlertsPage page, String notice, Instant now);

        static native TemplateInstance ruleForm(Chrome chrome, DefinitionForm form, List<String> eventTypes,
                                                List<String> severities, List<String> verdicts);

        static native TemplateInstance silenceForm(Chrome chrome, DefinitionForm form);
    }

    private final AlertingClient alerting;
    private final AlertChanges changes;
    private final Visitor visitor;
    private final Duration wait;

    public AlertsResource(AlertingClient alerting, AlertChanges changes, Visitor visitor, UiConfig config) {
        this.alerting = alerting;
        this.changes = changes;
        this.visitor = visitor;
        this.wait = config.services().timeout().plusSeconds(1);
    }

    @GET
    public TemplateInstance alerts(@QueryParam("notice") String notice) {
        AlertsPage page;
        try {
            CompletableFuture<List<AlertState>> alerts = alerting.alerts();
            CompletableFuture<List<NotificationSummary>> history = alerting.notifications(HISTORY);
            CompletableFuture<List<Silence>> silences = alerting.silences(true);
            CompletableFuture<List<Rule>> rules = alerting.rules();
            List<AlertState> all = await(alerts);
            List<Silence> allSilences = await(silences);
            Instant now = Instant.now();
            page = new AlertsPage(all.stream().filter(a -> a.alert().status() != AlertStatus.RESOLVED).toList(),
                    all.stream().filter(a -> a.alert().status() == AlertStatus.RESOLVED).toList(),
                    await(history),
                    allSilences.stream().filter(s -> s.endsAt() != null && s.endsAt().isAfter(now)).toList(),
                    allSilences.stream().filter(s -> s.endsAt() == null || !s.endsAt().isAfter(now)).limit(HISTORY).toList(),
                    await(rules), "");
        } catch (ServiceUnavailable e) {
            page = new AlertsPage(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), e.getMessage());
        }
        return Templates.alerts(visitor.chrome("alerts"), page, notice == null ? "" : notice, Instant.now());
    }

    // ------------------------------------------------------------------ silences

    @GET
    @Path("silences/new")
    @RolesAllowed(Role.OPERATOR_NAME)
    public TemplateInstance newSilence(@QueryParam("matchers") String matchers) {
        return Templates.silenceForm(visitor.chrome("alerts"), AlertDefinitions.blankSilence(matchers));
    }

    @POST
    @Path("silences")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response createSilence(MultivaluedMap<String, String> fields) {
        DefinitionForm form = form(fields, AlertDefinitions.SILENCE_FIELDS, false);
        AlertChanges.Outcome outcome = changes.createSilence(form, visitor.actor());
        if (!outcome.saved()) {
            return refused(outcome, Templates.silenceForm(visitor.chrome("alerts"), outcome.form()));
        }
        return back("Silence " + outcome.objectId() + " added.");
    }

    @POST
    @Path("silences/{id}/expire")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response expireSilence(@PathParam("id") String id) {
        return act(() -> changes.expireSilence(id, visitor.actor()), "Silence " + id + " expired.", "No such silence",
                "There is no silence " + id + " (any more).");
    }

    // ------------------------------------------------------------------ rules

    @GET
    @Path("rules/new")
    @RolesAllowed(Role.OPERATOR_NAME)
    public TemplateInstance newRule() {
        return ruleForm(AlertDefinitions.blankRule());
    }

    @POST
    @Path("rules")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response createRule(MultivaluedMap<String, String> fields) {
        AlertChanges.Outcome outcome = changes.createRule(form(fields, AlertDefinitions.RULE_FIELDS, false), visitor.actor());
        return outcome.saved() ? back("Rule " + outcome.objectId() + " added.") : refused(outcome, ruleForm(outcome.form()));
    }

    @GET
    @Path("rules/{id}/edit")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response editRule(@PathParam("id") String id) {
        try {
            return await(alerting.rule(id)).map(rule -> Response.ok(ruleForm(AlertDefinitions.ruleForm(rule))).build())
                    .orElseGet(() -> ErrorPages.page(Response.Status.NOT_FOUND, "No such rule", "There is no rule " + id + "."));
        } catch (ServiceUnavailable e) {
            return ErrorPages.page(Response.Status.SERVICE_UNAVAILABLE, "Alerting service unreachable", e.getMessage());
        }
    }

    @POST
    @Path("rules/{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response updateRule(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        AlertChanges.Outcome outcome = changes.updateRule(id, form(fields, AlertDefinitions.RULE_FIELDS, true), visitor.actor());
        return outcome.saved() ? back("Rule " + id + " changed.") : refused(outcome, ruleForm(outcome.form()));
    }

    @POST
    @Path("rules/{id}/delete")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response deleteRule(@PathParam("id") String id) {
        return act(() -> changes.deleteRule(id, visitor.actor()), "Rule " + id + " deleted.", "No such rule",
                "There is no rule " + id + " (any more).");
    }

    // ------------------------------------------------------------------ helpers

    private <T> T await(CompletableFuture<T> call) {
        return JsonService.await(call, wait, AlertingClient.NAME);
    }

    private TemplateInstance ruleForm(DefinitionForm form) {
        return Templates.ruleForm(visitor.chrome("alerts"), form, AlertDefinitions.EVENT_TYPES, AlertDefinitions.SEVERITIES,
                AlertDefinitions.VERDICTS);
    }

    private Response act(Supplier<Boolean> change, String notice, String missingTitle, String missing) {
        try {
            if (!change.get()) {
                return ErrorPages.page(Response.Status.NOT_FOUND, missingTitle, missing);
            }
        } catch (ServiceUnavailable | RefusedByService e) {
            return ErrorPages.page(Response.Status.SERVICE_UNAVAILABLE, "Not changed", "Nothing was changed: " + e.getMessage());
        }
        return back(notice);
    }

    /** 422 with the form and its messages; 503 when the alerting service could not be asked. */
    private static Response refused(AlertChanges.Outcome outcome, TemplateInstance page) {
        boolean unreachable = outcome.form().error(DefinitionForm.GENERAL).startsWith("Not saved: ");
        return Response.status(unreachable ? 503 : 422).entity(page).build();
    }

    private static Response back(String notice) {
        return Response.seeOther(URI.create("/alerts?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8))).build();
    }

    /** The form's fields as typed; ticked boxes of one field joined with commas. */
    private static DefinitionForm form(MultivaluedMap<String, String> fields, List<String> names, boolean editing) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            List<String> given = fields.get(name);
            if (given != null && !given.isEmpty()) {
                values.put(name, given.size() == 1 ? given.getFirst() : String.join(",", given));
            }
        }
        return new DefinitionForm(values, Map.of(), editing);
    }
}
