package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One notification in the outbox with its delivery state. */
@Entity
@Table(name = "notification")
public class StoredNotification {
    @Id
    @Column(name = "notification_id")
    public String notificationId;

    public String receiver;

    @Column(name = "group_key")
    public String groupKey;

    @Column(name = "alert_status")
    public String alertStatus;

    @Column(name = "delivery_status")
    public String deliveryStatus;

    public String content;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "last_error")
    public String lastError;
}
