-- Path history: each distinct path of a pair is stored once; traces point at it with their own
-- per-hop statistics. Events are kept with a publish flag (the outbox), pair state as JSON.

CREATE TABLE path_version (
    path_version_id     text        PRIMARY KEY,
    agent_id            text        NOT NULL,
    target_id           text        NOT NULL,
    first_seen          timestamptz NOT NULL,
    last_seen           timestamptz NOT NULL,
    destination_reached boolean     NOT NULL,
    hop_count           integer     NOT NULL,
    -- Per TTL the responders with what the RIB said about them when the version was stored.
    hops                jsonb       NOT NULL,
    as_path             bigint[]    NOT NULL
);

CREATE INDEX path_version_pair ON path_version (agent_id, target_id, last_seen DESC);

ALTER TABLE trace ADD COLUMN path_version_id text;
-- Per TTL: loss and RTT (avg, best, worst) over the TTL's responders.
ALTER TABLE trace ADD COLUMN hop_stats jsonb;

CREATE TABLE pair_state (
    agent_id      text        NOT NULL,
    target_id     text        NOT NULL,
    state         jsonb       NOT NULL,
    -- Orders concurrent writers (a trace and a BGP update of the same pair): the higher revision wins.
    revision      bigint      NOT NULL,
    last_trace_id text,
    last_trace_at timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, target_id)
);

CREATE TABLE path_event (
    event_id    text        PRIMARY KEY,
    agent_id    text        NOT NULL,
    target_id   text        NOT NULL,
    type        text        NOT NULL,
    changed_at  timestamptz,
    detected_at timestamptz,
    body        jsonb       NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    published   boolean     NOT NULL DEFAULT false
);

CREATE INDEX path_event_pair_time ON path_event (target_id, agent_id, changed_at DESC);
CREATE INDEX path_event_time ON path_event (changed_at DESC);
CREATE INDEX path_event_unpublished ON path_event (stored_at) WHERE NOT published;

-- V1's insert bound the hops text to a jsonb parameter, which the reactive driver sent as a JSON
-- string value: unwrap rows stored that way into the array they hold.
UPDATE trace SET hops = (hops #>> '{}')::jsonb WHERE jsonb_typeof(hops) = 'string';
