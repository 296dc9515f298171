package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One delivery attempt as recorded. */
@Entity
@Table(name = "delivery_attempt")
@jakarta.persistence.IdClass(StoredAttempt.Key.class)
public class StoredAttempt {
    @Id
    @Column(name = "notification_id")
    public String notificationId;

    @Id
    public int attempt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "duration_ms")
    public long durationMs;

    public String outcome;

    public String detail;

    /** The composite key. */
    public record Key(String notificationId, int attempt) implements java.io.Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
