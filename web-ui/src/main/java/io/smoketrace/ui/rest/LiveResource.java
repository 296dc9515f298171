package io.smoketrace.ui.rest;

import io.smallrye.mutiny.Multi;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.topic.LiveUpdates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * Server-sent events telling open pages which view changed ({@code change} events with data
 * {@code targets} or {@code agents}); the page then reloads that part with htmx. Changes are gathered
 * per second so a burst of heartbeats is one reload.
 */
@Path("/live")
@RolesAllowed(Role.VIEWER_NAME)
public class LiveResource {

    private final LiveUpdates live;

    public LiveResource(LiveUpdates live) {
        this.live = live;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> changes(@Context Sse sse) {
        Multi<OutboundSseEvent> changes = live.stream()
                .group().intoLists().every(Duration.ofSeconds(1))
                .filter(views -> !views.isEmpty())
                .onItem().transformToIterable(views -> views.stream().distinct().toList())
                .map(view -> sse.newEventBuilder().name("change").data(view).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(25))
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(changes, keepAlive);
    }
}
