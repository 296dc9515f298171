package io.smoketrace.alerting.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Silence;
import io.smoketrace.alerting.service.SilenceService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Silences. */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    private final SilenceService silences;

    public SilenceResource(SilenceService silences) {
        this.silences = silences;
    }

    @GET
    @Operation(summary = "Silences that have not expired (all with ?expired=true)")
    public Uni<List<Silence>> list(@QueryParam("expired") boolean expired) {
        return silences.all(expired);
    }

    @GET
    @Path("/{id}")
    public Uni<Silence> get(@PathParam("id") String id) {
        return silences.find(id).onItem().ifNull().failWith(() -> new NotFoundException("no silence " + id));
    }

    @POST
    @Operation(summary = "Create a silence (400 naming the field when invalid)")
    public Uni<Response> create(Silence silence) {
        return silences.create(silence)
                .map(created -> Response.created(URI.create("/api/silences/" + created.id())).entity(created).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Expire a silence now")
    public Uni<Silence> expire(@PathParam("id") String id) {
        return silences.expire(id).onItem().ifNull().failWith(() -> new NotFoundException("no silence " + id));
    }
}
