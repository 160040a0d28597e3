package billing

import (
	"context"
	"time"

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
	// CreditLotsPage returns the lots matching q (q.Limit is ignored:
	// w.Limit counts) in drawing order: expiry (lots that never expire
	// last), then creation time, then ID (LotKey).
	CreditLotsPage(ctx context.Context, q LotQuery, w page.Window) ([]Lot, error)
	// CreditReservationsPage returns the reservations matching q ordered
	// by ReservedAt, then Product (byte-wise), then Ref (ReservationKey).
	CreditReservationsPage(ctx context.Context, q ReservationQuery, w page.Window) ([]Reservation, error)
}

// EntryKey is a ledger entry's position in a statement: time, then order
// of appending.
func EntryKey(e Entry) page.Key { return page.Key{Time: e.At, Seq: e.Seq} }

// NoExpiryKey is the Time of the LotKey of a lot that never expires: after
// every real expiry, as such lots are drawn last.
var NoExpiryKey = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// LotKey is a lot's position in drawing order: Time is its expiry
// (NoExpiryKey when it never expires), Seq its creation time in
// microseconds since the Unix epoch, ID its ID.
func LotKey(l Lot) page.Key {
	k := page.Key{Time: l.ExpiresAt, Seq: l.CreatedAt.UnixMicro(), ID: l.ID}
	if l.ExpiresAt.IsZero() {
		k.Time = NoExpiryKey
	}
	return k
}

// ReservationKey is a reservation's position in a list of reservations:
// reservation time, then product, then reference.
func ReservationKey(r Reservation) page.Key {
	return page.Key{Time: r.ReservedAt, Text: string(r.Product), ID: r.Ref}
}
