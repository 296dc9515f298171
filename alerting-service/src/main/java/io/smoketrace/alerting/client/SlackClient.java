package io.smoketrace.alerting.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.mapping.NotificationRenderer;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Slack and Mattermost incoming webhooks: {@code {"text": "..."}} in mrkdwn, the path table in a code block. */
@ApplicationScoped
public class SlackClient implements ReceiverClient {

    private final HttpDelivery http;
    private final NotificationRenderer renderer;

    public SlackClient(HttpDelivery http, NotificationRenderer renderer) {
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public Routing.ReceiverKind kind() {
        return Routing.ReceiverKind.SLACK;
    }

    @Override
    public String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("text", renderer.slack(content));
        body.put("username", "SmokeTrace");
        return http.post(receiver.url(), body.toString().getBytes(StandardCharsets.UTF_8),
                Map.of(WebhookClient.IDEMPOTENCY_KEY, content.notification().notificationId()), timeout);
    }
}
