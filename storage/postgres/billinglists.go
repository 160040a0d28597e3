package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/page"
)

// Paged billing lists (billing.ListStore).

// LedgerEntriesPage returns the entries matching q after w.After, by at
// then seq (both descending with q.Descending), at most w.Limit (0: all),
// each with its Seq; q.Limit is ignored.
func (s *Store) LedgerEntriesPage(ctx context.Context, q billing.EntryQuery, w page.Window) ([]billing.Entry, error) {
	c := entryWhere(q)
	order, op := `at, seq`, `>`
	if q.Descending {
		order, op = `at DESC, seq DESC`, `<`
	}
	if !w.After.IsZero() {
		c.args = append(c.args, w.After.Time, w.After.Seq)
		n := len(c.args)
		c.conds = append(c.conds, `(at, seq) `+op+` ($`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::bigint)`)
	}
	return list(ctx, s, "ledger entries", `SELECT `+entryColumns+` FROM {s}babillard_credit_entries`, c, order, w.Limit, scanEntry)
}

// CreditLotsPage returns the lots matching q after w.After in drawing
// order (expires_at, NULL last, then created_at, then id), at most w.Limit
// (0: all); q.Limit is ignored.
func (s *Store) CreditLotsPage(ctx context.Context, q billing.LotQuery, w page.Window) ([]billing.Lot, error) {
	c := lotWhere(q)
	if k := w.After; !k.IsZero() {
		created := time.UnixMicro(k.Seq).UTC()
		if k.Time.Equal(billing.NoExpiryKey) {
			c.args = append(c.args, created, k.ID)
			n := len(c.args)
			c.conds = append(c.conds, `expires_at IS NULL AND (created_at, id) > ($`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::uuid)`)
		} else {
			c.args = append(c.args, k.Time, created, k.ID)
			n := len(c.args)
			c.conds = append(c.conds, `(expires_at IS NULL OR (expires_at, created_at, id) > ($`+strconv.Itoa(n-2)+`::timestamptz, $`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::uuid))`)
		}
	}
	return list(ctx, s, "credit lots", `SELECT `+lotColumns+` FROM {s}babillard_credit_lots`, c, `expires_at, created_at, id`, w.Limit, scanLot)
}

// CreditReservationsPage returns the reservations matching q after
// w.After, by reserved_at, product (byte-wise), then ref, at most w.Limit
// (0: all).
func (s *Store) CreditReservationsPage(ctx context.Context, q billing.ReservationQuery, w page.Window) ([]billing.Reservation, error) {
	c := reservationWhere(q)
	if k := w.After; !k.IsZero() {
		c.args = append(c.args, k.Time, k.Text, k.ID)
		n := len(c.args)
		c.conds = append(c.conds, `(reserved_at, product, ref) > ($`+strconv.Itoa(n-2)+`::timestamptz, $`+strconv.Itoa(n-1)+`::text COLLATE "C", $`+strconv.Itoa(n)+`::uuid)`)
	}
	return list(ctx, s, "credit reservations", `SELECT `+reservationColumns+` FROM {s}babillard_credit_reservations`, c, `reserved_at, product, ref`, w.Limit, scanReservation)
}
