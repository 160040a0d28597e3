package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/google/uuid"
)

// This file implements billing.Store.

// ledgerKey identifies a credit ledger: one per (group, product).
type ledgerKey struct {
	group   uuid.UUID
	product billing.Product
}

// purchaseKey identifies the lot a purchase reference granted for a
// product.
type purchaseKey struct {
	ref     string
	product billing.Product
}

// reservationKey identifies a reservation: one per (ref, product).
type reservationKey struct {
	ref     uuid.UUID
	product billing.Product
}

// entryRow is a stored ledger entry with its rank of appending.
type entryRow struct {
	e   billing.Entry
	seq uint64
}

func copyLot(l billing.Lot) billing.Lot {
	l.ExpiresAt = ts(l.ExpiresAt)
	l.CreatedAt = ts(l.CreatedAt)
	return l
}

func copyReservation(r billing.Reservation) billing.Reservation {
	r.ReservedAt = ts(r.ReservedAt)
	r.SettledAt = ts(r.SettledAt)
	return r
}

func copyEntry(e billing.Entry) billing.Entry {
	e.At = ts(e.At)
	return e
}

// Ledgers.

// LockCreditLedger returns the ledger of (groupID, product), creating it
// empty at version 1 if it does not exist; an unknown group is
// storage.ErrNotFound. Within a transaction the whole store is already
// locked exclusively, so the ledger is locked too until the transaction
// ends.
func (s *Store) LockCreditLedger(ctx context.Context, groupID uuid.UUID, product billing.Product) (billing.Ledger, error) {
	var out billing.Ledger
	key := ledgerKey{groupID, product}
	err := s.write(ctx, func(t *tx) error {
		if l, ok := s.creditLedgers.get(key); ok {
			out = l
			return nil
		}
		if _, ok := s.groups.get(groupID); !ok {
			return errNotFound("group", groupID)
		}
		out = billing.Ledger{GroupID: groupID, Product: product, Version: 1}
		s.creditLedgers.put(t, key, out)
		return nil
	})
	return out, err
}

// CreditLedgers returns a group's ledgers ordered by product (byte-wise),
// each with Due computed at now. It scans the ledgers and the lots.
func (s *Store) CreditLedgers(ctx context.Context, groupID uuid.UUID, now time.Time) ([]billing.Ledger, error) {
	now = ts(now)
	var out []billing.Ledger
	err := s.read(ctx, func() error {
		for k, l := range s.creditLedgers.all() {
			if k.group == groupID {
				out = append(out, l)
			}
		}
		for _, lot := range s.creditLots.all() {
			if lot.GroupID != groupID || lot.Remaining == 0 || !lot.Expired(now) {
				continue
			}
			for i := range out {
				if out[i].Product == lot.Product {
					out[i].Due += lot.Remaining
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b billing.Ledger) int { return strings.Compare(string(a.Product), string(b.Product)) })
	return nonNil(out), nil
}

// UpdateCreditLedger writes a ledger's counters if l.Version is the stored
// version, and increments l.Version; otherwise it is storage.ErrConflict. A
// ledger whose Check fails is refused (billing.ErrInconsistent). l.Due is
// ignored.
func (s *Store) UpdateCreditLedger(ctx context.Context, l *billing.Ledger) error {
	row := *l
	row.Due = 0
	if err := row.Check(); err != nil {
		return fmt.Errorf("memory: update credit ledger: %w", err)
	}
	key := ledgerKey{row.GroupID, row.Product}
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.creditLedgers.get(key)
		if !ok {
			return errNotFound("credit ledger", key)
		}
		if cur.Version != row.Version {
			return errConflict("credit ledger", key, row.Version, cur.Version)
		}
		row.Version++
		s.creditLedgers.put(t, key, row)
		return nil
	})
	if err == nil {
		l.Version = row.Version
	}
	return err
}

// Lots.

// CreateCreditLot stores a new lot with version 1 and sets l.Version. Its
// group must exist (storage.ErrNotFound); a taken ID, or a non-empty
// PurchaseRef already used for the product, is storage.ErrDuplicate; a lot
// whose Check fails is billing.ErrInconsistent.
func (s *Store) CreateCreditLot(ctx context.Context, l *billing.Lot) error {
	row := copyLot(*l)
	row.Version = 1
	if err := row.Check(); err != nil {
		return fmt.Errorf("memory: create credit lot: %w", err)
	}
	pk := purchaseKey{row.PurchaseRef, row.Product}
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.creditLots.get(row.ID); ok {
			return errDuplicate("credit lot", row.ID)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		if row.PurchaseRef != "" {
			if _, ok := s.lotByPurchase.get(pk); ok {
				return errDuplicate("credit lot purchase", pk)
			}
			s.lotByPurchase.put(t, pk, row.ID)
		}
		s.creditLots.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		l.Version = 1
	}
	return err
}

// CreditLot returns a lot by ID.
func (s *Store) CreditLot(ctx context.Context, id uuid.UUID) (billing.Lot, error) {
	var out billing.Lot
	err := s.read(ctx, func() error {
		l, ok := s.creditLots.get(id)
		if !ok {
			return errNotFound("credit lot", id)
		}
		out = copyLot(l)
		return nil
	})
	return out, err
}

// CreditLotByPurchase returns the lot of product granted for a purchase
// reference; an empty reference finds nothing.
func (s *Store) CreditLotByPurchase(ctx context.Context, purchaseRef string, product billing.Product) (billing.Lot, error) {
	var out billing.Lot
	pk := purchaseKey{purchaseRef, product}
	err := s.read(ctx, func() error {
		id, ok := s.lotByPurchase.get(pk)
		if !ok || purchaseRef == "" {
			return errNotFound("credit lot purchase", pk)
		}
		l, _ := s.creditLots.get(id)
		out = copyLot(l)
		return nil
	})
	return out, err
}

// UpdateCreditLot writes a lot's Remaining and Note if l.Version is the
// stored version, and increments l.Version; otherwise it is
// storage.ErrConflict. The other fields are kept as stored; a Remaining
// outside 0…Quantity is billing.ErrInconsistent.
func (s *Store) UpdateCreditLot(ctx context.Context, l *billing.Lot) error {
	in := *l
	var version int64
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.creditLots.get(in.ID)
		if !ok {
			return errNotFound("credit lot", in.ID)
		}
		if cur.Version != in.Version {
			return errConflict("credit lot", in.ID, in.Version, cur.Version)
		}
		cur.Remaining, cur.Note = in.Remaining, in.Note
		if err := cur.Check(); err != nil {
			return fmt.Errorf("memory: update credit lot: %w", err)
		}
		cur.Version++
		version = cur.Version
		s.creditLots.put(t, cur.ID, cur)
		return nil
	})
	if err == nil {
		l.Version = version
	}
	return err
}

