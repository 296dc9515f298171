-- Traces as they arrive from the agents. Partitioned by time so retention drops whole partitions;
-- the default partition catches anything outside the managed range.
CREATE TABLE trace (
    trace_id            text        NOT NULL,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz,
    agent_id            text        NOT NULL,
    target_id           text        NOT NULL,
    target_address      text,
    status              text        NOT NULL,
    destination_reached boolean     NOT NULL,
    hop_count           integer     NOT NULL,
    tool                text,
    hops                jsonb       NOT NULL,
    error               text,
    received_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trace_id, started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE trace_default PARTITION OF trace DEFAULT;

CREATE INDEX trace_pair_time ON trace (agent_id, target_id, started_at DESC);
