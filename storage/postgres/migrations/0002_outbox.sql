-- babillard 0002: the transactional outbox (storage.Outbox).
--
-- Events are appended in the transaction of the change they report and
-- claimed by workers with FOR UPDATE SKIP LOCKED: a claim sets lease_owner
-- and lease_until; an acknowledgement sets acked_at. seq orders the events
-- that share an occurred_at in the order they were appended.

CREATE TABLE babillard_outbox_events (
    id           uuid PRIMARY KEY,
    seq          bigserial NOT NULL,
    topic        text NOT NULL,
    group_id     uuid,
    subject      uuid,
    -- json, not jsonb: the payload comes back byte for byte as appended
    -- (jsonb would reorder keys and respace it), and nothing queries it.
    payload      json,
    occurred_at  timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    lease_owner  text,
    lease_until  timestamptz,
    acked_at     timestamptz
);

-- The claim query's scan: unacknowledged events, oldest first.
CREATE INDEX babillard_outbox_events_unacked_idx ON babillard_outbox_events (occurred_at, seq)
    WHERE acked_at IS NULL;
