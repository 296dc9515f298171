package io.smoketrace.alerting.mapping;

import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.engine.PlannedNotification;
import io.smoketrace.common.alert.AlertNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns the engine's decisions into notifications with their idempotency key and evidence. */
public final class NotificationMapper {

    private NotificationMapper() {
    }

    /** The notification with a new id: the id stays with it through every retry. */
    public static NotificationContent toContent(PlannedNotification planned, String uiBaseUrl) {
        List<AlertNotification.Alert> alerts = new ArrayList<>();
        List<NotificationContent.Evidence> evidence = new ArrayList<>();
        for (Alert alert : planned.alerts()) {
            alerts.add(alert.toNotification());
            evidence.add(new NotificationContent.Evidence(alert.alertId(), alert.trigger(), alert.recovery()));
        }
        AlertNotification notification = new AlertNotification(AlertNotification.FORMAT_VERSION,
                UUID.randomUUID().toString(), planned.groupKey(), planned.status(), planned.receiver(),
                planned.groupLabels(), alerts, planned.createdAt(), groupUrl(uiBaseUrl, planned.groupKey()));
        return new NotificationContent(notification, evidence);
    }

    /** The console's page for an alert group. */
    public static String groupUrl(String uiBaseUrl, String groupKey) {
        return trim(uiBaseUrl) + "/alerts?group=" + URLEncoder.encode(groupKey, StandardCharsets.UTF_8);
    }

    /** The console's page for a target. */
    public static String targetUrl(String uiBaseUrl, String targetId) {
        return trim(uiBaseUrl) + "/targets/" + URLEncoder.encode(targetId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
