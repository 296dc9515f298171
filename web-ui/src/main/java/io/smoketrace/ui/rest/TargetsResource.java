package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.service.TargetForm;
import io.smoketrace.ui.service.TargetImport;
import io.smoketrace.ui.service.TargetRules;
import io.smoketrace.ui.service.TargetService;
import io.smoketrace.ui.topic.TargetCatalog;
import io.smoketrace.ui.topic.UnreadableRecord;
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
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The targets page: what every agent traces, read back from the targets topic, and changing it. */
@Path("/targets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.VIEWER_NAME)
public class TargetsResource {

    /** The most an import file may weigh. */
    private static final long MAX_IMPORT_BYTES = 2L * 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, List<TargetSpec> targets, String query, int total,
                                            List<UnreadableRecord> unreadable, boolean caughtUp, String problem,
                                            String notice);

        static native TemplateInstance list$rows(Chrome chrome, List<TargetSpec> targets, String query);

        static native TemplateInstance form(Chrome chrome, TargetForm form, List<String> tools, List<String> protocols);

        static native TemplateInstance importing(Chrome chrome, String content, String selectorAgents,
                                                 String selectorTags, String error, List<TargetImport.Line> badLines,
                                                 int lineCount);
    }

    private static final List<String> TOOLS = Arrays.stream(ProbeTool.values()).map(Enum::name).toList();
    private static final List<String> PROTOCOLS = Arrays.stream(ProbeProtocol.values()).map(Enum::name).toList();

    private final TargetCatalog catalog;
    private final TargetService service;
    private final Visitor visitor;

    public TargetsResource(TargetCatalog catalog, TargetService service, Visitor visitor) {
        this.catalog = catalog;
        this.service = service;
        this.visitor = visitor;
    }

    @GET
    public TemplateInstance list(@QueryParam("q") String query, @QueryParam("notice") String notice) {
        String q = query == null ? "" : query.trim();
        return Templates.list(visitor.chrome("targets"), matching(q), q, catalog.all().size(), catalog.unreadable(),
                catalog.reader().caughtUp(), catalog.reader().problem(), notice == null ? "" : notice);
    }

    /** The table rows alone, for htmx (live updates and the filter box). */
    @GET
    @Path("rows")
    public TemplateInstance rows(@QueryParam("q") String query) {
        String q = query == null ? "" : query.trim();
        return Templates.list$rows(visitor.chrome("targets"), matching(q), q);
    }

    @GET
    @Path("new")
    @RolesAllowed(Role.OPERATOR_NAME)
    public TemplateInstance newTarget() {
        return form(TargetForm.blank());
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response create(MultivaluedMap<String, String> fields) {
        TargetForm form = new TargetForm(values(fields), Map.of(), false);
        return saved(form, () -> service.create(form, visitor.actor()), "added");
    }

    @GET
    @Path("{id}/edit")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response edit(@PathParam("id") String targetId) {
        return catalog.find(targetId)
                .map(spec -> Response.ok(form(TargetRules.toForm(spec))).build())
                .orElseGet(() -> notFound(targetId));
    }

    @POST
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response update(@PathParam("id") String targetId, MultivaluedMap<String, String> fields) {
        TargetForm form = new TargetForm(values(fields), Map.of(), true);
        return saved(form, () -> service.update(targetId, form, visitor.actor()), "changed");
    }

    @POST
    @Path("{id}/delete")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response delete(@PathParam("id") String targetId) {
        try {
            if (!service.delete(targetId, visitor.actor())) {
                return notFound(targetId);
            }
        } catch (RuntimeException e) {
            return ErrorPages.page(Response.Status.SERVICE_UNAVAILABLE, "Target not deleted",
                    "Target " + targetId + " was not deleted: " + e.getMessage());
        }
        return back("Deleted target " + targetId + ".");
    }

    @GET
    @Path("import")
    @RolesAllowed(Role.OPERATOR_NAME)
    public TemplateInstance importForm() {
        return Templates.importing(visitor.chrome("targets"), "", "", "", "", List.of(), 0);
    }

    /** Bulk import from a pasted text or an uploaded file; all lines or none. */
    @POST
    @Path("import")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response importTargets(@RestForm("content") String pasted, @RestForm("file") FileUpload file,
                                  @RestForm("selector.agents") String selectorAgents,
                                  @RestForm("selector.tags") String selectorTags) throws IOException {
        String agents = selectorAgents == null ? "" : selectorAgents;
        String tags = selectorTags == null ? "" : selectorTags;
        String content = pasted == null ? "" : pasted;
        if (file != null && file.size() > 0) {
            if (file.size() > MAX_IMPORT_BYTES) {
                return importRefused(content, agents, tags, "the file is larger than 2 MiB", List.of(), 0);
            }
            content = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        }
        try {
            TargetService.Outcome outcome = service.importTargets(content, agents, tags, visitor.actor());
            if (outcome.saved()) {
                return back("Imported " + outcome.count() + " targets.");
            }
            String error = outcome.form() != null ? outcome.form().error(TargetForm.GENERAL)
                    : outcome.badLines().size() + " of " + outcome.count()
                    + " lines are not valid targets, so nothing was imported. Fix them and import again.";
            return importRefused(content, agents, tags, error, outcome.badLines(), outcome.count());
        } catch (RuntimeException e) {
            return importRefused(content, agents, tags, "Nothing was imported: " + e.getMessage(), List.of(), 0);
        }
    }

    private Response importRefused(String content, String agents, String tags, String error,
                                   List<TargetImport.Line> bad, int count) {
        return Response.status(422).entity(Templates.importing(visitor.chrome("targets"), content, agents, tags, error,
                bad, count)).build();
    }

    private Response saved(TargetForm form, Supplier<TargetService.Outcome> change, String verb) {
        TargetService.Outcome outcome;
        try {
            outcome = change.get();
        } catch (RuntimeException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(form(form.withErrors(Map.of(TargetForm.GENERAL, "Not saved: " + e.getMessage())))).build();
        }
        if (!outcome.saved()) {
            return Response.status(422).entity(form(outcome.form())).build();
        }
        return back("Target " + outcome.form().value("targetId") + " " + verb + ".");
    }

    private TemplateInstance form(TargetForm form) {
        return Templates.form(visitor.chrome("targets"), form, TOOLS, PROTOCOLS);
    }

    private Response back(String notice) {
        return Response.seeOther(URI.create("/targets?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)))
                .build();
    }

    private Response notFound(String targetId) {
        return ErrorPages.page(Response.Status.NOT_FOUND, "No such target",
                "There is no target " + targetId + " on the targets topic (any more).");
    }

    private List<TargetSpec> matching(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return catalog.all().stream().filter(t -> q.isEmpty() || t.targetId().toLowerCase(Locale.ROOT).contains(q)
                || t.host().toLowerCase(Locale.ROOT).contains(q)
                || t.tags().stream().anyMatch(tag -> tag.toLowerCase(Locale.ROOT).contains(q))
                || t.selector().agents().contains(query) || t.selector().tags().contains(query)).toList();
    }

    private static Map<String, String> values(MultivaluedMap<String, String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : TargetForm.FIELDS) {
            String value = fields.getFirst(field);
            if (value != null) {
                values.put(field, value);
            }
        }
        return values;
    }
}
