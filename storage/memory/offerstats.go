package memory

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// This file implements offer.StatsStore: an append-only log of hits.

// AppendHits records hits, all or none; their offers must exist
// (storage.ErrNotFound otherwise).
func (s *Store) AppendHits(ctx context.Context, hits ...offer.Hit) error {
	return s.write(ctx, func(t *tx) error {
		for _, h := range hits {
			if _, ok := s.offers.get(h.OfferID); !ok {
				return errNotFound("offer", h.OfferID)
			}
		}
		for _, h := range hits {
			h.At = ts(h.At)
			s.hitSeq++
			s.hits.put(t, s.hitSeq, h)
		}
		return nil
	})
}

// CountHits counts the hits of offerIDs in [from, to) per offer, day in loc
// and metric, ordered by offer ID, day and metric.
func (s *Store) CountHits(ctx context.Context, offerIDs []uuid.UUID, from, to time.Time, loc *time.Location) ([]offer.DailyCount, error) {
	type key struct {
		offer  uuid.UUID
		day    canada.Date
		metric offer.Metric
	}
	from, to = ts(from), ts(to)
	wanted := make(map[uuid.UUID]bool, len(offerIDs))
	for _, id := range offerIDs {
		wanted[id] = true
	}
	counts := map[key]int64{}
	err := s.read(ctx, func() error {
		for _, h := range s.hits.all() {
			if h.At.Before(from) || !h.At.Before(to) || !wanted[h.OfferID] {
				continue
			}
			counts[key{h.OfferID, canada.DateOf(h.At.In(loc)), h.Metric}]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]offer.DailyCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, offer.DailyCount{OfferID: k.offer, Day: k.day, Metric: k.metric, Count: n})
	}
	slices.SortFunc(out, func(a, b offer.DailyCount) int {
		return cmp.Or(compareID(a.OfferID, b.OfferID), a.Day.Compare(b.Day), cmp.Compare(a.Metric, b.Metric))
	})
	return out, nil
}
