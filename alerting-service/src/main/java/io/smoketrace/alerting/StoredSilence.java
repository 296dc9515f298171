package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A silence as stored: its JSON definition and expiry. */
@Entity
@Table(name = "silence")
public class StoredSilence {
    @Id
    @Column(name = "silence_id")
    public String silenceId;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "CAST(definition AS text)", write = "CAST(CAST(? AS text) AS jsonb)")
    public String definition;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
}
