package postgres

import (
	"context"
	"strconv"

	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Paged offer lists (offer.ListStore).

// historyColumns are the columns scanHistory reads.
const historyColumns = `offer_id, at, action, from_status, to_status, by_id, role, note, seq`

// scanHistory reads a history entry selected with historyColumns.
func scanHistory(row pgx.Row) (offer.HistoryEntry, error) {
	var e offer.HistoryEntry
	err := row.Scan(&e.OfferID, scanTime(&e.At), &e.Action, &e.From, &e.To, scanID(&e.By), &e.Role, &e.Note, &e.Seq)
	return e, err
}

// OffersPage returns the offers matching q after w.After, at most w.Limit
// (0: all): newest first (created_at, id descending), or with
// q.ByValidationDue by validation_due (NULL, the zero time, first) then id;
// q.Limit is ignored.
func (s *Store) OffersPage(ctx context.Context, q offer.Query, w page.Window) ([]offer.Offer, error) {
	c := offerWhere(q)
	order := `created_at DESC, id DESC`
	if !w.After.IsZero() {
		k := w.After
		switch {
		case !q.ByValidationDue:
			c.args = append(c.args, k.Time, k.ID)
			n := len(c.args)
			c.conds = append(c.conds, `(created_at, id) < ($`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::uuid)`)
		case k.Time.IsZero():
			c.add(`(validation_due IS NOT NULL OR id > ?::uuid)`, k.ID)
		default:
			c.afterTime(`validation_due`, `id`, k)
		}
	}
	if q.ByValidationDue {
		order = `validation_due NULLS FIRST, id`
	}
	return list(ctx, s, "offers", `SELECT `+offerColumns+` FROM {s}babillard_offers`, c, order, w.Limit, scanOffer)
}

// HistoryPage returns an offer's entries after w.After, oldest first (at,
// then seq), at most w.Limit (0: all), each with its Seq.
func (s *Store) HistoryPage(ctx context.Context, offerID uuid.UUID, w page.Window) ([]offer.HistoryEntry, error) {
	var c where
	c.add(`offer_id = ?`, offerID)
	if !w.After.IsZero() {
		c.args = append(c.args, w.After.Time, w.After.Seq)
		n := len(c.args)
		c.conds = append(c.conds, `(at, seq) > ($`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::bigint)`)
	}
	return list(ctx, s, "offer history", `SELECT `+historyColumns+` FROM {s}babillard_offer_history`, c, `at, seq`, w.Limit, scanHistory)
}