// CreditLots returns the lots matching q in drawing order: expiry first
// (lots that never expire last), then creation time, then ID. It scans the
// lots.
func (s *Store) CreditLots(ctx context.Context, q billing.LotQuery) ([]billing.Lot, error) {
	usableAt, expiredAt := ts(q.UsableAt), ts(q.ExpiredAt)
	var out []billing.Lot
	err := s.read(ctx, func() error {
		for _, l := range s.creditLots.all() {
			switch {
			case q.GroupID != uuid.Nil && l.GroupID != q.GroupID,
				q.Product != "" && l.Product != q.Product,
				q.WithRemaining && l.Remaining == 0,
				!usableAt.IsZero() && l.Expired(usableAt),
				!expiredAt.IsZero() && !l.Expired(expiredAt):
				continue
			}
			out = append(out, copyLot(l))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, compareLots)
	if q.Limit > 0 {
		out = out[:min(len(out), q.Limit)]
	}
	return nonNil(out), nil
}

// compareLots orders lots for drawing: expiry (none last), creation time,
// ID.
func compareLots(a, b billing.Lot) int {
	switch {
	case a.ExpiresAt.IsZero() && !b.ExpiresAt.IsZero():
		return 1
	case !a.ExpiresAt.IsZero() && b.ExpiresAt.IsZero():
		return -1
	}
	return cmp.Or(a.ExpiresAt.Compare(b.ExpiresAt), compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID))
}

// Reservations.

// CreateCreditReservation stores a new reservation with version 1 and sets
// r.Version. Its group and lot must exist (storage.ErrNotFound); a taken
// (Ref, Product) is storage.ErrDuplicate; an unknown status
// billing.ErrInconsistent.
func (s *Store) CreateCreditReservation(ctx context.Context, r *billing.Reservation) error {
	row := copyReservation(*r)
	row.Version = 1
	if err := row.Check(); err != nil {
		return fmt.Errorf("memory: create credit reservation: %w", err)
	}
	key := reservationKey{row.Ref, row.Product}
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.creditReservations.get(key); ok {
			return errDuplicate("credit reservation", key)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		if _, ok := s.creditLots.get(row.LotID); !ok {
			return errNotFound("credit lot", row.LotID)
		}
		s.creditReservations.put(t, key, row)
		return nil
	})
	if err == nil {
		r.Version = 1
	}
	return err
}

// CreditReservation returns the reservation of (ref, product).
func (s *Store) CreditReservation(ctx context.Context, ref uuid.UUID, product billing.Product) (billing.Reservation, error) {
	var out billing.Reservation
	key := reservationKey{ref, product}
	err := s.read(ctx, func() error {
		r, ok := s.creditReservations.get(key)
		if !ok {
			return errNotFound("credit reservation", key)
		}
		out = copyReservation(r)
		return nil
	})
	return out, err
}

