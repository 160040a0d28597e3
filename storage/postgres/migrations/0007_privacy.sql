-- babillard 0007: deleting a user's account (Quebec's privacy law).
--
-- A deleted account keeps its row, with its opaque ID, for the history that
-- names it, but no personal data: its e-mail is the empty string, which
-- every deleted account shares and no lookup matches. The login e-mail
-- stays unique among live accounts only.

ALTER TABLE babillard_users DROP CONSTRAINT babillard_users_email_key;
CREATE UNIQUE INDEX babillard_users_email_key ON babillard_users (email) WHERE email <> '';

-- What an export or a deletion looks up by user.
CREATE INDEX babillard_invitations_email_idx ON babillard_invitations (email) WHERE email <> '';
CREATE INDEX babillard_invitations_invited_by_idx ON babillard_invitations (invited_by);
CREATE INDEX babillard_outbox_events_subject_idx ON babillard_outbox_events (subject);
CREATE INDEX babillard_offers_created_by_idx ON babillard_offers (created_by);
CREATE INDEX babillard_offer_history_by_idx ON babillard_offer_history (by_id);
CREATE INDEX babillard_credit_entries_by_idx ON babillard_credit_entries (by_id);
