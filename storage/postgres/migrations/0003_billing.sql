-- babillard 0003: the credit bank (package billing).
--
-- One ledger row per (group, product) holds the counters and is the lock
-- every movement takes first (SELECT … FOR UPDATE); lots hold the credits of
-- each grant; reservations hold one credit per (ref, product); entries are
-- the append-only statement. CHECK constraints are the last guard of the
-- bank's invariants: no count is negative, a lot never holds more than it
-- was granted, and every ledger balances:
--
--   granted + transferred_in = available + reserved + consumed + expired + transferred_out

CREATE TABLE babillard_credit_ledgers (
    group_id        uuid NOT NULL REFERENCES babillard_groups (id),
    -- COLLATE "C": ledgers are listed by product byte-wise, as Go compares
    -- strings.
    product         text COLLATE "C" NOT NULL,
    granted         integer NOT NULL DEFAULT 0 CHECK (granted >= 0),
    transferred_in  integer NOT NULL DEFAULT 0 CHECK (transferred_in >= 0),
    available       integer NOT NULL DEFAULT 0 CHECK (available >= 0),
    reserved        integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    consumed        integer NOT NULL DEFAULT 0 CHECK (consumed >= 0),
    expired         integer NOT NULL DEFAULT 0 CHECK (expired >= 0),
    transferred_out integer NOT NULL DEFAULT 0 CHECK (transferred_out >= 0),
    version         bigint NOT NULL CHECK (version > 0),
    PRIMARY KEY (group_id, product),
    CONSTRAINT babillard_credit_ledgers_balanced
        CHECK (granted + transferred_in = available + reserved + consumed + expired + transferred_out)
);

CREATE TABLE babillard_credit_lots (
    id           uuid PRIMARY KEY,
    group_id     uuid NOT NULL REFERENCES babillard_groups (id),
    product      text NOT NULL,
    quantity     integer NOT NULL CHECK (quantity > 0),
    remaining    integer NOT NULL,
    source       text NOT NULL CHECK (source IN ('purchase', 'board', 'transfer')),
    -- '' when the lot was not paid by a purchase reference.
    purchase_ref text NOT NULL DEFAULT '',
    from_group   uuid,
    granted_by   uuid,
    note         text NOT NULL DEFAULT '',
    -- NULL: never expires.
    expires_at   timestamptz,
    created_at   timestamptz NOT NULL,
    version      bigint NOT NULL CHECK (version > 0),
    CONSTRAINT babillard_credit_lots_remaining CHECK (remaining >= 0 AND remaining <= quantity)
);

-- A purchase reference credits each product once.
CREATE UNIQUE INDEX babillard_credit_lots_purchase_key ON babillard_credit_lots (purchase_ref, product)
    WHERE purchase_ref <> '';
-- Drawing order within a ledger (expires_at ascending puts NULLs last).
CREATE INDEX babillard_credit_lots_draw_idx ON babillard_credit_lots (group_id, product, expires_at, created_at, id)
    WHERE remaining > 0;
-- ExpireDue's scan.
CREATE INDEX babillard_credit_lots_due_idx ON babillard_credit_lots (expires_at, created_at, id)
    WHERE remaining > 0 AND expires_at IS NOT NULL;

CREATE TABLE babillard_credit_reservations (
    ref                  uuid NOT NULL,
    product              text COLLATE "C" NOT NULL,
    group_id             uuid NOT NULL REFERENCES babillard_groups (id),
    status               text NOT NULL CHECK (status IN ('reserved', 'released', 'consumed')),
    lot_id               uuid NOT NULL REFERENCES babillard_credit_lots (id),
    reserved_by          uuid,
    reserved_at          timestamptz NOT NULL,
    settled_by           uuid,
    settled_by_moderator boolean NOT NULL DEFAULT false,
    settled_at           timestamptz,
    version              bigint NOT NULL CHECK (version > 0),
    PRIMARY KEY (ref, product)
);

CREATE INDEX babillard_credit_reservations_group_idx ON babillard_credit_reservations (group_id, status, reserved_at, ref, product);

CREATE TABLE babillard_credit_entries (
    id           uuid PRIMARY KEY,
    -- Orders the entries of the same time in the order they were appended.
    seq          bigserial NOT NULL,
    group_id     uuid NOT NULL REFERENCES babillard_groups (id),
    product      text NOT NULL,
    kind         text NOT NULL
                 CHECK (kind IN ('grant', 'reserve', 'release', 'consume', 'expire', 'transfer_out', 'transfer_in')),
    quantity     integer NOT NULL CHECK (quantity > 0),
    lot_id       uuid,
    ref          uuid,
    purchase_ref text NOT NULL DEFAULT '',
    counterpart  uuid,
    by_id        uuid,
    by_moderator boolean NOT NULL DEFAULT false,
    at           timestamptz NOT NULL
);

CREATE INDEX babillard_credit_entries_group_idx ON babillard_credit_entries (group_id, at, seq);
CREATE INDEX babillard_credit_entries_ref_idx ON babillard_credit_entries (ref) WHERE ref IS NOT NULL;
