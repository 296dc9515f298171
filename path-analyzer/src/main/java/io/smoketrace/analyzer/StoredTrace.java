package io.smoketrace.analyzer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** One trace as stored: the identity, outcome and the hops (as the trace topic's JSON). */
@Entity
@Table(name = "trace")
@IdClass(StoredTrace.Key.class)
public class StoredTrace {

    @Id
    @Column(name = "trace_id")
    public String traceId;

    @Id
    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "target_id")
    public String targetId;

    @Column(name = "target_address")
    public String targetAddress;

    public String status;

    @Column(name = "destination_reached")
    public boolean destinationReached;

    @Column(name = "hop_count")
    public int hopCount;

    public String tool;

    // Text in and out: the reactive driver would otherwise take a String for a JSON string value.
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "hops::text", write = "?::text::jsonb")
    public String hops;

    public String error;

    @Column(name = "path_version_id")
    public String pathVersionId;

    @Column(name = "hop_stats", columnDefinition = "jsonb")
    @ColumnTransformer(read = "hop_stats::text", write = "?::text::jsonb")
    public String hopStats;

    @Column(name = "received_at", insertable = false, updatable = false)
    public OffsetDateTime receivedAt;

    /** The composite key: a trace id is unique, the start time is the partition key. */
    public record Key(String traceId, OffsetDateTime startedAt) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
