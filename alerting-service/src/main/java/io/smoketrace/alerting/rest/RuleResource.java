package io.smoketrace.alerting.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.service.InvalidDefinitionException;
import io.smoketrace.alerting.service.RuleService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Alerting rules. */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Operation(summary = "Every rule")
    public Uni<List<Rule>> list() {
        return rules.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rule")
    public Uni<Rule> get(@PathParam("id") String id) {
        return rules.find(id).onItem().ifNull().failWith(() -> new NotFoundException("no rule " + id));
    }

    @POST
    @Operation(summary = "Create a rule (400 naming the field when invalid, 409 when the id exists)")
    public Uni<Response> create(Rule rule) {
        if (rule == null) {
            throw new InvalidDefinitionException("rule", List.of("body: a rule definition is required"));
        }
        return rules.find(rule.id() == null ? "" : rule.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(Response.status(Response.Status.CONFLICT)
                        .entity(new Problem("rule exists", List.of("id: a rule '" + rule.id() + "' exists; PUT /api/rules/"
                                + rule.id() + " replaces it"))).build());
            }
            return rules.save(rule).map(created -> Response.created(URI.create("/api/rules/" + rule.id())).entity(rule).build());
        });
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or replace a rule")
    public Uni<Rule> replace(@PathParam("id") String id, Rule rule) {
        if (rule == null) {
            throw new InvalidDefinitionException("rule", List.of("body: a rule definition is required"));
        }
        if (rule.id() != null && !rule.id().equals(id)) {
            throw new InvalidDefinitionException("rule", List.of("id: '" + rule.id() + "' differs from the path ('" + id + "')"));
        }
        Rule withId = rule.withId(id);
        return rules.save(withId).replaceWith(withId);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a rule; its firing alerts resolve")
    public Uni<Response> delete(@PathParam("id") String id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("no rule " + id);
            }
            return Response.noContent().build();
        });
    }
}
