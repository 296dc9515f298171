package io.smoketrace.alerting.rest;

import io.smoketrace.alerting.engine.AlertEngine;
import io.smoketrace.alerting.service.AlertPipeline;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The alerts as the engine holds them now. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertPipeline pipeline;

    public AlertResource(AlertPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    @Operation(summary = "Firing alerts (and resolved ones not yet notified), with whether each is silenced or inhibited")
    public List<AlertEngine.AlertState> list() {
        return pipeline.engine().alerts();
    }
}
