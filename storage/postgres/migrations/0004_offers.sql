-- babillard 0004: job offers, their history and their performance data
-- (package offer).
--
-- An offer's content (and its pending revision) is one JSONB document, in
-- the JSON form of offer.Content; the dates of its life are columns, NULL
-- when zero, so that the clock's queries (DueOffers) and the moderators'
-- queue run on indexes. version makes updates optimistic.

CREATE TABLE babillard_offers (
    id                    uuid PRIMARY KEY,
    group_id              uuid NOT NULL REFERENCES babillard_groups (id),
    status                text NOT NULL,
    content               jsonb NOT NULL,
    -- NULL when no revision is pending.
    revision              jsonb,
    credit_reserved       boolean NOT NULL DEFAULT false,
    submitted_at          timestamptz,
    validation_due        timestamptz,
    approved_at           timestamptz,
    publish_at            timestamptz,
    published_at          timestamptz,
    expires_at            timestamptz,
    ended_at              timestamptz,
    extensions            integer NOT NULL DEFAULT 0,
    featured_from         timestamptz,
    featured_until        timestamptz,
    featured_end_notified boolean NOT NULL DEFAULT false,
    -- A civil date (America/Toronto); NULL when the employer's deadline
    -- stands.
    deadline_pushed_to    date,
    warned_expiry         boolean NOT NULL DEFAULT false,
    archived_at           timestamptz,
    duplicated_from       uuid,
    created_by            uuid,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz,
    version               bigint NOT NULL CHECK (version > 0),
    -- Written by the store: the French and English titles folded like
    -- group.Fold (lower case, no accents, single spaces), for title
    -- searches.
    search_text           text COLLATE "C" NOT NULL DEFAULT ''
);

-- A group's offers, newest first.
CREATE INDEX babillard_offers_group_idx ON babillard_offers (group_id, created_at DESC, id DESC);
-- The moderators' queue: offers of a status by validation due time (the
-- offers without one first, as Go orders the zero time).
CREATE INDEX babillard_offers_validation_idx ON babillard_offers (status, validation_due NULLS FIRST, id);
-- The clock's work (DueOffers): scheduled offers to publish, published
-- offers to warn and expire, featured periods to announce as ended.
CREATE INDEX babillard_offers_publish_due_idx ON babillard_offers (publish_at, id)
    WHERE status = 'scheduled';
CREATE INDEX babillard_offers_expiry_due_idx ON babillard_offers (expires_at, id)
    WHERE status = 'published';
CREATE INDEX babillard_offers_featured_due_idx ON babillard_offers (featured_until, id)
    WHERE featured_until IS NOT NULL AND NOT featured_end_notified;

CREATE TABLE babillard_offer_history (
    -- Orders the entries of the same time in the order they were appended.
    seq         bigserial PRIMARY KEY,
    offer_id    uuid NOT NULL REFERENCES babillard_offers (id),
    at          timestamptz NOT NULL,
    action      text NOT NULL,
    from_status text NOT NULL DEFAULT '',
    to_status   text NOT NULL DEFAULT '',
    -- NULL for the board's clock.
    by_id       uuid,
    role        text NOT NULL DEFAULT '',
    note        text NOT NULL DEFAULT ''
);

CREATE INDEX babillard_offer_history_offer_idx ON babillard_offer_history (offer_id, at, seq);

-- The performance log (offer.StatsStore): one row per view, Apply click or
-- share, counted per day by the store's queries.
CREATE TABLE babillard_offer_hits (
    seq         bigserial PRIMARY KEY,
    offer_id    uuid NOT NULL REFERENCES babillard_offers (id),
    metric      text NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX babillard_offer_hits_offer_idx ON babillard_offer_hits (offer_id, at);
