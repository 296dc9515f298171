package io.smoketrace.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** An alert's latest state as stored. */
@Entity
@Table(name = "alert")
public class StoredAlert {
    @Id
    @Column(name = "alert_id")
    public String alertId;

    @Column(name = "rule_id")
    public String ruleId;

    public String status;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "CAST(definition AS text)", write = "CAST(CAST(? AS text) AS jsonb)")
    public String definition;
}
