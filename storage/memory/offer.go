package memory

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// This file implements offer.Store.

// defaultOfferLimit is the number of offers Offers returns when the query
// sets no limit.
const defaultOfferLimit = 100

// offerRow is a stored offer with its folded titles, for title searches.
type offerRow struct {
	o      offer.Offer
	titles string
}

// historyRow is a stored history entry with its append order.
type historyRow struct {
	e   offer.HistoryEntry
	seq uint64
}

func copyContent(c offer.Content) offer.Content {
	c.Domains = slices.Clone(c.Domains)
	c.Interests = slices.Clone(c.Interests)
	c.Workplace.Places = slices.Clone(c.Workplace.Places)
	return c
}

func copyOffer(o offer.Offer) offer.Offer {
	o.Content = copyContent(o.Content)
	if o.Revision != nil {
		r := copyContent(*o.Revision)
		o.Revision = &r
	}
	for _, t := range []*time.Time{&o.SubmittedAt, &o.ValidationDue, &o.ApprovedAt, &o.PublishAt, &o.PublishedAt,
		&o.ExpiresAt, &o.EndedAt, &o.FeaturedFrom, &o.FeaturedUntil, &o.ArchivedAt, &o.CreatedAt, &o.UpdatedAt} {
		*t = ts(*t)
	}
	return o
}

func offerRowOf(o offer.Offer) offerRow {
	return offerRow{o: o, titles: group.Fold(o.Content.Title.FR + " " + o.Content.Title.EN)}
}

// CreateOffer stores a new offer with version 1 and sets o.Version. Its
// group must exist (storage.ErrNotFound otherwise).
func (s *Store) CreateOffer(ctx context.Context, o *offer.Offer) error {
	row := copyOffer(*o)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.offers.get(row.ID); ok {
			return errDuplicate("offer", row.ID)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		s.offers.put(t, row.ID, offerRowOf(row))
		return nil
	})
	if err == nil {
		o.Version = 1
	}
	return err
}

// Offer returns an offer by ID.
func (s *Store) Offer(ctx context.Context, id uuid.UUID) (offer.Offer, error) {
	var out offer.Offer
	err := s.read(ctx, func() error {
		row, ok := s.offers.get(id)
		if !ok {
			return errNotFound("offer", id)
		}
		out = copyOffer(row.o)
		return nil
	})
	return out, err
}

// UpdateOffer writes an offer if o.Version is the stored version, and
// increments o.Version; otherwise it is storage.ErrConflict.
func (s *Store) UpdateOffer(ctx context.Context, o *offer.Offer) error {
	row := copyOffer(*o)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.offers.get(row.ID)
		if !ok {
			return errNotFound("offer", row.ID)
		}
		if cur.o.Version != row.Version {
			return errConflict("offer", row.ID, row.Version, cur.o.Version)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		row.Version++
		s.offers.put(t, row.ID, offerRowOf(row))
		return nil
	})
	if err == nil {
		o.Version++
	}
	return err
}

// Offers returns the offers matching q, newest first (or by validation due
// time), at most q.Limit (100 when zero or negative).
func (s *Store) Offers(ctx context.Context, q offer.Query) ([]offer.Offer, error) {
	title := group.Fold(q.Title)
	limit := q.Limit
	if limit <= 0 {
		limit = defaultOfferLimit
	}
	var out []offer.Offer
	err := s.read(ctx, func() error {
		for _, row := range s.offers.all() {
			o := row.o
			switch {
			case q.GroupID != uuid.Nil && o.GroupID != q.GroupID:
			case len(q.Statuses) == 0 && o.Status == offer.Archived:
			case len(q.Statuses) > 0 && !slices.Contains(q.Statuses, o.Status):
			case title != "" && !group.MatchesKeyword(row.titles, title):
			default:
				out = append(out, o)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b offer.Offer) int {
		if q.ByValidationDue {
			return compareTimeID(a.ValidationDue, b.ValidationDue, a.ID, b.ID)
		}
		return -compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID)
	})
	out = out[:min(len(out), limit)]
	for i := range out {
		out[i] = copyOffer(out[i])
	}
	return nonNil(out), nil
}

// CountOffers counts a group's offers per status (statuses without offers
// are absent).
func (s *Store) CountOffers(ctx context.Context, groupID uuid.UUID) (map[offer.Status]int, error) {
	out := map[offer.Status]int{}
	err := s.read(ctx, func() error {
		for _, row := range s.offers.all() {
			if row.o.GroupID == groupID {
				out[row.o.Status]++
			}
		}
		return nil
	})
	return out, err
}

// DueOffers returns up to limit offers the clock must move at now, ordered
// by ID (see offer.Store).
func (s *Store) DueOffers(ctx context.Context, now time.Time, limit int) ([]offer.Offer, error) {
	now = ts(now)
	var out []offer.Offer
	err := s.read(ctx, func() error {
		for _, row := range s.offers.all() {
			if offerDue(row.o, now) {
				out = append(out, row.o)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b offer.Offer) int { return compareID(a.ID, b.ID) })
	out = out[:min(len(out), max(limit, 0))]
	for i := range out {
		out[i] = copyOffer(out[i])
	}
	return nonNil(out), nil
}

// offerDue reports whether the clock has something to do with o at now.
func offerDue(o offer.Offer, now time.Time) bool {
	switch {
	case o.Status == offer.Scheduled && !now.Before(o.PublishAt):
		return true
	case o.Status == offer.Published && !now.Before(o.ExpiresAt):
		return true
	case o.Status == offer.Published && !o.WarnedExpiry && !now.Before(o.ExpiresAt.Add(-offer.ExpiryWarningWindow)):
		return true
	}
	return !o.FeaturedUntil.IsZero() && !o.FeaturedEndNotified && !now.Before(o.FeaturedUntil)
}

// AppendHistory records history entries; their offers must exist.
func (s *Store) AppendHistory(ctx context.Context, entries ...offer.HistoryEntry) error {
	return s.write(ctx, func(t *tx) error {
		for _, e := range entries {
			if _, ok := s.offers.get(e.OfferID); !ok {
				return errNotFound("offer", e.OfferID)
			}
			e.At = ts(e.At)
			s.historySeq++
			s.offerHistory.put(t, s.historySeq, historyRow{e: e, seq: s.historySeq})
		}
		return nil
	})
}

// History returns an offer's entries, oldest first (by time, then append
// order), each with its Seq.
func (s *Store) History(ctx context.Context, offerID uuid.UUID) ([]offer.HistoryEntry, error) {
	return s.selectHistory(ctx, func(e offer.HistoryEntry) bool { return e.OfferID == offerID })
}

// selectHistory returns the history entries keep accepts, by time then
// append order, each with its Seq.
func (s *Store) selectHistory(ctx context.Context, keep func(offer.HistoryEntry) bool) ([]offer.HistoryEntry, error) {
	return selectRows(ctx, s, &s.offerHistory, func(row historyRow) bool { return keep(row.e) },
		func(a, b historyRow) int { return cmp.Or(a.e.At.Compare(b.e.At), cmp.Compare(a.seq, b.seq)) },
		func(row historyRow) offer.HistoryEntry {
			e := row.e
			e.Seq = int64(row.seq)
			return e
		})
}
