package io.smoketrace.alerting.client;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.mapping.NotificationRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Email through Quarkus Mailer (SMTP, STARTTLS and authentication from {@code quarkus.mailer.*}):
 * a text and an HTML part, and the notification id as {@code Message-ID} so a retried send is
 * recognisably the same message.
 */
@ApplicationScoped
public class EmailClient implements ReceiverClient {

    private final ReactiveMailer mailer;
    private final NotificationRenderer renderer;

    public EmailClient(ReactiveMailer mailer, NotificationRenderer renderer) {
        this.mailer = mailer;
        this.renderer = renderer;
    }

    @Override
    public Routing.ReceiverKind kind() {
        return Routing.ReceiverKind.EMAIL;
    }

    @Override
    public String deliver(Routing.Receiver receiver, NotificationContent content, Duration timeout) throws DeliveryException {
        String id = content.notification().notificationId();
        Mail mail = new Mail()
                .setTo(receiver.to())
                .setSubject(renderer.title(content))
                .setText(renderer.text(content))
                .setHtml(renderer.html(content))
                .addHeader("Message-ID", messageId(id))
                .addHeader("X-SmokeTrace-Notification-Id", id)
                .addHeader("X-SmokeTrace-Group-Key", content.notification().groupKey());
        if (receiver.from() != null) {
            mail.setFrom(receiver.from());
        }
        try {
            mailer.send(mail).await().atMost(timeout);
            return "accepted by the SMTP server for " + String.join(", ", receiver.to());
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new DeliveryException("SMTP server did not accept the message within " + timeout.toMillis() + " ms", false, e);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DeliveryException("SMTP: " + message, false, e);
        }
    }

    /** The Message-ID of a notification's email. */
    public static String messageId(String notificationId) {
        return "<" + notificationId + "@smoketrace.alerting>";
    }
}
