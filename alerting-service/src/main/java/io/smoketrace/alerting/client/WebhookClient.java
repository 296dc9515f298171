package io.smoketrace.alerting.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.mapping.NotificationRenderer;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic JSON webhook: the notification as on the alerts topic, plus the events behind it and
 * the rendered message. With a secret, the body is signed: {@code X-SmokeTrace-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the timestamp (Unix seconds) in
 * {@code X-SmokeTrace-Timestamp}, so a receiver can refuse replays. {@code Idempotency-Key} carries the
 * notification id, the same on every retry.
 */
@ApplicationScoped
public class WebhookClient implements ReceiverClient {

    public static final String SIGNATURE = "X-SmokeTrace-Signature";
    public static final String TIMESTAMP = "X-SmokeTrace-Timestamp";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpDelivery http;
    private final NotificationRenderer renderer;
    private final Clock clock;

    public WebhookClient(HttpDelivery http, NotificationRenderer renderer, Clock clock) {
        this.http = http;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public Routing.ReceiverKind kind() {
        return Routing.ReceiverKind.WEBHOOK;
    }

    @Override
    public String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException {
        byte[] body = body(content);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IDEMPOTENCY_KEY, content.notification().notificationId());
        if (receiver.secret() != null && !receiver.secret().isEmpty()) {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP, timestamp);
            headers.put(SIGNATURE, "sha256=" + sign(receiver.secret(), timestamp, body));
        }
        return http.post(receiver.url(), body, headers, timeout);
    }

    byte[] body(NotificationContent content) {
        try {
            // Written in one pass (no intermediate tree): the notification's fields, then events and message.
            return Json.mapper().writeValueAsBytes(new Body(content.notification(), content.evidence(), renderer.text(content)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body", e);
        }
    }

    /**
     * The webhook body: the notification as on the alerts topic, plus the events and the rendered text.
     *
     * @param notification its fields are the body's first fields
     * @param events the evidence per alert
     * @param message the rendered text
     */
    public record Body(@JsonUnwrapped AlertNotification notification, List<NotificationContent.Evidence> events,
                       String message) {
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under the secret. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
