-- babillard 0001: companies, groups, users, memberships, join requests and
-- invitations (package group).
--
-- Plain SQL, applied in one transaction. Tables are unqualified: they land in
-- the first schema of the search_path (the babillard migrator sets it to
-- Options.Schema when one is given). Every name starts with babillard_ so
-- that the tables can share a schema with the host's own.
--
-- Times are timestamptz; an optional time or reference (the zero time,
-- uuid.Nil in Go) is NULL.

CREATE TABLE babillard_companies (
    id               uuid PRIMARY KEY,
    -- COLLATE "C": lists are ordered by legal name byte-wise, as Go
    -- compares strings, whatever the database's default collation.
    legal_name       text COLLATE "C" NOT NULL,
    neq              text NOT NULL DEFAULT '',
    business_number  text NOT NULL DEFAULT '',
    siret            text NOT NULL DEFAULT '',
    head_office      jsonb NOT NULL DEFAULT '{}',
    phone            text NOT NULL DEFAULT '',
    status           text NOT NULL,
    requested_by     uuid,
    created_at       timestamptz NOT NULL,
    version          bigint NOT NULL CHECK (version > 0),
    -- Written by the store from Company.SearchText() (folded: lower case,
    -- no accents, single spaces) and Company.RegistryNumbers() (without
    -- spaces or hyphens).
    search_text      text COLLATE "C" NOT NULL DEFAULT '',
    registry_numbers text[] NOT NULL DEFAULT '{}'
);

CREATE INDEX babillard_companies_legal_name_idx ON babillard_companies (legal_name, id);
CREATE INDEX babillard_companies_registry_numbers_idx ON babillard_companies USING gin (registry_numbers);
CREATE INDEX babillard_companies_status_idx ON babillard_companies (status, legal_name, id);

CREATE TABLE babillard_groups (
    id          uuid PRIMARY KEY,
    company_id  uuid NOT NULL REFERENCES babillard_companies (id),
    name        text NOT NULL DEFAULT '',
    profile     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    version     bigint NOT NULL CHECK (version > 0)
);

CREATE INDEX babillard_groups_company_idx ON babillard_groups (company_id, created_at, id);

CREATE TABLE babillard_users (
    id                    uuid PRIMARY KEY,
    -- Normalised (lower case) by the caller: the login identity, unique.
    email                 text NOT NULL,
    first_name            text NOT NULL DEFAULT '',
    last_name             text NOT NULL DEFAULT '',
    function              text NOT NULL DEFAULT '',
    phone                 text NOT NULL DEFAULT '',
    extension             text NOT NULL DEFAULT '',
    company_id            uuid,
    pending_email         text NOT NULL DEFAULT '',
    pending_email_hash    bytea,
    pending_email_expires timestamptz,
    created_at            timestamptz NOT NULL,
    version               bigint NOT NULL CHECK (version > 0),
    CONSTRAINT babillard_users_email_key UNIQUE (email)
);

CREATE INDEX babillard_users_pending_email_hash_idx ON babillard_users (pending_email_hash)
    WHERE pending_email_hash IS NOT NULL;

CREATE TABLE babillard_memberships (
    group_id    uuid NOT NULL REFERENCES babillard_groups (id),
    user_id     uuid NOT NULL REFERENCES babillard_users (id),
    roles       text[] NOT NULL DEFAULT '{}'
                CHECK (roles <@ ARRAY['principal', 'posting_manager', 'finance_manager']::text[]),
    active      boolean NOT NULL,
    joined_at   timestamptz NOT NULL,
    removed_at  timestamptz,
    removed_by  uuid,
    version     bigint NOT NULL CHECK (version > 0),
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX babillard_memberships_group_idx ON babillard_memberships (group_id, joined_at, user_id);
CREATE INDEX babillard_memberships_user_idx ON babillard_memberships (user_id, joined_at, group_id);

CREATE TABLE babillard_join_requests (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES babillard_users (id),
    company_id  uuid NOT NULL REFERENCES babillard_companies (id),
    -- NULL for a new-group request until it is approved.
    group_id    uuid REFERENCES babillard_groups (id),
    new_group   boolean NOT NULL,
    group_name  text NOT NULL DEFAULT '',
    status      text NOT NULL,
    decided_by  uuid,
    decided_at  timestamptz,
    reason      text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    version     bigint NOT NULL CHECK (version > 0)
);

CREATE INDEX babillard_join_requests_group_idx ON babillard_join_requests (group_id, status, created_at, id);
CREATE INDEX babillard_join_requests_company_idx ON babillard_join_requests (company_id, status, created_at, id);
CREATE INDEX babillard_join_requests_user_idx ON babillard_join_requests (user_id, created_at, id);
CREATE INDEX babillard_join_requests_created_idx ON babillard_join_requests (created_at, id);

CREATE TABLE babillard_invitations (
    id          uuid PRIMARY KEY,
    group_id    uuid NOT NULL REFERENCES babillard_groups (id),
    email       text NOT NULL,
    roles       text[] NOT NULL DEFAULT '{}'
                CHECK (roles <@ ARRAY['principal', 'posting_manager', 'finance_manager']::text[]),
    invited_by  uuid,
    -- Hash of the current token (the token itself is never stored); NULL
    -- when none.
    token_hash  bytea,
    expires_at  timestamptz NOT NULL,
    status      text NOT NULL,
    sent_count  integer NOT NULL DEFAULT 0 CHECK (sent_count >= 0),
    decided_by  uuid,
    decided_at  timestamptz,
    created_at  timestamptz NOT NULL,
    version     bigint NOT NULL CHECK (version > 0),
    CONSTRAINT babillard_invitations_token_hash_key UNIQUE (token_hash)
);

CREATE INDEX babillard_invitations_group_idx ON babillard_invitations (group_id, created_at, id);
