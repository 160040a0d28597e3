-- babillard 0008: the optimizations applied to published offers
-- (offer.OptimizationStore), one row per idempotency key, so that a retried
-- extension or featuring applies once.

CREATE TABLE babillard_offer_optimizations (
    key       uuid PRIMARY KEY,
    offer_id  uuid NOT NULL REFERENCES babillard_offers (id),
    action    text NOT NULL,
    -- NULL when no member is named.
    by_id     uuid,
    at        timestamptz NOT NULL,
    -- What Feature returned, in nanoseconds (time.Duration).
    shortfall bigint NOT NULL DEFAULT 0
);

CREATE INDEX babillard_offer_optimizations_offer_idx ON babillard_offer_optimizations (offer_id);
