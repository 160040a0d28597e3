package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// This file implements group.PrivacyStore, offer.PrivacyStore and
// billing.PrivacyStore: what deleting and exporting a user's data needs.

var (
	_ group.PrivacyStore   = (*Store)(nil)
	_ offer.PrivacyStore   = (*Store)(nil)
	_ billing.PrivacyStore = (*Store)(nil)
)

// EraseUser writes the erased user u (empty Email) if u.Version is the
// stored version, stores version+1 and increments u.Version; a u with an
// e-mail, or a stale version, is storage.ErrConflict, a missing user
// storage.ErrNotFound. The login e-mail is unique only when not empty
// (migration 0007), so erased users share the empty one.
func (s *Store) EraseUser(ctx context.Context, u *group.User) error {
	if u.Email != "" {
		return fmt.Errorf("postgres: erase user %s: it has an e-mail: %w", u.ID, storage.ErrConflict)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_users SET
		email = '', first_name = $3, last_name = $4, function = $5, phone = $6, extension = $7,
		company_id = $8, pending_email = $9, pending_email_hash = $10, pending_email_expires = $11,
		version = version + 1
		WHERE id = $1 AND version = $2`),
		u.ID, u.Version, u.FirstName, u.LastName, u.Function, u.Phone, u.Extension,
		nullID(u.CompanyID), u.PendingEmail, nullBytes(u.PendingEmailHash), nullTime(u.PendingEmailExpires))
	if err != nil {
		return mapErr("erase user", err)
	}
	if tag.RowsAffected() == 0 {
		var version int64
		err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT version FROM {s}babillard_users WHERE id = $1`), u.ID).Scan(&version)
		if err != nil {
			return mapErr("erase user "+u.ID.String(), err)
		}
		return fmt.Errorf("postgres: erase user %s: stored version is %d: %w", u.ID, version, storage.ErrConflict)
	}
	u.Version++
	return nil
}

// InvitationsToEmails returns the invitations sent to any of emails,
// ordered by creation time then ID; the empty string matches none.
func (s *Store) InvitationsToEmails(ctx context.Context, emails ...string) ([]group.Invitation, error) {
	if emails == nil {
		emails = []string{}
	}
	return s.invitationsWhere(ctx, "invitations to e-mails", `email = ANY ($1::text[]) AND email <> ''`, emails)
}

// InvitationsSentBy returns the invitations userID sent, ordered by
// creation time then ID.
func (s *Store) InvitationsSentBy(ctx context.Context, userID uuid.UUID) ([]group.Invitation, error) {
	return s.invitationsWhere(ctx, "invitations sent by "+userID.String(), `invited_by = $1`, userID)
}

func (s *Store) invitationsWhere(ctx context.Context, op, cond string, arg any) ([]group.Invitation, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+invitationColumns+` FROM {s}babillard_invitations
		WHERE `+cond+` ORDER BY created_at, id`), arg)
	if err != nil {
		return nil, mapErr(op, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.Invitation, error) { return scanInvitation(row) })
	if err != nil {
		return nil, mapErr(op, err)
	}
	return out, nil
}

// EventsOfSubject returns the events about subject, acknowledged or not,
// oldest first, with their delivery attempts so far.
func (s *Store) EventsOfSubject(ctx context.Context, subject uuid.UUID) ([]storage.Event, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+eventColumns+`
		FROM {s}babillard_outbox_events WHERE subject = $1 ORDER BY occurred_at, seq`), subject)
	if err != nil {
		return nil, mapErr("events of subject", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storage.Event, error) { return scanEvent(row) })
	if err != nil {
		return nil, mapErr("events of subject", err)
	}
	return out, nil
}

