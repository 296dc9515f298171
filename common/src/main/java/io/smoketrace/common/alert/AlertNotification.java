package io.smoketrace.common.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notification for an alert group, as delivered to receivers and published on
 * {@code smoketrace.alerts.v1} keyed by group key.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param notificationId idempotency key: the same notification retried keeps its id
 * @param groupKey the alert group (route plus group_by label values)
 * @param status firing while any alert in the group fires, resolved when all have
 * @param receiver the receiver this notification is for
 * @param groupLabels the group_by labels and their values
 * @param alerts the alerts in the group
 * @param sentAt when the notification was created
 * @param externalUrl link to the group in the UI
 */
public record AlertNotification(
        int formatVersion,
        String notificationId,
        String groupKey,
        AlertStatus status,
        String receiver,
        Map<String, String> groupLabels,
        List<Alert> alerts,
        Instant sentAt,
        String externalUrl) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public AlertNotification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(status, "status");
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** Firing or resolved. */
    public enum AlertStatus { FIRING, RESOLVED }

    /** How urgent a rule says its alerts are. */
    public enum Severity { INFO, WARNING, CRITICAL }

    /**
     * One alert in a notification.
     *
     * @param alertId stable id of the alert (rule plus its label values)
     * @param ruleId the rule that fired
     * @param severity the rule's severity
     * @param status firing or resolved
     * @param labels event type, agent, target, site, tags ...
     * @param annotations summary and description for humans
     * @param startsAt when it started firing
     * @param endsAt when it resolved, if it has
     * @param eventIds the path events behind it
     */
    public record Alert(
            String alertId,
            String ruleId,
            Severity severity,
            AlertStatus status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            List<String> eventIds) {

        public Alert {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
            eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        }
    }
}
