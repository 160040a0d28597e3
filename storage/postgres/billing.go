package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// This file implements billing.Store (tables of migration 0003).

var _ billing.Store = (*Store)(nil)

const ledgerColumns = `group_id, product, granted, transferred_in, available, reserved, consumed, expired, transferred_out, version`

func ledgerTargets(l *billing.Ledger) []any {
	return []any{&l.GroupID, &l.Product, &l.Granted, &l.TransferredIn, &l.Available, &l.Reserved, &l.Consumed,
		&l.Expired, &l.TransferredOut, &l.Version}
}

func ledgerKey(groupID uuid.UUID, product billing.Product) string {
	return fmt.Sprintf("(group %s, product %s)", groupID, product)
}

// LockCreditLedger returns the ledger of (groupID, product) and locks its
// row (SELECT … FOR UPDATE) until the transaction ctx carries ends, so that
// a concurrent LockCreditLedger of the same ledger waits. A missing ledger
// is first inserted, empty at version 1 (ON CONFLICT DO NOTHING: of two
// transactions inserting it at once, the second waits for the first and
// then locks the row it wrote); an unknown group is storage.ErrNotFound.
// Without a transaction, the lock ends with the query.
func (s *Store) LockCreditLedger(ctx context.Context, groupID uuid.UUID, product billing.Product) (billing.Ledger, error) {
	lock := s.sql(`SELECT ` + ledgerColumns + ` FROM {s}babillard_credit_ledgers
		WHERE group_id = $1 AND product = $2 FOR UPDATE`)
	var l billing.Ledger
	err := s.db(ctx).QueryRow(ctx, lock, groupID, string(product)).Scan(ledgerTargets(&l)...)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_credit_ledgers (group_id, product, version)
			SELECT $1::uuid, $2::text, 1
			WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $1::uuid)
			ON CONFLICT DO NOTHING`), groupID, string(product))
		if err != nil {
			return billing.Ledger{}, mapErr("lock credit ledger "+ledgerKey(groupID, product), err)
		}
		err = s.db(ctx).QueryRow(ctx, lock, groupID, string(product)).Scan(ledgerTargets(&l)...)
	}
	if err != nil {
		return billing.Ledger{}, mapErr("lock credit ledger "+ledgerKey(groupID, product), err)
	}
	return l, nil
}

// CreditLedgers returns a group's ledgers ordered by product, each with Due
// computed at now, in one statement (one snapshot).
func (s *Store) CreditLedgers(ctx context.Context, groupID uuid.UUID, now time.Time) ([]billing.Ledger, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+ledgerColumns+`,
		coalesce((SELECT sum(o.remaining) FROM {s}babillard_credit_lots o
			WHERE o.group_id = l.group_id AND o.product = l.product AND o.remaining > 0 AND o.expires_at <= $2), 0)
		FROM {s}babillard_credit_ledgers l WHERE group_id = $1 ORDER BY product`), groupID, now)
	if err != nil {
		return nil, mapErr("credit ledgers", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Ledger, error) {
		var l billing.Ledger
		err := row.Scan(append(ledgerTargets(&l), &l.Due)...)
		return l, err
	})
	if err != nil {
		return nil, mapErr("credit ledgers", err)
	}
	return out, nil
}

// UpdateCreditLedger writes a ledger's counters if l.Version is the stored
// version, stores version+1 and increments l.Version; a stale version is
// storage.ErrConflict, a missing ledger storage.ErrNotFound, a ledger whose
// Check fails billing.ErrInconsistent (and the table's CHECK constraints
// refuse it too). l.Due is ignored.
func (s *Store) UpdateCreditLedger(ctx context.Context, l *billing.Ledger) error {
	c := *l
	c.Due = 0
	if err := c.Check(); err != nil {
		return fmt.Errorf("postgres: update credit ledger: %w", err)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_credit_ledgers SET
		granted = $4, transferred_in = $5, available = $6, reserved = $7, consumed = $8, expired = $9,
		transferred_out = $10, version = version + 1
		WHERE group_id = $1 AND product = $2 AND version = $3`),
		l.GroupID, string(l.Product), l.Version, l.Granted, l.TransferredIn, l.Available, l.Reserved, l.Consumed,
		l.Expired, l.TransferredOut)
	if err != nil {
		return mapErr("update credit ledger", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "credit ledger", ledgerKey(l.GroupID, l.Product), l.Version, nil,
			`SELECT version FROM {s}babillard_credit_ledgers WHERE group_id = $1 AND product = $2`, l.GroupID, string(l.Product))
	}
	l.Version++
	return nil
}