// UpdateCreditReservation writes a reservation's Status, LotID,
// ReservedBy, ReservedAt and Settled* fields if r.Version is the stored
// version, and increments r.Version; otherwise it is storage.ErrConflict.
// Its lot must exist (storage.ErrNotFound); GroupID is kept as stored.
func (s *Store) UpdateCreditReservation(ctx context.Context, r *billing.Reservation) error {
	in := copyReservation(*r)
	if err := in.Check(); err != nil {
		return fmt.Errorf("memory: update credit reservation: %w", err)
	}
	key := reservationKey{in.Ref, in.Product}
	var version int64
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.creditReservations.get(key)
		if !ok {
			return errNotFound("credit reservation", key)
		}
		if cur.Version != in.Version {
			return errConflict("credit reservation", key, in.Version, cur.Version)
		}
		if _, ok := s.creditLots.get(in.LotID); !ok {
			return errNotFound("credit lot", in.LotID)
		}
		in.GroupID = cur.GroupID
		in.Version++
		version = in.Version
		s.creditReservations.put(t, key, in)
		return nil
	})
	if err == nil {
		r.Version = version
	}
	return err
}

// CreditReservations returns the reservations matching q ordered by
// ReservedAt, then Ref, then Product. It scans the reservations.
func (s *Store) CreditReservations(ctx context.Context, q billing.ReservationQuery) ([]billing.Reservation, error) {
	var out []billing.Reservation
	err := s.read(ctx, func() error {
		for _, r := range s.creditReservations.all() {
			switch {
			case q.GroupID != uuid.Nil && r.GroupID != q.GroupID,
				q.Ref != uuid.Nil && r.Ref != q.Ref,
				q.Product != "" && r.Product != q.Product,
				q.Status != "" && r.Status != q.Status:
				continue
			}
			out = append(out, copyReservation(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b billing.Reservation) int {
		return cmp.Or(compareTimeID(a.ReservedAt, b.ReservedAt, a.Ref, b.Ref), strings.Compare(string(a.Product), string(b.Product)))
	})
	return nonNil(out), nil
}

// Entries.

// AppendLedgerEntries records entries, all or none: an ID already recorded
// or given twice is storage.ErrDuplicate, an unknown group
// storage.ErrNotFound, an entry whose Check fails billing.ErrInconsistent.
func (s *Store) AppendLedgerEntries(ctx context.Context, entries ...billing.Entry) error {
	rows := make([]billing.Entry, len(entries))
	for i, e := range entries {
		if err := e.Check(); err != nil {
			return fmt.Errorf("memory: append ledger entries: %w", err)
		}
		rows[i] = copyEntry(e)
	}
	return s.write(ctx, func(t *tx) error {
		for _, e := range rows {
			if _, ok := s.ledgerEntries.get(e.ID); ok {
				return errDuplicate("ledger entry", e.ID)
			}
			if _, ok := s.groups.get(e.GroupID); !ok {
				return errNotFound("group", e.GroupID)
			}
			s.entrySeq++
			s.ledgerEntries.put(t, e.ID, entryRow{e: e, seq: s.entrySeq})
		}
		return nil
	})
}

// LedgerEntries returns the entries matching q ordered by At, then in the
// order they were appended (the reverse with q.Descending), at most
// q.Limit when it is positive. It scans the entries.
func (s *Store) LedgerEntries(ctx context.Context, q billing.EntryQuery) ([]billing.Entry, error) {
	since, until := ts(q.Since), ts(q.Until)
	var rows []entryRow
	err := s.read(ctx, func() error {
		for _, r := range s.ledgerEntries.all() {
			e := r.e
			switch {
			case q.GroupID != uuid.Nil && e.GroupID != q.GroupID,
				q.Product != "" && e.Product != q.Product,
				q.Kind != "" && e.Kind != q.Kind,
				q.Ref != uuid.Nil && e.Ref != q.Ref,
				!since.IsZero() && e.At.Before(since),
				!until.IsZero() && !e.At.Before(until):
				continue
			}
			rows = append(rows, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b entryRow) int {
		c := cmp.Or(a.e.At.Compare(b.e.At), cmp.Compare(a.seq, b.seq))
		if q.Descending {
			return -c
		}
		return c
	})
	if q.Limit > 0 {
		rows = rows[:min(len(rows), q.Limit)]
	}
	out := make([]billing.Entry, len(rows))
	for i, r := range rows {
		out[i] = copyEntry(r.e)
		out[i].Seq = int64(r.seq)
	}
	return out, nil
}
