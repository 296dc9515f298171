package io.smoketrace.alerting.client;

import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import java.time.Duration;

/** Delivers a notification to one kind of receiver. One attempt per call; the caller retries. */
public interface ReceiverClient {

    /** The kind of receiver this client serves. */
    Routing.ReceiverKind kind();

    /**
     * Makes one delivery attempt.
     *
     * @return what the receiver answered, in words, for the attempt log
     * @throws DeliveryException when the attempt failed
     */
    String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException;
}
