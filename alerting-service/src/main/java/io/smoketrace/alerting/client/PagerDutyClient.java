package io.smoketrace.alerting.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.mapping.NotificationRenderer;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} while the group fires, {@code resolve} when it has resolved.
 * The {@code dedup_key} is derived from receiver and group key, so retries of a trigger are one
 * incident and the resolve closes the incident the trigger opened.
 */
@ApplicationScoped
public class PagerDutyClient implements ReceiverClient {

    private final HttpDelivery http;
    private final NotificationRenderer renderer;

    public PagerDutyClient(HttpDelivery http, NotificationRenderer renderer) {
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public Routing.ReceiverKind kind() {
        return Routing.ReceiverKind.PAGERDUTY;
    }

    @Override
    public String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException {
        AlertNotification n = content.notification();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("routing_key", receiver.routingKey());
        body.put("event_action", n.status() == AlertNotification.AlertStatus.FIRING ? "trigger" : "resolve");
        body.put("dedup_key", dedupKey(n.receiver(), n.groupKey()));
        ObjectNode payload = body.putObject("payload");
        String summary = renderer.title(content);
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary);
        payload.put("source", "smoketrace-alerting");
        payload.put("severity", severity(n));
        payload.put("timestamp", n.sentAt().toString());
        payload.put("group", n.groupKey());
        ObjectNode details = payload.putObject("custom_details");
        details.put("notification_id", n.notificationId());
        details.put("details", renderer.text(content));
        details.set("alerts", Json.mapper().valueToTree(n.alerts()));
        if (n.externalUrl() != null) {
            body.putArray("links").addObject().put("href", n.externalUrl()).put("text", "SmokeTrace");
        }
        return http.post(receiver.url(), body.toString().getBytes(StandardCharsets.UTF_8),
                Map.of(WebhookClient.IDEMPOTENCY_KEY, n.notificationId()), timeout);
    }

    /** The incident key of a group at a receiver. */
    public static String dedupKey(String receiver, String groupKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((receiver + "|" + groupKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String severity(AlertNotification n) {
        AlertNotification.Severity worst = AlertNotification.Severity.INFO;
        for (var alert : n.alerts()) {
            if (alert.severity().ordinal() > worst.ordinal()) {
                worst = alert.severity();
            }
        }
        return worst.name().toLowerCase(Locale.ROOT);
    }
}