const lotColumns = `id, group_id, product, quantity, remaining, source, purchase_ref, from_group, granted_by, note,
	expires_at, created_at, version`

func scanLot(row pgx.Row) (billing.Lot, error) {
	var l billing.Lot
	err := row.Scan(&l.ID, &l.GroupID, &l.Product, &l.Quantity, &l.Remaining, &l.Source, &l.PurchaseRef,
		scanID(&l.FromGroup), scanID(&l.GrantedBy), &l.Note, scanTime(&l.ExpiresAt), scanTime(&l.CreatedAt), &l.Version)
	return l, err
}

// CreateCreditLot stores a new lot with version 1 (setting l.Version); a
// missing group is storage.ErrNotFound, a taken ID or (PurchaseRef,
// Product) storage.ErrDuplicate, a lot whose Check fails
// billing.ErrInconsistent.
func (s *Store) CreateCreditLot(ctx context.Context, l *billing.Lot) error {
	if err := l.Check(); err != nil {
		return fmt.Errorf("postgres: create credit lot: %w", err)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_credit_lots
		(id, group_id, product, quantity, remaining, source, purchase_ref, from_group, granted_by, note,
		 expires_at, created_at, version)
		SELECT $1::uuid, $2::uuid, $3::text, $4::integer, $5::integer, $6::text, $7::text, $8::uuid, $9::uuid, $10::text,
		       $11::timestamptz, $12::timestamptz, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`),
		l.ID, l.GroupID, string(l.Product), l.Quantity, l.Remaining, string(l.Source), l.PurchaseRef, nullID(l.FromGroup),
		nullID(l.GrantedBy), l.Note, nullTime(l.ExpiresAt), l.CreatedAt)
	if err != nil {
		return mapErr("create credit lot", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "credit lot", l.ID, ref{"group", `babillard_groups WHERE id = $1`, l.GroupID})
	}
	l.Version = 1
	return nil
}

// CreditLot returns a lot by ID.
func (s *Store) CreditLot(ctx context.Context, id uuid.UUID) (billing.Lot, error) {
	return queryOne(ctx, s, scanLot, "credit lot "+id.String(), `SELECT `+lotColumns+` FROM {s}babillard_credit_lots WHERE id = $1`, id)
}

// CreditLotByPurchase returns the lot of product granted for a purchase
// reference; an empty reference finds nothing.
func (s *Store) CreditLotByPurchase(ctx context.Context, purchaseRef string, product billing.Product) (billing.Lot, error) {
	return queryOne(ctx, s, scanLot, fmt.Sprintf("credit lot of purchase %q, product %s", purchaseRef, product), `SELECT `+lotColumns+` FROM {s}babillard_credit_lots
		WHERE purchase_ref = $1 AND product = $2 AND purchase_ref <> ''`, purchaseRef, string(product))
}

// UpdateCreditLot writes a lot's Remaining and Note if l.Version is the
// stored version, stores version+1 and increments l.Version; a stale
// version is storage.ErrConflict, a missing lot storage.ErrNotFound, a
// Remaining outside 0…Quantity billing.ErrInconsistent.
func (s *Store) UpdateCreditLot(ctx context.Context, l *billing.Lot) error {
	if l.Remaining < 0 {
		return fmt.Errorf("postgres: update credit lot %s: remaining %d: %w", l.ID, l.Remaining, billing.ErrInconsistent)
	}
	// The quantity guard turns a remainder above the stored quantity into
	// "no row" rather than a CHECK violation that would abort the caller's
	// transaction.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_credit_lots SET
		remaining = $3, note = $4, version = version + 1
		WHERE id = $1 AND version = $2 AND $3 <= quantity`),
		l.ID, l.Version, l.Remaining, l.Note)
	if err != nil {
		return mapErr("update credit lot", err)
	}
	if tag.RowsAffected() == 0 {
		var version int64
		var quantity int
		err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT version, quantity FROM {s}babillard_credit_lots WHERE id = $1`), l.ID).
			Scan(&version, &quantity)
		switch {
		case err != nil:
			return mapErr("update credit lot "+l.ID.String(), err)
		case version != l.Version:
			return fmt.Errorf("postgres: update credit lot %s: version %d, stored %d: %w", l.ID, l.Version, version, storage.ErrConflict)
		case l.Remaining > quantity:
			return fmt.Errorf("postgres: update credit lot %s: remaining %d of %d: %w", l.ID, l.Remaining, quantity, billing.ErrInconsistent)
		}
		return fmt.Errorf("postgres: update credit lot %s: %w", l.ID, storage.ErrConflict)
	}
	l.Version++
	return nil
}

// CreditLots returns the lots matching q in drawing order: expiry first
// (NULL, never, last), then creation time, then ID.
func (s *Store) CreditLots(ctx context.Context, q billing.LotQuery) ([]billing.Lot, error) {
	w := lotWhere(q)
	query := `SELECT ` + lotColumns + ` FROM {s}babillard_credit_lots` + w.clause() + ` ORDER BY expires_at, created_at, id`
	if q.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, q.Limit)
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(query), w.args...)
	if err != nil {
		return nil, mapErr("credit lots", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Lot, error) { return scanLot(row) })
	if err != nil {
		return nil, mapErr("credit lots", err)
	}
	return out, nil
}

// lotWhere returns the conditions of a lot query.
func lotWhere(q billing.LotQuery) where {
	var w where
	if q.GroupID != uuid.Nil {
		w.add(`group_id = ?`, q.GroupID)
	}
	if q.Product != "" {
		w.add(`product = ?`, string(q.Product))
	}
	if q.WithRemaining {
		w.conds = append(w.conds, `remaining > 0`)
	}
	if !q.UsableAt.IsZero() {
		w.add(`(expires_at IS NULL OR expires_at > ?)`, q.UsableAt)
	}
	if !q.ExpiredAt.IsZero() {
		w.add(`expires_at <= ?`, q.ExpiredAt)
	}
	return w
}

const reservationColumns = `ref, product, group_id, status, lot_id, reserved_by, reserved_at, settled_by,
	settled_by_moderator, settled_at, version`

func scanReservation(row pgx.Row) (billing.Reservation, error) {
	var r billing.Reservation
	err := row.Scan(&r.Ref, &r.Product, &r.GroupID, &r.Status, &r.LotID, scanID(&r.ReservedBy), scanTime(&r.ReservedAt),
		scanID(&r.SettledBy), &r.SettledByModerator, scanTime(&r.SettledAt), &r.Version)
	return r, err
}

func reservationKey(ref uuid.UUID, product billing.Product) string {
	return fmt.Sprintf("(ref %s, product %s)", ref, product)
}

// CreateCreditReservation stores a new reservation with version 1 (setting
// r.Version); a missing group or lot is storage.ErrNotFound, a taken (Ref,
// Product) storage.ErrDuplicate, an unknown status billing.ErrInconsistent.
func (s *Store) CreateCreditReservation(ctx context.Context, r *billing.Reservation) error {
	if err := r.Check(); err != nil {
		return fmt.Errorf("postgres: create credit reservation: %w", err)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_credit_reservations
		(ref, product, group_id, status, lot_id, reserved_by, reserved_at, settled_by, settled_by_moderator, settled_at, version)
		SELECT $1::uuid, $2::text, $3::uuid, $4::text, $5::uuid, $6::uuid, $7::timestamptz, $8::uuid, $9::boolean,
		       $10::timestamptz, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $3::uuid)
		AND EXISTS (SELECT 1 FROM {s}babillard_credit_lots WHERE id = $5::uuid)
		ON CONFLICT DO NOTHING`),
		r.Ref, string(r.Product), r.GroupID, string(r.Status), r.LotID, nullID(r.ReservedBy), r.ReservedAt,
		nullID(r.SettledBy), r.SettledByModerator, nullTime(r.SettledAt))
	if err != nil {
		return mapErr("create credit reservation", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "credit reservation", reservationKey(r.Ref, r.Product),
			ref{"group", `babillard_groups WHERE id = $1`, r.GroupID},
			ref{"credit lot", `babillard_credit_lots WHERE id = $1`, r.LotID})
	}
	r.Version = 1
	return nil
}

