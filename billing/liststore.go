package billing

import (
	"context"

	"github.com/babillard/babillard/page"
)

// ListStore is the paged reading of the credit bank: each method returns
// the records strictly after w.After in its documented order, at most
// w.Limit of them (0: all). A record's Key in that order is given by the
// matching *Key function, which stores and callers share.
type ListStore interface {
	// LedgerEntriesPage returns the entries matching q (q.Limit is ignored:
	// w.Limit counts) ordered by At, then in the order they were appended
	// (EntryKey), or the reverse with q.Descending ("after" then means
	// earlier). Each entry's Seq is set.
	LedgerEntriesPage(ctx context.Context, q EntryQuery, w page.Window) ([]Entry, error)
	// CreditReservationsPage returns the reservations matching q ordered
	// by ReservedAt, then Product (byte-wise), then Ref (ReservationKey).
	CreditReservationsPage(ctx context.Context, q ReservationQuery, w page.Window) ([]Reservation, error)
}

// EntryKey is a ledger entry's position in a statement: time, then order
// of appending.
func EntryKey(e Entry) page.Key { return page.Key{Time: e.At, Seq: e.Seq} }

// ReservationKey is a reservation's position in a list of reservations:
// reservation time, then product, then reference.
func ReservationKey(r Reservation) page.Key {
	return page.Key{Time: r.ReservedAt, Text: string(r.Product), ID: r.Ref}
}
