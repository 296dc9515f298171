package io.smoketrace.alerting;

import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.common.alert.AlertNotification.Severity;
import io.smoketrace.common.event.PathEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One alert as the service publishes it: a rule firing for one vantage point and target (or for a
 * target, when the rule needs a quorum of vantage points), with the events behind it.
 *
 * @param alertId rule id, then agent and target
 * @param ruleId the rule
 * @param severity the rule's severity
 * @param status firing or resolved
 * @param labels what routing, silences and inhibition match on
 * @param annotations summary and other text for humans
 * @param startsAt when it started firing
 * @param endsAt when it resolved
 * @param eventIds the events behind it, oldest first (capped)
 * @param trigger the latest event that triggered it
 * @param recovery the event that resolved it, if one did
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
        List<String> eventIds,
        PathEvent trigger,
        PathEvent recovery) {

    /** How many event ids an alert remembers. */
    public static final int MAX_EVENT_IDS = 50;

    public Alert {
        labels = Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    /** The same alert with another trigger event added. */
    public Alert withTrigger(PathEvent event) {
        return new Alert(alertId, ruleId, severity, status, labels, annotations, startsAt, endsAt,
                appendId(eventIds, event.eventId()), event, recovery);
    }

    /** The same alert, resolved at {@code at} (by {@code event}, when an event did it). */
    public Alert resolved(Instant at, PathEvent event) {
        return new Alert(alertId, ruleId, severity, AlertStatus.RESOLVED, labels, annotations, startsAt, at,
                event == null ? eventIds : appendId(eventIds, event.eventId()), trigger, event);
    }

    /** The same alert with other labels. */
    public Alert withLabels(Map<String, String> newLabels) {
        return new Alert(alertId, ruleId, severity, status, newLabels, annotations, startsAt, endsAt, eventIds, trigger,
                recovery);
    }

    /** As carried in a notification. */
    public AlertNotification.Alert toNotification() {
        return new AlertNotification.Alert(alertId, ruleId, severity, status, labels, annotations, startsAt, endsAt,
                eventIds);
    }

    private static List<String> appendId(List<String> ids, String id) {
        if (ids.contains(id)) {
            return ids;
        }
        List<String> copy = new ArrayList<>(ids);
        copy.add(id);
        return copy.size() > MAX_EVENT_IDS ? copy.subList(copy.size() - MAX_EVENT_IDS, copy.size()) : copy;
    }
}