// CreditReservation returns the reservation of (ref, product).
func (s *Store) CreditReservation(ctx context.Context, ref uuid.UUID, product billing.Product) (billing.Reservation, error) {
	return queryOne(ctx, s, scanReservation, "credit reservation "+reservationKey(ref, product), `SELECT `+reservationColumns+`
		FROM {s}babillard_credit_reservations WHERE ref = $1 AND product = $2`, ref, string(product))
}

// UpdateCreditReservation writes a reservation's Status, LotID,
// ReservedBy, ReservedAt and Settled* fields if r.Version is the stored
// version, stores version+1 and increments r.Version; a stale version is
// storage.ErrConflict, a missing reservation or lot storage.ErrNotFound.
// GroupID is kept as stored.
func (s *Store) UpdateCreditReservation(ctx context.Context, r *billing.Reservation) error {
	if err := r.Check(); err != nil {
		return fmt.Errorf("postgres: update credit reservation: %w", err)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_credit_reservations SET
		status = $4, lot_id = $5, reserved_by = $6, reserved_at = $7, settled_by = $8, settled_by_moderator = $9,
		settled_at = $10, version = version + 1
		WHERE ref = $1 AND product = $2 AND version = $3
		AND EXISTS (SELECT 1 FROM {s}babillard_credit_lots WHERE id = $5)`),
		r.Ref, string(r.Product), r.Version, string(r.Status), r.LotID, nullID(r.ReservedBy), r.ReservedAt,
		nullID(r.SettledBy), r.SettledByModerator, nullTime(r.SettledAt))
	if err != nil {
		return mapErr("update credit reservation", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "credit reservation", reservationKey(r.Ref, r.Product), r.Version,
			[]ref{{"credit lot", `babillard_credit_lots WHERE id = $1`, r.LotID}},
			`SELECT version FROM {s}babillard_credit_reservations WHERE ref = $1 AND product = $2`, r.Ref, string(r.Product))
	}
	r.Version++
	return nil
}

// CreditReservations returns the reservations matching q ordered by
// ReservedAt, then Ref, then Product.
func (s *Store) CreditReservations(ctx context.Context, q billing.ReservationQuery) ([]billing.Reservation, error) {
	w := reservationWhere(q)
	query := `SELECT ` + reservationColumns + ` FROM {s}babillard_credit_reservations` + w.clause() +
		` ORDER BY reserved_at, ref, product`
	rows, err := s.db(ctx).Query(ctx, s.sql(query), w.args...)
	if err != nil {
		return nil, mapErr("credit reservations", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Reservation, error) { return scanReservation(row) })
	if err != nil {
		return nil, mapErr("credit reservations", err)
	}
	return out, nil
}

// reservationWhere returns the conditions of a reservation query.
func reservationWhere(q billing.ReservationQuery) where {
	var w where
	if q.GroupID != uuid.Nil {
		w.add(`group_id = ?`, q.GroupID)
	}
	if q.Ref != uuid.Nil {
		w.add(`ref = ?`, q.Ref)
	}
	if q.Product != "" {
		w.add(`product = ?`, string(q.Product))
	}
	if q.Status != "" {
		w.add(`status = ?`, string(q.Status))
	}
	return w
}

// AppendLedgerEntries records entries in the order given (ties on At are
// listed in that order), all or none, in one statement: an ID already
// recorded or given twice is storage.ErrDuplicate, an unknown group
// storage.ErrNotFound, an entry whose Check fails billing.ErrInconsistent.
func (s *Store) AppendLedgerEntries(ctx context.Context, entries ...billing.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	n := len(entries)
	ids := make([]uuid.UUID, n)
	groups := make([]uuid.UUID, n)
	products := make([]string, n)
	kinds := make([]string, n)
	quantities := make([]int, n)
	lots := make([]*uuid.UUID, n)
	refs := make([]*uuid.UUID, n)
	purchases := make([]string, n)
	counterparts := make([]*uuid.UUID, n)
	bys := make([]*uuid.UUID, n)
	byModerator := make([]bool, n)
	at := make([]time.Time, n)
	for i, e := range entries {
		if err := e.Check(); err != nil {
			return fmt.Errorf("postgres: append ledger entries: %w", err)
		}
		if slices.Contains(ids[:i], e.ID) {
			return fmt.Errorf("postgres: append ledger entries: entry %s given twice: %w", e.ID, storage.ErrDuplicate)
		}
		ids[i], groups[i], products[i], kinds[i] = e.ID, e.GroupID, string(e.Product), string(e.Kind)
		quantities[i], purchases[i], byModerator[i], at[i] = e.Quantity, e.PurchaseRef, e.ByModerator, e.At
		lots[i], refs[i], counterparts[i], bys[i] = nullable(e.LotID), nullable(e.Ref), nullable(e.Counterpart), nullable(e.By)
	}
	// The guards turn a taken ID and a missing group into "no row" rather
	// than errors that would abort the caller's transaction. ORDER BY ord
	// makes seq follow the order given.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_credit_entries
		(id, group_id, product, kind, quantity, lot_id, ref, purchase_ref, counterpart, by_id, by_moderator, at)
		SELECT e.id, e.group_id, e.product, e.kind, e.quantity, e.lot_id, e.ref, e.purchase_ref, e.counterpart, e.by_id,
		       e.by_moderator, e.at
		FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::integer[], $6::uuid[], $7::uuid[], $8::text[],
		            $9::uuid[], $10::uuid[], $11::boolean[], $12::timestamptz[])
		     WITH ORDINALITY AS e (id, group_id, product, kind, quantity, lot_id, ref, purchase_ref, counterpart, by_id,
		                           by_moderator, at, ord)
		WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_credit_entries o WHERE o.id = ANY ($1::uuid[]))
		AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[]) AS g (id)
		                WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = g.id))
		ORDER BY e.ord`),
		ids, groups, products, kinds, quantities, lots, refs, purchases, counterparts, bys, byModerator, at)
	if err != nil {
		return mapErr("append ledger entries", err)
	}
	if tag.RowsAffected() == 0 {
		var taken bool
		if err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT EXISTS (SELECT 1 FROM {s}babillard_credit_entries WHERE id = ANY ($1::uuid[]))`),
			ids).Scan(&taken); err != nil {
			return mapErr("append ledger entries", err)
		}
		if taken {
			return fmt.Errorf("postgres: append ledger entries: an entry ID is taken: %w", storage.ErrDuplicate)
		}
		return fmt.Errorf("postgres: append ledger entries: unknown group: %w", storage.ErrNotFound)
	}
	return nil
}

// nullable is id as an element of a uuid[] argument: nil for uuid.Nil.
func nullable(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}

const entryColumns = `id, group_id, product, kind, quantity, lot_id, ref, purchase_ref, counterpart, by_id, by_moderator, at, seq`

// LedgerEntries returns the entries matching q ordered by At, then in the
// order they were appended (the reverse with q.Descending).
func (s *Store) LedgerEntries(ctx context.Context, q billing.EntryQuery) ([]billing.Entry, error) {
	w := entryWhere(q)
	order := ` ORDER BY at, seq`
	if q.Descending {
		order = ` ORDER BY at DESC, seq DESC`
	}
	query := `SELECT ` + entryColumns + ` FROM {s}babillard_credit_entries` + w.clause() + order
	if q.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, q.Limit)
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(query), w.args...)
	if err != nil {
		return nil, mapErr("ledger entries", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (billing.Entry, error) { return scanEntry(row) })
	if err != nil {
		return nil, mapErr("ledger entries", err)
	}
	return out, nil
}

// scanEntry reads a ledger entry selected with entryColumns.
func scanEntry(row pgx.Row) (billing.Entry, error) {
	var e billing.Entry
	err := row.Scan(&e.ID, &e.GroupID, &e.Product, &e.Kind, &e.Quantity, scanID(&e.LotID), scanID(&e.Ref), &e.PurchaseRef,
		scanID(&e.Counterpart), scanID(&e.By), &e.ByModerator, scanTime(&e.At), &e.Seq)
	return e, err
}

// entryWhere returns the conditions of a ledger entry query.
func entryWhere(q billing.EntryQuery) where {
	var w where
	if q.GroupID != uuid.Nil {
		w.add(`group_id = ?`, q.GroupID)
	}
	if q.Product != "" {
		w.add(`product = ?`, string(q.Product))
	}
	if q.Kind != "" {
		w.add(`kind = ?`, string(q.Kind))
	}
	if q.Ref != uuid.Nil {
		w.add(`ref = ?`, q.Ref)
	}
	if !q.Since.IsZero() {
		w.add(`at >= ?`, q.Since)
	}
	if !q.Until.IsZero() {
		w.add(`at < ?`, q.Until)
	}
	return w
}
