package io.smoketrace.alerting.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.StoredAttempt;
import io.smoketrace.alerting.StoredNotification;
import io.smoketrace.alerting.repository.OutboxRepository;
import io.smoketrace.alerting.repository.OutboxRepository.DeliveryStatus;
import io.smoketrace.common.serde.Json;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.reactive.mutiny.Mutiny;

/** The outbox: every notification with its delivery state and attempts. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Mutiny.SessionFactory sessions;
    private final OutboxRepository outbox;

    public NotificationResource(Mutiny.SessionFactory sessions, OutboxRepository outbox) {
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /**
     * A notification's delivery state.
     *
     * @param notificationId the idempotency key
     * @param receiver the receiver
     * @param groupKey the group
     * @param status FIRING or RESOLVED
     * @param delivery PENDING, DELIVERED or FAILED
     * @param createdAt when it was decided
     * @param attempts attempts so far
     * @param nextAttemptAt when it is tried next, while pending
     * @param deliveredAt when it was delivered
     * @param lastError the last failure
     */
    public record NotificationSummary(String notificationId, String receiver, String groupKey, String status,
                                      String delivery, OffsetDateTime createdAt, int attempts, OffsetDateTime nextAttemptAt,
                                      OffsetDateTime deliveredAt, String lastError) {
        static NotificationSummary of(StoredNotification n) {
            return new NotificationSummary(n.notificationId, n.receiver, n.groupKey, n.alertStatus, n.deliveryStatus,
                    n.createdAt, n.attempts, n.nextAttemptAt, n.deliveredAt, n.lastError);
        }
    }

    /**
     * One attempt.
     *
     * @param attempt its number, from 1
     * @param startedAt when it started
     * @param durationMs how long it took
     * @param outcome DELIVERED or FAILED
     * @param detail what the receiver answered, or why it failed
     */
    public record Attempt(int attempt, OffsetDateTime startedAt, long durationMs, String outcome, String detail) {
        static Attempt of(StoredAttempt a) {
            return new Attempt(a.attempt, a.startedAt, a.durationMs, a.outcome, a.detail);
        }
    }

    /**
     * A notification in full.
     *
     * @param summary its delivery state
     * @param notification what was (or will be) sent
     * @param attempts every attempt
     */
    public record NotificationDetail(NotificationSummary summary, JsonNode notification, List<Attempt> attempts) {
    }

    @GET
    @Operation(summary = "The latest notifications, newest first")
    public Uni<List<NotificationSummary>> list(@QueryParam("receiver") String receiver,
                                               @QueryParam("delivery") DeliveryStatus delivery,
                                               @QueryParam("limit") @DefaultValue("100") int limit) {
        return sessions.withSession(s -> outbox.latest(s, receiver, delivery, Math.max(1, Math.min(limit, 1000))))
                .map(rows -> rows.stream().map(NotificationSummary::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One notification with its content and every delivery attempt")
    public Uni<NotificationDetail> get(@PathParam("id") String id) {
        return sessions.withSession(s -> outbox.find(s, id).chain(row -> {
            if (row == null) {
                throw new NotFoundException("no notification " + id);
            }
            return outbox.attempts(s, id).map(attempts -> new NotificationDetail(NotificationSummary.of(row),
                    Json.mapper().valueToTree(OutboxRepository.content(row).notification()),
                    attempts.stream().map(Attempt::of).toList()));
        }));
    }
}
