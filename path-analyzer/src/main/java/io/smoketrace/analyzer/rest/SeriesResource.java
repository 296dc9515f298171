package io.smoketrace.analyzer.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.repository.SeriesRepository;
import io.smoketrace.analyzer.repository.SeriesRepository.Bucket;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Latency "smoke" for one (agent, target) pair: per time bucket the RTT percentiles and the loss at
 * the destination or at one hop, bucketed by the database so that 30 days stay a few hundred points.
 */
@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "series", description = "Latency and loss over time")
public class SeriesResource {

    /** The ranges a console offers, with the bucket width that keeps each at about 300 points. */
    static final Map<String, Range> RANGES = Map.of(
            "3h", new Range(Duration.ofHours(3), Duration.ofMinutes(1)),
            "1d", new Range(Duration.ofDays(1), Duration.ofMinutes(5)),
            "7d", new Range(Duration.ofDays(7), Duration.ofMinutes(30)),
            "30d", new Range(Duration.ofDays(30), Duration.ofHours(2)));
    static final int TARGET_POINTS = 360;
    static final int MAX_POINTS = 2000;

    record Range(Duration span, Duration step) {
    }

    private final Mutiny.SessionFactory sessions;
    private final SeriesRepository series;

    public SeriesResource(Mutiny.SessionFactory sessions, SeriesRepository series) {
        this.sessions = sessions;
        this.series = series;
    }

    @GET
    @Operation(summary = "RTT percentiles (min, p10, p25, median, p75, p90, max) and loss per time bucket for a pair's "
            + "destination or one hop")
    @APIResponse(responseCode = "400", description = "A parameter is missing or malformed, or the range has too many buckets")
    public Uni<Series> series(@QueryParam("target") String target, @QueryParam("agent") String agent,
                              @Parameter(description = "the hop's TTL; absent for the destination") @QueryParam("hop") Integer hop,
                              @Parameter(description = "3h, 1d, 7d or 30d ending now (default 1d); ignored when 'from' is given")
                              @QueryParam("range") String range,
                              @Parameter(description = "start, ISO-8601 (2026-11-21T10:00:00Z)") @QueryParam("from") String from,
                              @Parameter(description = "end, ISO-8601; default now") @QueryParam("to") String to,
                              @Parameter(description = "bucket width in seconds, at least 60; default: about 360 buckets")
                              @QueryParam("step") Integer step) {
        if (target == null || target.isBlank() || agent == null || agent.isBlank()) {
            throw ApiError.badRequest("query parameters 'target' and 'agent' are required, e.g. /api/series?target=web&agent=fra1");
        }
        if (hop != null && (hop < 1 || hop > 255)) {
            throw ApiError.badRequest("'hop' is a TTL from 1 to 255, got " + hop + " (leave it out for the destination)");
        }
        Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
        Instant start;
        Duration width;
        if (from != null && !from.isBlank()) {
            start = instant("from", from);
            if (!start.isBefore(end)) {
                throw ApiError.badRequest("'from' (" + from + ") must be before 'to' (" + end + ")");
            }
            Duration span = Duration.between(start, end);
            width = step != null ? Duration.ofSeconds(step)
                    : Duration.ofMinutes(Math.max(1, (span.toMinutes() + TARGET_POINTS - 1) / TARGET_POINTS));
        } else {
            String name = range == null || range.isBlank() ? "1d" : range.trim();
            Range preset = RANGES.get(name);
            if (preset == null) {
                throw ApiError.badRequest("'range' " + range + " is not one of 3h, 1d, 7d, 30d (or give 'from' and 'to')");
            }
            start = end.minus(preset.span());
            width = step != null ? Duration.ofSeconds(step) : preset.step();
        }
        if (width.toSeconds() < 60) {
            throw ApiError.badRequest("'step' must be at least 60 seconds, got " + width.toSeconds());
        }
        long points = Duration.between(start, end).toSeconds() / width.toSeconds();
        if (points > MAX_POINTS) {
            throw ApiError.badRequest("the range would have " + points + " buckets of " + width.toSeconds()
                    + " s; at most " + MAX_POINTS + " (widen 'step')");
        }
        Instant from0 = start.truncatedTo(ChronoUnit.SECONDS);
        Instant to0 = end.truncatedTo(ChronoUnit.SECONDS);
        Duration bucket = width;
        return sessions.withSession(s -> series.series(s, agent.trim(), target.trim(), hop == null ? 0 : hop, from0, to0, bucket))
                .map(buckets -> new Series(target.trim(), agent.trim(), hop, from0, to0, bucket.toSeconds(), buckets));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + name + "' " + value + " is not an ISO-8601 UTC time such as 2026-11-21T10:00:00Z");
        }
    }

    /**
     * A pair's latency and loss over time.
     *
     * @param targetId the target
     * @param agentId the agent
     * @param hop the hop's TTL, or null for the destination
     * @param from the start (inclusive)
     * @param to the end (exclusive)
     * @param stepSeconds the bucket width
     * @param buckets the buckets that hold traces, oldest first
     */
    public record Series(String targetId, String agentId, Integer hop, Instant from, Instant to, long stepSeconds,
                         List<Bucket> buckets) {
    }
}
