package io.smoketrace.alerting.client;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes notifications on {@code smoketrace.alerts.v1}, keyed by group key, with CloudEvents
 * headers whose {@code ce_id} is the notification id (a retry keeps it). Every record is checked
 * against the topic's schema before it is sent.
 */
@ApplicationScoped
public class AlertTopicClient implements ReceiverClient {

    /** The outgoing channel bound to {@code smoketrace.alerts.v1}. */
    public static final String CHANNEL = "alerts";
    static final String SOURCE = "/smoketrace/alerting-service";
    private static final TopicCodec<AlertNotification> CODEC = TopicCodec.of(AlertNotification.class);

    private final MutinyEmitter<byte[]> emitter;

    public AlertTopicClient(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Routing.ReceiverKind kind() {
        return Routing.ReceiverKind.KAFKA;
    }

    @Override
    public String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException {
        AlertNotification n = content.notification();
        byte[] value = CODEC.encode(n);
        try {
            CODEC.decode(value);
        } catch (ContractViolationException e) {
            throw new DeliveryException("breaks the " + CODEC.spec().name() + " contract: " + e.getMessage(), true, e);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(n.groupKey())
                .withHeaders(CloudEventHeaders.create(CODEC.spec(), SOURCE, n.notificationId(), n.sentAt()))
                .build();
        try {
            emitter.sendMessage(Message.of(value).addMetadata(metadata)).await().atMost(timeout);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new DeliveryException("Kafka did not acknowledge within " + timeout.toMillis() + " ms", false, e);
        } catch (RuntimeException e) {
            throw new DeliveryException("Kafka: " + e.getMessage(), false, e);
        }
        return "acknowledged by Kafka on " + CODEC.spec().name();
    }
}
