package io.smoketrace.alerting;

import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.event.PathEvent;
import java.util.List;

/**
 * What the outbox keeps for one notification: the notification itself and, per alert, the events
 * the messages show (the path before and after, the verdict, the BGP updates).
 *
 * @param notification the notification as published on the alerts topic
 * @param evidence the events behind each alert
 */
public record NotificationContent(AlertNotification notification, List<Evidence> evidence) {

    public NotificationContent {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The evidence for one alert, or null. */
    public Evidence evidenceFor(String alertId) {
        for (Evidence e : evidence) {
            if (e.alertId().equals(alertId)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The events behind one alert.
     *
     * @param alertId the alert
     * @param trigger the latest event that triggered it
     * @param recovery the event that resolved it, if any
     */
    public record Evidence(String alertId, PathEvent trigger, PathEvent recovery) {
    }
}
