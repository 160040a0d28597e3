package offer

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Metric is what the board counts about a published offer.
type Metric string

// The three metrics of the performance dashboard.
const (
	// Views counts the times the offer was seen.
	Views Metric = "view"
	// ApplyClicks counts the clicks on the offer's Apply button
	// (applications sent from other sites are not counted).
	ApplyClicks Metric = "apply_click"
	// Shares counts the times the offer was shared.
	Shares Metric = "share"
)

// Hit is one counted event: a view, an Apply click or a share of an offer.
type Hit struct {
	OfferID uuid.UUID `json:"offer_id"`
	Metric  Metric    `json:"metric"`
	At      time.Time `json:"at"`
}

// DailyCount is how many hits of a metric an offer had one day (in the
// board's time zone).
type DailyCount struct {
	OfferID uuid.UUID   `json:"offer_id"`
	Day     canada.Date `json:"day"`
	Metric  Metric      `json:"metric"`
	Count   int64       `json:"count"`
}

// StatsStore is the persistence of performance data: an append-only log of
// hits, counted per day.
type StatsStore interface {
	// AppendHits records hits, all or none; their offers must exist.
	AppendHits(ctx context.Context, hits ...Hit) error
	// CountHits returns, for the given offers, the hits between from
	// (inclusive) and to (exclusive) counted per offer, day in loc and
	// metric, ordered by offer ID, day and metric; days without hits are
	// absent.
	CountHits(ctx context.Context, offerIDs []uuid.UUID, from, to time.Time, loc *time.Location) ([]DailyCount, error)
}

