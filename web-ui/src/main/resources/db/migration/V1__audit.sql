-- Every change made in the console: who, when, what, and where it landed on the topic.
CREATE TABLE audit_event (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    actor_role   text        NOT NULL,
    action       text        NOT NULL,
    object_type  text        NOT NULL,
    object_id    text        NOT NULL,
    summary      text        NOT NULL,
    before       jsonb,
    after        jsonb,
    topic_record text,
    remote_addr  text
);

CREATE INDEX audit_event_at ON audit_event (at DESC);
CREATE INDEX audit_event_object ON audit_event (object_type, object_id, at DESC);
