package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A rule as stored: its JSON definition. */
@Entity
@Table(name = "rule")
public class StoredRule {
    @Id
    @Column(name = "rule_id")
    public String ruleId;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "CAST(definition AS text)", write = "CAST(CAST(? AS text) AS jsonb)")
    public String definition;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
