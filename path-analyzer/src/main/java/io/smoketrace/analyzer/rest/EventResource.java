package io.smoketrace.analyzer.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/** The path events the analyzer detected, as published on {@code smoketrace.path-events.v1}. */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "Detected path events")
public class EventResource {

    static final int MAX_LIMIT = 1000;

    private final Mutiny.SessionFactory sessions;
    private final PathRepository paths;

    public EventResource(Mutiny.SessionFactory sessions, PathRepository paths) {
        this.sessions = sessions;
        this.paths = paths;
    }

    @GET
    @Operation(summary = "Path events, newest change first, filtered by target, agent, type and change time")
    @APIResponse(responseCode = "400", description = "A filter is malformed")
    public Uni<List<PathEvent>> events(@QueryParam("target") String target, @QueryParam("agent") String agent,
                                       @Parameter(description = "an event type, e.g. AS_PATH_CHANGED") @QueryParam("type") String type,
                                       @Parameter(description = "changed at or after, ISO-8601 (2026-11-21T10:00:00Z)") @QueryParam("from") String from,
                                       @Parameter(description = "changed before, ISO-8601") @QueryParam("to") String to,
                                       @Parameter(description = "at most this many, 1 to 1000") @QueryParam("limit") @DefaultValue("100") int limit) {
        EventType eventType = type(type);
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw ApiError.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.badRequest("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return sessions.withSession(s -> paths.events(s, blankToNull(target), blankToNull(agent),
                eventType == null ? null : eventType.name(), fromTime, toTime, limit));
    }

    private static EventType type(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return EventType.valueOf(type.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'type' " + type + " is not an event type; one of " + Arrays.toString(EventType.values()));
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + name + "' " + value + " is not an ISO-8601 UTC time such as 2026-11-21T10:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
