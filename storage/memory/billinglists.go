package memory

import (
	"context"
	"slices"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/page"
)

// Paged billing lists (billing.ListStore).

// LedgerEntriesPage returns the entries matching q after w.After, by time
// then append order (the reverse with q.Descending), at most w.Limit (0:
// all), each with its Seq; q.Limit is ignored.
func (s *Store) LedgerEntriesPage(ctx context.Context, q billing.EntryQuery, w page.Window) ([]billing.Entry, error) {
	q.Limit = 0
	all, err := s.LedgerEntries(ctx, q)
	if !q.Descending {
		return window(all, err, w, billing.EntryKey)
	}
	if err != nil {
		return nil, err
	}
	if !w.After.IsZero() {
		all = slices.DeleteFunc(all, func(e billing.Entry) bool { return billing.EntryKey(e).Compare(w.After) >= 0 })
	}
	if w.Limit > 0 && len(all) > w.Limit {
		all = all[:w.Limit]
	}
	return nonNil(slices.Clip(all)), nil
}

// CreditLotsPage returns the lots matching q after w.After in drawing
// order, at most w.Limit (0: all); q.Limit is ignored.
func (s *Store) CreditLotsPage(ctx context.Context, q billing.LotQuery, w page.Window) ([]billing.Lot, error) {
	q.Limit = 0
	all, err := s.CreditLots(ctx, q)
	return window(all, err, w, billing.LotKey)
}

// CreditReservationsPage returns the reservations matching q after
// w.After, by reservation time, product, then reference, at most w.Limit
// (0: all).
func (s *Store) CreditReservationsPage(ctx context.Context, q billing.ReservationQuery, w page.Window) ([]billing.Reservation, error) {
	all, err := s.CreditReservations(ctx, q)
	slices.SortFunc(all, func(a, b billing.Reservation) int {
		return billing.ReservationKey(a).Compare(billing.ReservationKey(b))
	})
	return window(all, err, w, billing.ReservationKey)
}
