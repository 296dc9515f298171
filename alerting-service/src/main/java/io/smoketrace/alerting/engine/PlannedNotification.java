package io.smoketrace.alerting.engine;

import io.smoketrace.alerting.Alert;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notification the engine decided to send: one group, one receiver, its alerts at that moment.
 *
 * @param receiver the receiver's name
 * @param groupKey the group
 * @param groupLabels the group's labels
 * @param status firing while any alert in it fires
 * @param alerts firing alerts, then newly resolved ones
 * @param createdAt when it was decided
 */
public record PlannedNotification(String receiver, String groupKey, Map<String, String> groupLabels, AlertStatus status,
                                  List<Alert> alerts, Instant createdAt) {
}