// RedactEvents replaces every JSON string equal to one of values in the
// payloads of the events about subject (of every event when subject is
// uuid.Nil) with "" and returns how many events changed. The
// candidates are found by their payload's text (a value as encoding/json
// writes it); each is then rewritten by storage.RedactJSON.
func (s *Store) RedactEvents(ctx context.Context, subject uuid.UUID, values ...string) (int, error) {
	var patterns []string
	for _, v := range values {
		if v == "" {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			return 0, fmt.Errorf("postgres: redact events: %w", err)
		}
		patterns = append(patterns, "%"+likeEscaper.Replace(string(b))+"%")
	}
	if len(patterns) == 0 {
		return 0, nil
	}
	n := 0
	err := s.Atomic(ctx, func(ctx context.Context) error {
		rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT id, payload::text FROM {s}babillard_outbox_events
			WHERE payload::text LIKE ANY ($1::text[]) AND ($2::uuid IS NULL OR subject = $2)
			ORDER BY seq FOR UPDATE`), patterns, nullID(subject))
		if err != nil {
			return mapErr("redact events", err)
		}
		type candidate struct {
			id      uuid.UUID
			payload string
		}
		list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (candidate, error) {
			var c candidate
			err := row.Scan(&c.id, &c.payload)
			return c, err
		})
		if err != nil {
			return mapErr("redact events", err)
		}
		for _, c := range list {
			p, changed, err := storage.RedactJSON(json.RawMessage(c.payload), values...)
			if err != nil || !changed {
				continue
			}
			if _, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_outbox_events SET payload = $2::json WHERE id = $1`), c.id, string(p)); err != nil {
				return mapErr("redact events", err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// likeEscaper escapes LIKE's wildcards and its escape character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// OffersCreatedBy returns the offers userID created, oldest first.
func (s *Store) OffersCreatedBy(ctx context.Context, userID uuid.UUID) ([]offer.Offer, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+offerColumns+` FROM {s}babillard_offers
		WHERE created_by = $1 ORDER BY created_at, id`), userID)
	if err != nil {
		return nil, mapErr("offers created by", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (offer.Offer, error) { return scanOffer(row) })
	if err != nil {
		return nil, mapErr("offers created by", err)
	}
	return out, nil
}

// HistoryBy returns the history entries by userID, by time then in the
// order of appending.
func (s *Store) HistoryBy(ctx context.Context, userID uuid.UUID) ([]offer.HistoryEntry, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+historyColumns+`
		FROM {s}babillard_offer_history WHERE by_id = $1 ORDER BY at, seq`), userID)
	if err != nil {
		return nil, mapErr("history by", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (offer.HistoryEntry, error) { return scanHistory(row) })
	if err != nil {
		return nil, mapErr("history by", err)
	}
	return out, nil
}

// LedgerEntriesBy returns the ledger entries by userID, by time then in
// the order they were appended.
func (s *Store) LedgerEntriesBy(ctx context.Context, userID uuid.UUID) ([]billing.Entry, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+entryColumns+` FROM {s}babillard_credit_entries
		WHERE by_id = $1 ORDER BY at, seq`), userID)
	if err != nil {
		return nil, mapErr("ledger entries by", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Entry, error) { return scanEntry(row) })
	if err != nil {
		return nil, mapErr("ledger entries by", err)
	}
	return out, nil
}

// CreditReservationsBy returns the reservations userID made or settled,
// ordered by ReservedAt, Ref, then Product.
func (s *Store) CreditReservationsBy(ctx context.Context, userID uuid.UUID) ([]billing.Reservation, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+reservationColumns+` FROM {s}babillard_credit_reservations
		WHERE reserved_by = $1 OR settled_by = $1 ORDER BY reserved_at, ref, product`), userID)
	if err != nil {
		return nil, mapErr("credit reservations by", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Reservation, error) { return scanReservation(row) })
	if err != nil {
		return nil, mapErr("credit reservations by", err)
	}
	return out, nil
}

// OffersApplyingTo returns the offers whose application e-mail, or their
// pending revision's, is one of emails, oldest first; the empty string
// matches none.
func (s *Store) OffersApplyingTo(ctx context.Context, emails ...string) ([]offer.Offer, error) {
	emails = slices.DeleteFunc(slices.Clone(emails), func(e string) bool { return e == "" })
	if len(emails) == 0 {
		return []offer.Offer{}, nil
	}
	// A scan of the offers' JSON: deletions are rare.
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+offerColumns+` FROM {s}babillard_offers
		WHERE content->'apply'->>'email' = ANY ($1::text[]) OR revision->'apply'->>'email' = ANY ($1::text[])
		ORDER BY created_at, id`), emails)
	if err != nil {
		return nil, mapErr("offers applying to", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (offer.Offer, error) { return scanOffer(row) })
	if err != nil {
		return nil, mapErr("offers applying to", err)
	}
	return out, nil
}
