package storagetest

import (
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

func (su *suite) testOfferLists(t *testing.T) {
	t.Run("OffersPageNewestFirst", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		times := tieTimes(at(100), 7)
		ids := sortedIDs(7)
		var want []uuid.UUID
		for i := range ids {
			f.offer(g.ID, func(o *offer.Offer) { o.ID, o.CreatedAt = ids[i], times[i] })
			f.offer(other.ID)
		}
		f.offer(g.ID, func(o *offer.Offer) { o.Status = offer.Archived })
		for _, id := range slices.Backward(ids) {
			want = append(want, id)
		}
		q := offer.Query{GroupID: g.ID, Limit: 1}
		pagedListOrder(t, "OffersPage", want, func(w page.Window) ([]offer.Offer, error) {
			return f.s.OffersPage(f.ctx, q, w)
		}, offer.CreatedKey, offerID, true, func() []uuid.UUID {
			// Newest first: an older offer created between pages comes
			// later in the walk; a newer one sorts before the cursor.
			f.offer(g.ID, func(o *offer.Offer) { o.CreatedAt = at(500) })
			return []uuid.UUID{f.offer(g.ID, func(o *offer.Offer) { o.CreatedAt = at(0) }).ID}
		})
	})

	t.Run("OffersPageByValidationDue", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		// Two offers without a due time come first, by ID; then pairs
		// sharing a due time, by ID.
		times := append([]time.Time{{}, {}}, tieTimes(at(100), 6)...)
		ids := sortedIDs(len(times))
		for i := range ids {
			f.offer(g.ID, func(o *offer.Offer) {
				o.ID, o.Status, o.ValidationDue, o.CreatedAt = ids[i], offer.InValidation, times[i], at(900-i)
			})
		}
		f.offer(g.ID, func(o *offer.Offer) { o.Status = offer.Published })
		q := offer.Query{Statuses: []offer.Status{offer.InValidation}, ByValidationDue: true}
		pagedList(t, "OffersPage by validation due", ids, func(w page.Window) ([]offer.Offer, error) {
			return f.s.OffersPage(f.ctx, q, w)
		}, offer.DueKey, offerID, func() []uuid.UUID {
			// The first page holds the two offers without a due time: one
			// more without, with the smallest ID, sorts before the cursor.
			first := uuid.UUID{15: 1}
			f.offer(g.ID, func(o *offer.Offer) { o.ID, o.Status, o.ValidationDue = first, offer.InValidation, time.Time{} })
			return []uuid.UUID{f.offer(g.ID, func(o *offer.Offer) { o.Status, o.ValidationDue = offer.InValidation, at(500) }).ID}
		})
	})

	t.Run("HistoryPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		other := f.offer(g.ID)
		// Entries of one time keep the order they were appended in; an
		// entry appended later with an earlier time sorts first.
		f.must(f.s.AppendHistory(f.ctx, entry(o.ID, at(20), "a"), entry(o.ID, at(20), "b"), entry(other.ID, at(20), "x")), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx, entry(o.ID, at(20), "c")), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx, entry(o.ID, at(10), "0"), entry(o.ID, at(30), "d"), entry(o.ID, at(30), "e")), "AppendHistory")
		want := []string{"0", "a", "b", "c", "d", "e"}
		list := func(w page.Window) ([]offer.HistoryEntry, error) { return f.s.HistoryPage(f.ctx, o.ID, w) }
		for _, limit := range []int{0, 1, 2, 4, 6, 7} {
			var notes []string
			for _, e := range walkPages(t, "HistoryPage", limit, list, offer.HistoryKey, false, nil) {
				if e.Seq == 0 {
					t.Errorf("HistoryPage: entry %q without Seq", e.Note)
				}
				notes = append(notes, e.Note)
			}
			if !slices.Equal(notes, want) {
				t.Errorf("HistoryPage by %d = %v, want %v", limit, notes, want)
			}
		}
		var notes []string
		for _, e := range walkPages(t, "HistoryPage", 2, list, offer.HistoryKey, false, func(n int) {
			if n == 0 {
				f.must(f.s.AppendHistory(f.ctx, entry(o.ID, at(5), "too early"), entry(o.ID, at(30), "f")), "AppendHistory")
			}
		}) {
			notes = append(notes, e.Note)
		}
		if want := []string{"0", "a", "b", "c", "d", "e", "f"}; !slices.Equal(notes, want) {
			t.Errorf("HistoryPage with entries appended between pages = %v, want %v", notes, want)
		}
		full, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History")
		for i, e := range full {
			if e.Seq == 0 || i > 0 && offer.HistoryKey(full[i-1]).Compare(offer.HistoryKey(e)) >= 0 {
				t.Errorf("History: entry %d (%q) Seq %d out of order", i, e.Note, e.Seq)
			}
		}
	})
}
