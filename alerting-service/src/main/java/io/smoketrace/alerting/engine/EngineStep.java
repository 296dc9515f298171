package io.smoketrace.alerting.engine;

import io.smoketrace.alerting.Alert;
import java.util.List;

/**
 * What one step of the engine changed: alerts whose state must be stored and the notifications to
 * put in the outbox, both in the same transaction.
 *
 * @param alerts changed alerts, latest state of each
 * @param notifications notifications to deliver
 */
public record EngineStep(List<Alert> alerts, List<PlannedNotification> notifications) {

    public boolean isEmpty() {
        return alerts.isEmpty() && notifications.isEmpty();
    }
}
