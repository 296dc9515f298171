package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** The routing set through the API, as stored. */
@Entity
@Table(name = "routing")
public class StoredRouting {
    @Id
    @Column(name = "routing_id")
    public int routingId;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "CAST(definition AS text)", write = "CAST(CAST(? AS text) AS jsonb)")
    public String definition;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
