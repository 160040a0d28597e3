package memory

import (
	"cmp"
	"context"
	"slices"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// This file implements group.PrivacyStore, offer.PrivacyStore and
// billing.PrivacyStore: what deleting and exporting a user's data needs.

var (
	_ group.PrivacyStore   = (*Store)(nil)
	_ offer.PrivacyStore   = (*Store)(nil)
	_ billing.PrivacyStore = (*Store)(nil)
)

// EraseUser writes the erased user u (empty Email) if u.Version is the
// stored version, frees its former e-mail and increments u.Version; a u
// with an e-mail, or a stale version, is storage.ErrConflict. Erased users
// are not indexed by e-mail.
func (s *Store) EraseUser(ctx context.Context, u *group.User) error {
	row := copyUser(*u)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.users.get(row.ID)
		if !ok {
			return errNotFound("user", row.ID)
		}
		if row.Email != "" {
			return errConflict("user to erase (it has an e-mail)", row.ID, row.Version, cur.Version)
		}
		if cur.Version != row.Version {
			return errConflict("user", row.ID, row.Version, cur.Version)
		}
		if id, ok := s.userByEmail.get(cur.Email); ok && id == cur.ID {
			s.userByEmail.delete(t, cur.Email)
		}
		row.Version++
		s.users.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		u.Version = row.Version
	}
	return err
}

// InvitationsToEmails returns the invitations sent to any of emails,
// ordered by creation time then ID; the empty string matches none.
func (s *Store) InvitationsToEmails(ctx context.Context, emails ...string) ([]group.Invitation, error) {
	return s.selectInvitations(ctx, func(inv group.Invitation) bool {
		return inv.Email != "" && slices.Contains(emails, inv.Email)
	})
}

// InvitationsSentBy returns the invitations userID sent, ordered by
// creation time then ID.
func (s *Store) InvitationsSentBy(ctx context.Context, userID uuid.UUID) ([]group.Invitation, error) {
	return s.selectInvitations(ctx, func(inv group.Invitation) bool { return inv.InvitedBy == userID })
}

func (s *Store) selectInvitations(ctx context.Context, keep func(group.Invitation) bool) ([]group.Invitation, error) {
	return selectRows(ctx, s, &s.invitations, keep, func(a, b group.Invitation) int {
		return compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID)
	}, copyInvitation)
}

// EventsOfSubject returns the events about subject, acknowledged or not,
// oldest first, with their delivery attempts so far.
func (s *Store) EventsOfSubject(ctx context.Context, subject uuid.UUID) ([]storage.Event, error) {
	return selectRows(ctx, s, &s.events, func(row eventRow) bool { return row.ev.Subject == subject },
		eventOrder, func(row eventRow) storage.Event { return copyEvent(row.ev) })
}

// RedactEvents replaces every JSON string equal to one of values in the
// payloads of the events about subject (of every event when subject is
// uuid.Nil) with "" and returns how many events changed. A payload
// that is not JSON is left alone.
func (s *Store) RedactEvents(ctx context.Context, subject uuid.UUID, values ...string) (int, error) {
	n := 0
	err := s.write(ctx, func(t *tx) error {
		for id, row := range s.events.all() {
			if subject != uuid.Nil && row.ev.Subject != subject {
				continue
			}
			p, changed, err := storage.RedactJSON(row.ev.Payload, values...)
			if err != nil || !changed {
				continue
			}
			row.ev = copyEvent(row.ev)
			row.ev.Payload = p
			s.events.put(t, id, row)
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// OffersCreatedBy returns the offers userID created, oldest first.
func (s *Store) OffersCreatedBy(ctx context.Context, userID uuid.UUID) ([]offer.Offer, error) {
	return s.selectOffers(ctx, func(o offer.Offer) bool { return o.CreatedBy == userID })
}

// selectOffers returns the offers keep accepts, oldest first.
func (s *Store) selectOffers(ctx context.Context, keep func(offer.Offer) bool) ([]offer.Offer, error) {
	return selectRows(ctx, s, &s.offers, func(row offerRow) bool { return keep(row.o) },
		func(a, b offerRow) int { return compareTimeID(a.o.CreatedAt, b.o.CreatedAt, a.o.ID, b.o.ID) },
		func(row offerRow) offer.Offer { return copyOffer(row.o) })
}

// HistoryBy returns the history entries by userID, by time then in the
// order of appending.
func (s *Store) HistoryBy(ctx context.Context, userID uuid.UUID) ([]offer.HistoryEntry, error) {
	return s.selectHistory(ctx, func(e offer.HistoryEntry) bool { return e.By == userID })
}

// LedgerEntriesBy returns the ledger entries by userID, by time then in
// the order they were appended.
func (s *Store) LedgerEntriesBy(ctx context.Context, userID uuid.UUID) ([]billing.Entry, error) {
	return selectRows(ctx, s, &s.ledgerEntries, func(r entryRow) bool { return r.e.By == userID },
		func(a, b entryRow) int { return cmp.Or(a.e.At.Compare(b.e.At), cmp.Compare(a.seq, b.seq)) },
		func(r entryRow) billing.Entry { return copyEntry(r.e) })
}

// CreditReservationsBy returns the reservations userID made or settled,
// ordered by ReservedAt, Ref, then Product.
func (s *Store) CreditReservationsBy(ctx context.Context, userID uuid.UUID) ([]billing.Reservation, error) {
	return selectRows(ctx, s, &s.creditReservations,
		func(r billing.Reservation) bool { return r.ReservedBy == userID || r.SettledBy == userID },
		func(a, b billing.Reservation) int {
			return cmp.Or(compareTimeID(a.ReservedAt, b.ReservedAt, a.Ref, b.Ref), cmp.Compare(a.Product, b.Product))
		}, copyReservation)
}

// OffersApplyingTo returns the offers whose application e-mail, or their
// pending revision's, is one of emails, oldest first; the empty string
// matches none.
func (s *Store) OffersApplyingTo(ctx context.Context, emails ...string) ([]offer.Offer, error) {
	applies := func(c *offer.Content) bool {
		return c != nil && c.Apply.Email != "" && slices.Contains(emails, c.Apply.Email)
	}
	return s.selectOffers(ctx, func(o offer.Offer) bool { return applies(&o.Content) || applies(o.Revision) })
}
