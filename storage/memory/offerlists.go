package memory

import (
	"context"
	"math"
	"slices"

	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// Paged offer lists (offer.ListStore).

// OffersPage returns the offers matching q after w.After, at most w.Limit
// (0: all): newest first, or by validation due time with q.ByValidationDue
// (see offer.ListStore); q.Limit is ignored.
func (s *Store) OffersPage(ctx context.Context, q offer.Query, w page.Window) ([]offer.Offer, error) {
	q.Limit = math.MaxInt
	all, err := s.Offers(ctx, q)
	if q.ByValidationDue {
		return window(all, err, w, offer.DueKey)
	}
	if err != nil {
		return nil, err
	}
	// Newest first: keep the offers that sort before the cursor.
	i := 0
	if !w.After.IsZero() {
		i, _ = slices.BinarySearchFunc(all, w.After, func(o offer.Offer, after page.Key) int {
			if offer.CreatedKey(o).Compare(after) >= 0 {
				return -1
			}
			return 1
		})
	}
	out := all[i:]
	if w.Limit > 0 && len(out) > w.Limit {
		out = out[:w.Limit]
	}
	return nonNil(slices.Clip(out)), nil
}

// HistoryPage returns an offer's entries after w.After, oldest first (time,
// then append order), at most w.Limit (0: all), each with its Seq.
func (s *Store) HistoryPage(ctx context.Context, offerID uuid.UUID, w page.Window) ([]offer.HistoryEntry, error) {
	all, err := s.History(ctx, offerID)
	return window(all, err, w, offer.HistoryKey)
}
