-- babillard 0009: promo codes (promo.Store) and their uses, one per order
-- idempotency key, so that a retried checkout counts a use once.

CREATE TABLE babillard_promo_codes (
    id                 uuid PRIMARY KEY,
    -- The normalised code: upper case, A-Z 0-9 - _.
    code               text NOT NULL UNIQUE,
    kind               text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent            numeric NOT NULL DEFAULT 0 CHECK (percent >= 0 AND percent <= 100),
    amount             bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
    -- Validity days (America/Toronto), both included.
    valid_from         date NOT NULL,
    valid_until        date NOT NULL,
    -- 0: unlimited.
    max_uses           integer NOT NULL DEFAULT 0 CHECK (max_uses >= 0),
    max_uses_per_group integer NOT NULL DEFAULT 0 CHECK (max_uses_per_group >= 0),
    -- The SKUs in scope; empty: every SKU.
    skus               text[] NOT NULL DEFAULT '{}',
    active             boolean NOT NULL,
    created_by         uuid,
    created_at         timestamptz NOT NULL,
    version            bigint NOT NULL
);

CREATE TABLE babillard_promo_uses (
    order_key uuid PRIMARY KEY,
    code_id   uuid NOT NULL REFERENCES babillard_promo_codes (id),
    group_id  uuid NOT NULL,
    at        timestamptz NOT NULL
);

CREATE INDEX babillard_promo_uses_code_idx ON babillard_promo_uses (code_id, group_id);
