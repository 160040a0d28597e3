package billing

import (
	"context"

	"github.com/google/uuid"
)

// PrivacyStore is the part of a store that finds a user's credit
// operations, for the export of a user's data (Quebec's privacy law).
// storage/memory and storage/postgres implement it; storage/storagetest
// proves it.
type PrivacyStore interface {
	// LedgerEntriesBy returns the ledger entries whose By is userID, of
	// every group, by time then in the order they were appended.
	LedgerEntriesBy(ctx context.Context, userID uuid.UUID) ([]Entry, error)
	// CreditReservationsBy returns the reservations that userID made
	// (ReservedBy) or settled (SettledBy), of every group, ordered by
	// ReservedAt, then Ref, then Product.
	CreditReservationsBy(ctx context.Context, userID uuid.UUID) ([]Reservation, error)
}

// UserExport is what the credit bank holds about a user: the ledger
// entries of their operations and the reservations they made or settled.
type UserExport struct {
	Entries      []Entry       `json:"entries"`
	Reservations []Reservation `json:"reservations"`
}

// ExportUser reads a user's credit operations from st. It checks no actor:
// babillard.Board.ExportUser calls it once the group service has allowed
// the export (the user themself or the board's staff).
//
// The bank keeps a deleted user's opaque ID on their entries and
// reservations, with the group, product, quantities and purchase
// references: the records of what a group bought and spent must stay whole
// (and balance), and they hold no other personal data, so the deletion of
// an account changes nothing here.
func ExportUser(ctx context.Context, st PrivacyStore, userID uuid.UUID) (UserExport, error) {
	var out UserExport
	var err error
	if out.Entries, err = st.LedgerEntriesBy(ctx, userID); err != nil {
		return UserExport{}, err
	}
	if out.Reservations, err = st.CreditReservationsBy(ctx, userID); err != nil {
		return UserExport{}, err
	}
	if out.Entries == nil {
		out.Entries = []Entry{}
	}
	if out.Reservations == nil {
		out.Reservations = []Reservation{}
	}
	return out, nil
}
