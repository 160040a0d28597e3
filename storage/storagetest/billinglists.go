package storagetest

import (
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

func (su *suite) testBillingLists(t *testing.T) {
	// entries appends, for group g, entries at the given minutes, one call
	// each, and returns their IDs in statement order (time, then order of
	// appending).
	entries := func(f *fixture, g uuid.UUID, minutes ...int) []uuid.UUID {
		type appended struct {
			id  uuid.UUID
			min int
		}
		var list []appended
		for _, m := range minutes {
			e := f.newEntry(g, func(e *billing.Entry) { e.At = at(m) })
			f.must(f.s.AppendLedgerEntries(f.ctx, e), "AppendLedgerEntries")
			list = append(list, appended{e.ID, m})
		}
		slices.SortStableFunc(list, func(a, b appended) int { return a.min - b.min })
		out := make([]uuid.UUID, len(list))
		for i, a := range list {
			out[i] = a.id
		}
		return out
	}

	t.Run("LedgerEntriesPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		want := entries(f, g.ID, 30, 10, 20, 20, 20, 10, 40)
		entries(f, other.ID, 10, 20, 30)
		q := billing.EntryQuery{GroupID: g.ID, Limit: 1}
		list := func(w page.Window) ([]billing.Entry, error) { return f.s.LedgerEntriesPage(f.ctx, q, w) }
		pagedList(t, "LedgerEntriesPage", want, list, billing.EntryKey, entryID, func() []uuid.UUID {
			entries(f, g.ID, 0)
			return entries(f, g.ID, 40, 50)
		})
		for _, e := range walkPages(t, "LedgerEntriesPage", 3, list, billing.EntryKey, false, nil) {
			if e.Seq == 0 {
				t.Errorf("LedgerEntriesPage: entry %s without Seq", e.ID)
			}
		}
	})

	t.Run("LedgerEntriesPageDescending", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		want := entries(f, g.ID, 30, 10, 20, 20, 20, 10, 40)
		slices.Reverse(want)
		q := billing.EntryQuery{GroupID: g.ID, Descending: true, Kind: billing.KindGrant}
		pagedListOrder(t, "LedgerEntriesPage descending", want, func(w page.Window) ([]billing.Entry, error) {
			return f.s.LedgerEntriesPage(f.ctx, q, w)
		}, billing.EntryKey, entryID, true, func() []uuid.UUID {
			// Newest first: a newer entry sorts before the cursor, an
			// older one comes later in the walk.
			entries(f, g.ID, 50)
			return entries(f, g.ID, 0)
		})
	})

	t.Run("CreditReservationsPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		eng, feat := f.lot(g.ID), f.lot(g.ID, func(l *billing.Lot) { l.Product = billing.Featured })
		otherLot := f.lot(other.ID)
		// Pairs share a time; within one, "engineer_posting" sorts before
		// "featured", and equal products by reference.
		times := tieTimes(at(100), 8)
		refs := sortedIDs(8)
		var want []uuid.UUID
		for i := 0; i < len(times); i += 2 {
			// In odd pairs the first reservation is a featured one: listed
			// after the second, an engineer posting.
			first, second := eng, eng
			if i/2%2 == 1 {
				first = feat
				want = append(want, refs[i+1], refs[i])
			} else {
				want = append(want, refs[i], refs[i+1])
			}
			for j, lot := range []billing.Lot{first, second} {
				f.reservation(g.ID, lot.ID, func(r *billing.Reservation) { r.Ref, r.Product, r.ReservedAt = refs[i+j], lot.Product, times[i+j] })
				f.reservation(other.ID, otherLot.ID)
			}
		}
		pagedList(t, "CreditReservationsPage", want, func(w page.Window) ([]billing.Reservation, error) {
			return f.s.CreditReservationsPage(f.ctx, billing.ReservationQuery{GroupID: g.ID}, w)
		}, billing.ReservationKey, reservationRef, func() []uuid.UUID {
			f.reservation(g.ID, eng.ID, func(r *billing.Reservation) { r.ReservedAt = at(0) })
			return []uuid.UUID{f.reservation(g.ID, eng.ID, func(r *billing.Reservation) { r.ReservedAt = at(500) }).Ref}
		})
	})

	t.Run("CreditLotsPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		// Drawing order: expiry (pairs sharing one), lots that never expire
		// last; then creation time; then ID.
		ids := sortedIDs(8)
		expiries := []time.Time{at(1000), at(1000), at(2000), at(2000), {}, {}, {}, {}}
		created := []time.Time{at(5), at(5), at(9), at(1), at(3), at(3), at(4), at(4)}
		want := []uuid.UUID{ids[0], ids[1], ids[3], ids[2], ids[4], ids[5], ids[6], ids[7]}
		for i := range ids {
			f.lot(g.ID, func(l *billing.Lot) { l.ID, l.ExpiresAt, l.CreatedAt = ids[i], expiries[i], created[i] })
			f.lot(other.ID)
		}
		f.lot(g.ID, func(l *billing.Lot) { l.Remaining = 0 })
		q := billing.LotQuery{GroupID: g.ID, WithRemaining: true, Limit: 1}
		pagedList(t, "CreditLotsPage", want, func(w page.Window) ([]billing.Lot, error) {
			return f.s.CreditLotsPage(f.ctx, q, w)
		}, billing.LotKey, lotID, func() []uuid.UUID {
			f.lot(g.ID, func(l *billing.Lot) { l.ExpiresAt = at(10) })
			return []uuid.UUID{f.lot(g.ID, func(l *billing.Lot) { l.ExpiresAt, l.CreatedAt = time.Time{}, at(600) }).ID}
		})
	})
}
