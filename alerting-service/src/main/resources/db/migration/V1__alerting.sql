-- Everything the alerting service must not lose: what users configured (rules, silences, routing),
-- the alerts' state, and the outbox of notifications with every delivery attempt.

CREATE TABLE rule (
    rule_id     text PRIMARY KEY,
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE silence (
    silence_id  text PRIMARY KEY,
    definition  jsonb       NOT NULL,
    ends_at     timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: the routing configuration set through the API (it overrides the routing file).
CREATE TABLE routing (
    routing_id  int PRIMARY KEY CHECK (routing_id = 1),
    definition  jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert (
    alert_id        text PRIMARY KEY,
    rule_id         text        NOT NULL,
    status          text        NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz,
    definition      jsonb       NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_firing ON alert (status) WHERE status = 'FIRING';

-- The outbox: written in the same transaction as the alert state that caused it.
CREATE TABLE notification (
    notification_id text PRIMARY KEY,
    receiver        text        NOT NULL,
    group_key       text        NOT NULL,
    alert_status    text        NOT NULL,
    delivery_status text        NOT NULL DEFAULT 'PENDING',
    -- The notification and its evidence as JSON text: written once, read whole, never queried inside.
    content         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_error      text
);
CREATE INDEX notification_pending ON notification (created_at) WHERE delivery_status = 'PENDING';
CREATE INDEX notification_receiver ON notification (receiver, created_at DESC);

CREATE TABLE delivery_attempt (
    notification_id text        NOT NULL REFERENCES notification (notification_id),
    attempt         int         NOT NULL,
    started_at      timestamptz NOT NULL,
    duration_ms     bigint      NOT NULL,
    outcome         text        NOT NULL,
    detail          text,
    PRIMARY KEY (notification_id, attempt)
);
