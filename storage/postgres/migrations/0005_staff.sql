-- babillard 0005: the board's staff roster (package group, group.Staff).
--
-- One row per staff member, kept (active = false) after removal. user_id is
-- the host's identifier of the staff member (group.Moderator.ID); it need
-- not be an employer user, so it references no table.

CREATE TABLE babillard_staff (
    user_id     uuid PRIMARY KEY,
    roles       text[] NOT NULL DEFAULT '{}'
                CHECK (roles <@ ARRAY['admin', 'moderator', 'finance']::text[]),
    active      boolean NOT NULL,
    added_by    uuid,
    added_at    timestamptz NOT NULL,
    changed_by  uuid,
    changed_at  timestamptz,
    version     bigint NOT NULL CHECK (version > 0)
);

CREATE INDEX babillard_staff_added_idx ON babillard_staff (added_at, user_id);
