package io.smoketrace.alerting.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.service.RoutingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Receivers, route tree and inhibit rules. */
@Path("/api/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final RoutingService routing;

    public RoutingResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    @Operation(summary = "The routing in force (webhook secrets and routing keys are masked)")
    public Routing get() {
        Routing current = routing.current();
        return new Routing(current.receivers().stream().map(RoutingResource::masked).toList(), current.route(),
                current.inhibitRules());
    }

    @PUT
    @Operation(summary = "Replace the routing (stored; it wins over the routing file)")
    public Uni<Routing> replace(Routing body) {
        return routing.replace(body).map(r -> get());
    }

    private static Routing.Receiver masked(Routing.Receiver r) {
        return new Routing.Receiver(r.name(), r.kind(), r.url(), r.secret() == null ? null : "*****",
                r.routingKey() == null ? null : "*****", r.to(), r.from(), r.sendResolved(), r.timeout(), r.parallelism());
    }
}
