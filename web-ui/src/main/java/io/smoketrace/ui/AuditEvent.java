package io.smoketrace.ui;

import java.time.Instant;

/**
 * One change made in the console, as kept in the audit log.
 *
 * @param id sequence number
 * @param at when
 * @param actor who (the login name)
 * @param actorRole the highest role the actor had
 * @param action what was done, for example {@code TARGET_CREATED}
 * @param objectType what kind of thing changed ({@code target})
 * @param objectId which one
 * @param summary the change in words
 * @param before the object before the change, as JSON; null when created
 * @param after the object after the change, as JSON; null when deleted
 * @param topicRecord where the change was published ({@code smoketrace.targets.v1-1@42})
 * @param remoteAddress the client address
 */
public record AuditEvent(long id, Instant at, String actor, String actorRole, String action, String objectType,
                         String objectId, String summary, String before, String after, String topicRecord,
                         String remoteAddress) {
}