// Record stores hits in one write: a portal buffers its page views, Apply
// clicks and shares and records them in batches of at most
// MaxHitsPerRecord (more are refused, field "hits", before any hit is
// looked at). Hits of unknown metrics are refused, every faulty hit
// named ("hits[3].metric"). Each hit is judged by its own time (At), not by when it is
// recorded: a hit is kept when its offer was online at that time (from
// PublishedAt until its publication ended), even if the offer has ended
// since, and dropped otherwise (stamped while the offer was a draft, in
// validation or scheduled, after it ended, or for an unknown offer); an
// archived offer has no performance data, so its hits are dropped too.
// Record reports how many hits it kept; when the store fails to read an
// offer, it records nothing and returns the store's error. Each offer is
// read once per call, however many hits name it.
//
// Hits carry no identity: two hits alike are two views (two visitors in
// the same microsecond), so Record never merges them, and a call retried
// after its answer was lost may count its hits twice. Record refuses or
// records a whole batch, so a retry after an error counts nothing twice.
func (s *Service) Record(ctx context.Context, hits ...Hit) (int, error) {
	v := messages.Validator()
	if len(hits) > MaxHitsPerRecord {
		v.Add("hits", "too_many", MaxHitsPerRecord)
		return 0, v.Err()
	}
	for i, h := range hits {
		if h.Metric != Views && h.Metric != ApplyClicks && h.Metric != Shares {
			v.Add("hits["+strconv.Itoa(i)+"].metric", "metric.unknown")
		}
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	kept := make([]Hit, 0, len(hits))
	offers := map[uuid.UUID]*Offer{} // nil for an unknown offer
	for _, h := range hits {
		o, seen := offers[h.OfferID]
		if !seen {
			got, err := s.store.Offer(ctx, h.OfferID)
			switch {
			case err == nil:
				o = &got
			case !errors.Is(err, storage.ErrNotFound):
				return 0, err
			}
			offers[h.OfferID] = o
		}
		h.At = h.At.UTC().Truncate(time.Microsecond)
		if o != nil && onlineAt(*o, h.At) {
			kept = append(kept, h)
		}
	}
	if len(kept) == 0 {
		return 0, nil
	}
	return len(kept), s.store.AppendHits(ctx, kept...)
}

// onlineAt reports whether o was online at t and still has performance
// data: not archived, published at or before t, and its publication not
// ended at t. An offer is published once at most (the status machine never
// takes it back to published), so this is its one interval online.
func onlineAt(o Offer, t time.Time) bool {
	if o.Status == Archived || !o.EverPublished() || t.Before(o.PublishedAt) {
		return false
	}
	end := o.ExpiresAt
	if !o.EndedAt.IsZero() {
		end = o.EndedAt
	}
	return t.Before(end)
}

// Period is how performance rows are grouped.
type Period string

// The periods of the performance dashboard.
const (
	ByDay   Period = "day"
	ByWeek  Period = "week"  // weeks start on Monday
	ByMonth Period = "month" // calendar months
	Total   Period = "total" // the whole range in one row per offer
)

// StatsQuery selects performance data: offers of the actor's group (all
// non-archived ones when OfferIDs is empty; at most MaxStatsOffers named), between two days of the
// board's time zone (From and To inclusive), grouped by Period.
type StatsQuery struct {
	OfferIDs []uuid.UUID `json:"offer_ids"`
	From     canada.Date `json:"from"`
	To       canada.Date `json:"to"`
	Period   Period      `json:"period"`
}

// StatsRow is one line of the performance table.
type StatsRow struct {
	OfferID uuid.UUID   `json:"offer_id"`
	Title   i18n.Text   `json:"title"`
	Start   canada.Date `json:"start"`
	Views   int64       `json:"views"`
	Clicks  int64       `json:"apply_clicks"`
	Shares  int64       `json:"shares"`
}

// Stats returns the performance table of the actor's group: views, Apply
// clicks and shares per offer and period. Archived offers have none: naming
// one is refused ("stats.unavailable"). Naming an offer of another group
// answers as a missing offer does (see Get). It needs group.ViewDashboard.
func (s *Service) Stats(ctx context.Context, a group.Actor, q StatsQuery) ([]StatsRow, error) {
	v := messages.Validator()
	v.Check(len(q.OfferIDs) > MaxStatsOffers, "offer_ids", "too_many", MaxStatsOffers)
	v.Check(!q.From.Valid(), "from", "date.invalid")
	v.Check(!q.To.Valid() || q.To.Before(q.From), "to", "date.invalid")
	switch q.Period {
	case ByDay, ByWeek, ByMonth, Total:
	default:
		v.Add("period", "period.unknown")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.canView(ctx, a); err != nil {
		return nil, err
	}
	offers, err := s.store.Offers(ctx, Query{GroupID: a.GroupID, Limit: 1 << 20})
	if err != nil {
		return nil, err
	}
	wanted := make(map[uuid.UUID]bool, len(q.OfferIDs))
	for _, id := range q.OfferIDs {
		wanted[id] = true
	}
	titles := map[uuid.UUID]i18n.Text{}
	var ids []uuid.UUID
	for _, o := range offers {
		if len(wanted) == 0 || wanted[o.ID] {
			titles[o.ID] = o.Content.Title
			ids = append(ids, o.ID)
		}
	}
	for _, id := range q.OfferIDs {
		if _, ok := titles[id]; !ok {
			// Another group's offer answers as a missing one; an archived
			// offer of the group has no data.
			if _, err := s.offer(ctx, member(a), id); err != nil {
				return nil, err
			}
			return nil, messages.Error(ErrForbidden, "stats.unavailable")
		}
	}
	if len(ids) == 0 {
		return []StatsRow{}, nil
	}
	loc := s.rules.Location
	counts, err := s.store.CountHits(ctx, ids, q.From.In(loc), q.To.AddDays(1).In(loc), loc)
	if err != nil {
		return nil, err
	}
	var rows []StatsRow
	index := map[[2]any]int{}
	for _, c := range counts {
		start := periodStart(c.Day, q)
		key := [2]any{c.OfferID, start}
		i, ok := index[key]
		if !ok {
			i = len(rows)
			index[key] = i
			rows = append(rows, StatsRow{OfferID: c.OfferID, Title: titles[c.OfferID], Start: start})
		}
		switch c.Metric {
		case Views:
			rows[i].Views += c.Count
		case ApplyClicks:
			rows[i].Clicks += c.Count
		case Shares:
			rows[i].Shares += c.Count
		}
	}
	return rows, nil
}

// periodStart returns the first day of d's period.
func periodStart(d canada.Date, q StatsQuery) canada.Date {
	switch q.Period {
	case ByWeek:
		return d.AddDays(-((int(d.Weekday()) + 6) % 7))
	case ByMonth:
		return canada.Date{Year: d.Year, Month: d.Month, Day: 1}
	case Total:
		return q.From
	}
	return d
}

// WriteStatsCSV writes rows as CSV with headers in lang: offer ID, title
// (in lang, French when no English), period start, views, Apply clicks,
// shares.
func WriteStatsCSV(w io.Writer, rows []StatsRow, lang i18n.Lang) error {
	header := []string{"offre", "titre", "début de la période", "vues", "clics sur Postuler", "partages"}
	if lang == i18n.English {
		header = []string{"offer", "title", "period start", "views", "apply clicks", "shares"}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.OfferID.String(), r.Title.In(lang), r.Start.String(),
			strconv.FormatInt(r.Views, 10), strconv.FormatInt(r.Clicks, 10), strconv.FormatInt(r.Shares, 10)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
