package storagetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// The conformance of billing.Store: credit ledgers, lots, reservations and
// ledger entries.

func (f *fixture) newLot(groupID uuid.UUID, mods ...func(*billing.Lot)) billing.Lot {
	n := f.next()
	l := billing.Lot{
		ID:          uuid.New(),
		GroupID:     groupID,
		Product:     billing.EngineerPosting,
		Quantity:    10,
		Remaining:   7,
		Source:      billing.SourcePurchase,
		PurchaseRef: fmt.Sprintf("CMD-2026-%05d", n),
		FromGroup:   uuid.New(),
		GrantedBy:   uuid.New(),
		Note:        fmt.Sprintf("Forfait de 10 offres n° %d", n),
		ExpiresAt:   at(n + 365*24*60),
		CreatedAt:   at(n),
	}
	for _, m := range mods {
		m(&l)
	}
	return l
}

func (f *fixture) lot(groupID uuid.UUID, mods ...func(*billing.Lot)) billing.Lot {
	f.t.Helper()
	l := f.newLot(groupID, mods...)
	f.must(f.s.CreateCreditLot(f.ctx, &l), "CreateCreditLot")
	return l
}

func (f *fixture) newReservation(groupID, lotID uuid.UUID, mods ...func(*billing.Reservation)) billing.Reservation {
	n := f.next()
	r := billing.Reservation{
		Ref:                uuid.New(),
		Product:            billing.EngineerPosting,
		GroupID:            groupID,
		Status:             billing.Consumed,
		LotID:              lotID,
		ReservedBy:         uuid.New(),
		ReservedAt:         at(n),
		SettledBy:          uuid.New(),
		SettledByModerator: true,
		SettledAt:          at(n + 60),
	}
	for _, m := range mods {
		m(&r)
	}
	return r
}

func (f *fixture) reservation(groupID, lotID uuid.UUID, mods ...func(*billing.Reservation)) billing.Reservation {
	f.t.Helper()
	r := f.newReservation(groupID, lotID, mods...)
	f.must(f.s.CreateCreditReservation(f.ctx, &r), "CreateCreditReservation")
	return r
}

func (f *fixture) newEntry(groupID uuid.UUID, mods ...func(*billing.Entry)) billing.Entry {
	n := f.next()
	e := billing.Entry{
		ID:          uuid.New(),
		GroupID:     groupID,
		Product:     billing.EngineerPosting,
		Kind:        billing.KindGrant,
		Quantity:    n%5 + 1,
		LotID:       uuid.New(),
		Ref:         uuid.New(),
		PurchaseRef: fmt.Sprintf("CMD-2026-%05d", n),
		Counterpart: uuid.New(),
		By:          uuid.New(),
		ByModerator: n%2 == 0,
		At:          at(n),
	}
	for _, m := range mods {
		m(&e)
	}
	return e
}

// balanced returns l with counters that balance: 20 granted, 5 in, of
// which 9 available, 6 reserved, 4 consumed, 3 expired, 3 out.
func balanced(l billing.Ledger) billing.Ledger {
	l.Granted, l.TransferredIn = 20, 5
	l.Available, l.Reserved, l.Consumed, l.Expired, l.TransferredOut = 9, 6, 4, 3, 3
	return l
}

func lotID(l billing.Lot) uuid.UUID                  { return l.ID }
func entryID(e billing.Entry) uuid.UUID              { return e.ID }
func reservationRef(r billing.Reservation) uuid.UUID { return r.Ref }

// ledgerOf returns the group's ledger of product as CreditLedgers lists it
// at now, failing the test when it is missing.
func (f *fixture) ledgerOf(groupID uuid.UUID, product billing.Product, now time.Time) billing.Ledger {
	f.t.Helper()
	list, err := f.s.CreditLedgers(f.ctx, groupID, now)
	f.must(err, "CreditLedgers")
	for _, l := range list {
		if l.Product == product {
			return l
		}
	}
	f.t.Fatalf("CreditLedgers of group %s has no ledger of %s: %+v", groupID, product, list)
	return billing.Ledger{}
}

func (su *suite) testCreditLedger(t *testing.T) {
	t.Run("LockCreates", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		want := billing.Ledger{GroupID: g.ID, Product: billing.Featured, Version: 1}
		got, err := f.s.LockCreditLedger(f.ctx, g.ID, billing.Featured)
		f.must(err, "LockCreditLedger of a new ledger")
		wantEqual(t, "new ledger", got, want)
		got, err = f.s.LockCreditLedger(f.ctx, g.ID, billing.Featured)
		f.must(err, "LockCreditLedger of an existing ledger")
		wantEqual(t, "existing ledger", got, want)
		list, err := f.s.CreditLedgers(f.ctx, g.ID, at(0))
		f.must(err, "CreditLedgers")
		wantEqual(t, "CreditLedgers after LockCreditLedger", list, []billing.Ledger{want})
		_, err = f.s.LockCreditLedger(f.ctx, uuid.New(), billing.Featured)
		wantErr(t, "LockCreditLedger of an unknown group", err, storage.ErrNotFound)
		list, err = f.s.CreditLedgers(f.ctx, uuid.New(), at(0))
		if err != nil || len(list) != 0 {
			t.Errorf("CreditLedgers of an unknown group = %v, %v; want nothing, nil", list, err)
		}
	})
	t.Run("LockInTransaction", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			if _, err := f.s.LockCreditLedger(ctx, g.ID, billing.Extension); err != nil {
				return err
			}
			if _, err := f.s.LockCreditLedger(ctx, g.ID, billing.Extension); err != nil {
				return fmt.Errorf("locking a ledger twice in one transaction: %w", err)
			}
			_, err := f.s.LockCreditLedger(ctx, uuid.New(), billing.Extension)
			wantErr(t, "LockCreditLedger of an unknown group in a transaction", err, storage.ErrNotFound)
			// The transaction is still usable.
			_, err = f.s.LockCreditLedger(ctx, g.ID, billing.CPIPosting)
			return err
		})
		f.must(err, "Atomic")
		list, err := f.s.CreditLedgers(f.ctx, g.ID, at(0))
		f.must(err, "CreditLedgers")
		wantEqual(t, "ledgers locked in a committed transaction (by product)", list, []billing.Ledger{
			{GroupID: g.ID, Product: billing.CPIPosting, Version: 1},
			{GroupID: g.ID, Product: billing.Extension, Version: 1},
		})
		boom := errors.New("boom")
		err = f.s.Atomic(f.ctx, func(ctx context.Context) error {
			if _, err := f.s.LockCreditLedger(ctx, g.ID, billing.Featured); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		list, err = f.s.CreditLedgers(f.ctx, g.ID, at(0))
		f.must(err, "CreditLedgers")
		if len(list) != 2 {
			t.Errorf("a ledger created in a rolled-back transaction remains: %+v", list)
		}
	})
	t.Run("Update", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l, err := f.s.LockCreditLedger(f.ctx, g.ID, billing.EngineerPosting)
		f.must(err, "LockCreditLedger")
		l = balanced(l)
		f.must(f.s.UpdateCreditLedger(f.ctx, &l), "UpdateCreditLedger")
		if l.Version != 2 {
			t.Errorf("after an update, the argument's Version = %d, want 2", l.Version)
		}
		wantEqual(t, "ledger after update", f.ledgerOf(g.ID, billing.EngineerPosting, at(0)), l)
		got, err := f.s.LockCreditLedger(f.ctx, g.ID, billing.EngineerPosting)
		f.must(err, "LockCreditLedger")
		wantEqual(t, "LockCreditLedger after update", got, l)

		stale := l
		stale.Version = 1
		stale.Consumed, stale.Reserved = 5, 5
		wantErr(t, "UpdateCreditLedger with a stale version", f.s.UpdateCreditLedger(f.ctx, &stale), storage.ErrConflict)
		if stale.Version != 1 {
			t.Errorf("after a stale update, the argument's Version = %d, want 1", stale.Version)
		}
		wantEqual(t, "ledger after a stale update", f.ledgerOf(g.ID, billing.EngineerPosting, at(0)), l)

		// Due is computed, never stored.
		due := l
		due.Due = 5
		f.must(f.s.UpdateCreditLedger(f.ctx, &due), "UpdateCreditLedger with Due set")
		if got := f.ledgerOf(g.ID, billing.EngineerPosting, at(0)); got.Due != 0 || got.Version != 3 {
			t.Errorf("ledger after an update with Due = 5: Due %d, Version %d; want 0, 3", got.Due, got.Version)
		}

		missing := balanced(billing.Ledger{GroupID: g.ID, Product: billing.Featured, Version: 1})
		wantErr(t, "UpdateCreditLedger of a ledger never locked", f.s.UpdateCreditLedger(f.ctx, &missing), storage.ErrNotFound)
	})
	t.Run("UpdateInconsistent", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l, err := f.s.LockCreditLedger(f.ctx, g.ID, billing.EngineerPosting)
		f.must(err, "LockCreditLedger")
		for name, bad := range map[string]func(*billing.Ledger){
			"negative available": func(l *billing.Ledger) { l.Granted, l.Available, l.Reserved = 1, -1, 2 },
			"negative reserved":  func(l *billing.Ledger) { l.Granted, l.Available, l.Reserved = 1, 2, -1 },
			"unbalanced":         func(l *billing.Ledger) { l.Granted, l.Available = 3, 2 },
			"unbalanced in/out":  func(l *billing.Ledger) { l.TransferredIn, l.TransferredOut, l.Available = 2, 2, 2 },
		} {
			b := l
			bad(&b)
			wantErr(t, "UpdateCreditLedger of a ledger "+name, f.s.UpdateCreditLedger(f.ctx, &b), billing.ErrInconsistent)
			if b.Version != 1 {
				t.Errorf("after a refused update (%s), the argument's Version = %d, want 1", name, b.Version)
			}
		}
		wantEqual(t, "ledger after refused updates", f.ledgerOf(g.ID, billing.EngineerPosting, at(0)), l)
	})
	t.Run("ListAndDue", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		for _, p := range []billing.Product{billing.Featured, billing.EngineerPosting, billing.Extension} {
			_, err := f.s.LockCreditLedger(f.ctx, g.ID, p)
			f.must(err, "LockCreditLedger")
		}
		_, err := f.s.LockCreditLedger(f.ctx, other.ID, billing.EngineerPosting)
		f.must(err, "LockCreditLedger")
		now := at(1000)
		eng := func(l *billing.Lot) { l.Product = billing.EngineerPosting }
		// Due at now: the remainder of lots expired at or before now.
		f.lot(g.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 3, at(10) })
		f.lot(g.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 2, now })
		// Not due: spent, expiring later, never expiring.
		f.lot(g.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 0, at(10) })
		f.lot(g.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 4, now.Add(time.Microsecond) })
		f.lot(g.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 6, time.Time{} })
		// Due, but of another product and another group.
		f.lot(g.ID, func(l *billing.Lot) { l.Product, l.Remaining, l.ExpiresAt = billing.Featured, 1, at(10) })
		f.lot(other.ID, eng, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 8, at(10) })

		list, err := f.s.CreditLedgers(f.ctx, g.ID, now)
		f.must(err, "CreditLedgers")
		wantEqual(t, "CreditLedgers (by product, byte-wise; Due at now)", list, []billing.Ledger{
			{GroupID: g.ID, Product: billing.EngineerPosting, Due: 5, Version: 1},
			{GroupID: g.ID, Product: billing.Extension, Version: 1},
			{GroupID: g.ID, Product: billing.Featured, Due: 1, Version: 1},
		})
		if got := f.ledgerOf(g.ID, billing.EngineerPosting, at(9)); got.Due != 0 {
			t.Errorf("Due before any expiry = %d, want 0", got.Due)
		}
		if got := f.ledgerOf(g.ID, billing.EngineerPosting, now.Add(time.Microsecond)); got.Due != 9 {
			t.Errorf("Due one microsecond later = %d, want 9", got.Due)
		}
		if got := f.ledgerOf(other.ID, billing.EngineerPosting, now); got.Due != 8 {
			t.Errorf("Due of the other group = %d, want 8", got.Due)
		}
	})
	lockSerialises := func(t *testing.T, prepare bool) {
		// n transactions each lock the ledger, read and write it, without
		// retrying: the lock makes every one of them succeed.
		f := su.fixture(t)
		_, g := f.companyGroup()
		if prepare {
			_, err := f.s.LockCreditLedger(f.ctx, g.ID, billing.EngineerPosting)
			f.must(err, "LockCreditLedger")
		}
		n := su.cfg.concurrency
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
					l, err := f.s.LockCreditLedger(ctx, g.ID, billing.EngineerPosting)
					if err != nil {
						return err
					}
					l.Granted++
					l.Available++
					return f.s.UpdateCreditLedger(ctx, &l)
				})
				if err != nil {
					t.Errorf("transaction %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		got := f.ledgerOf(g.ID, billing.EngineerPosting, at(0))
		if got.Granted != n || got.Available != n || got.Version != int64(n+1) {
			t.Errorf("after %d locked increments: granted %d, available %d, version %d; want %d, %d, %d",
				n, got.Granted, got.Available, got.Version, n, n, n+1)
		}
	}
	t.Run("LockSerialises", func(t *testing.T) { lockSerialises(t, true) })
	t.Run("LockSerialisesCreation", func(t *testing.T) { lockSerialises(t, false) })
}

func (su *suite) testCreditLot(t *testing.T) {
	runCRUD(t, su, crud[billing.Lot]{
		build: func(f *fixture) billing.Lot {
			_, g := f.companyGroup()
			return f.newLot(g.ID)
		},
		create:  func(f *fixture, l *billing.Lot) error { return f.s.CreateCreditLot(f.ctx, l) },
		get:     func(f *fixture, l billing.Lot) (billing.Lot, error) { return f.s.CreditLot(f.ctx, l.ID) },
		update:  func(f *fixture, l *billing.Lot) error { return f.s.UpdateCreditLot(f.ctx, l) },
		version: func(l *billing.Lot) *int64 { return &l.Version },
		change: func(l *billing.Lot) {
			l.Remaining--
			l.Note += " bis"
		},
		sameID: func(f *fixture, l billing.Lot) billing.Lot {
			return f.newLot(l.GroupID, func(d *billing.Lot) { d.ID = l.ID })
		},
		missing: func(f *fixture, l billing.Lot) billing.Lot { l.ID = uuid.New(); return l },
	})
	t.Run("CreateMissingGroup", func(t *testing.T) {
		f := su.fixture(t)
		l := f.newLot(uuid.New())
		wantErr(t, "CreateCreditLot in an unknown group", f.s.CreateCreditLot(f.ctx, &l), storage.ErrNotFound)
		_, err := f.s.CreditLot(f.ctx, l.ID)
		wantErr(t, "CreditLot after a refused create", err, storage.ErrNotFound)
	})
	t.Run("Optional", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l := f.lot(g.ID, func(l *billing.Lot) {
			l.Source, l.PurchaseRef, l.FromGroup, l.GrantedBy, l.Note, l.ExpiresAt = billing.SourceBoard, "", uuid.Nil, uuid.Nil, "", time.Time{}
		})
		got, err := f.s.CreditLot(f.ctx, l.ID)
		f.must(err, "CreditLot")
		wantEqual(t, "lot without optional fields", got, l)
	})
	t.Run("UpdateWritesRemainingAndNote", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l := f.lot(g.ID)
		want := l
		changed := l
		changed.Remaining, changed.Note = 0, "Épuisé"
		changed.Product, changed.Quantity, changed.ExpiresAt, changed.GroupID = billing.Featured, 3, at(1), uuid.New()
		f.must(f.s.UpdateCreditLot(f.ctx, &changed), "UpdateCreditLot")
		want.Remaining, want.Note, want.Version = 0, "Épuisé", 2
		got, err := f.s.CreditLot(f.ctx, l.ID)
		f.must(err, "CreditLot")
		wantEqual(t, "lot after an update of fixed fields (only Remaining and Note written)", got, want)
	})
	t.Run("PurchaseRef", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		a := f.lot(g.ID, func(l *billing.Lot) { l.PurchaseRef = "CMD-1" })
		dup := f.newLot(g.ID, func(l *billing.Lot) { l.PurchaseRef = "CMD-1" })
		wantErr(t, "CreateCreditLot with a taken purchase reference and product", f.s.CreateCreditLot(f.ctx, &dup), storage.ErrDuplicate)
		_, err := f.s.CreditLot(f.ctx, dup.ID)
		wantErr(t, "CreditLot after a refused create", err, storage.ErrNotFound)
		b := f.lot(g.ID, func(l *billing.Lot) { l.PurchaseRef, l.Product = "CMD-1", billing.Featured })
		got, err := f.s.CreditLotByPurchase(f.ctx, "CMD-1", billing.EngineerPosting)
		f.must(err, "CreditLotByPurchase")
		wantEqual(t, "CreditLotByPurchase", got, a)
		got, err = f.s.CreditLotByPurchase(f.ctx, "CMD-1", billing.Featured)
		f.must(err, "CreditLotByPurchase")
		wantEqual(t, "CreditLotByPurchase of another product", got, b)
		_, err = f.s.CreditLotByPurchase(f.ctx, "CMD-1", billing.Extension)
		wantErr(t, "CreditLotByPurchase of a product the reference did not grant", err, storage.ErrNotFound)
		_, err = f.s.CreditLotByPurchase(f.ctx, "CMD-2", billing.EngineerPosting)
		wantErr(t, "CreditLotByPurchase of an unknown reference", err, storage.ErrNotFound)
		// Lots without a reference do not collide, and none is found by "".
		f.lot(g.ID, func(l *billing.Lot) { l.PurchaseRef, l.Source = "", billing.SourceBoard })
		f.lot(g.ID, func(l *billing.Lot) { l.PurchaseRef, l.Source = "", billing.SourceBoard })
		_, err = f.s.CreditLotByPurchase(f.ctx, "", billing.EngineerPosting)
		wantErr(t, "CreditLotByPurchase of an empty reference", err, storage.ErrNotFound)
	})
	t.Run("Inconsistent", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		for name, bad := range map[string]func(*billing.Lot){
			"remaining above quantity": func(l *billing.Lot) { l.Quantity, l.Remaining = 3, 4 },
			"negative remaining":       func(l *billing.Lot) { l.Remaining = -1 },
			"zero quantity":            func(l *billing.Lot) { l.Quantity, l.Remaining = 0, 0 },
			"unknown source":           func(l *billing.Lot) { l.Source = "gift" },
		} {
			l := f.newLot(g.ID, bad)
			wantErr(t, "CreateCreditLot of a lot with "+name, f.s.CreateCreditLot(f.ctx, &l), billing.ErrInconsistent)
			_, err := f.s.CreditLot(f.ctx, l.ID)
			wantErr(t, "CreditLot after a refused create ("+name+")", err, storage.ErrNotFound)
		}
		l := f.lot(g.ID)
		for _, remaining := range []int{-1, l.Quantity + 1} {
			b := l
			b.Remaining = remaining
			wantErr(t, fmt.Sprintf("UpdateCreditLot with remaining %d of %d", remaining, l.Quantity),
				f.s.UpdateCreditLot(f.ctx, &b), billing.ErrInconsistent)
			if b.Version != 1 {
				t.Errorf("after a refused update, the argument's Version = %d, want 1", b.Version)
			}
		}
		got, err := f.s.CreditLot(f.ctx, l.ID)
		f.must(err, "CreditLot")
		wantEqual(t, "lot after refused updates", got, l)
	})
	t.Run("Query", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		never := sortedIDs(2)
		c := f.lot(g.ID, func(l *billing.Lot) { l.ExpiresAt, l.CreatedAt = at(50), at(9) })
		a := f.lot(g.ID, func(l *billing.Lot) { l.ExpiresAt, l.CreatedAt = at(100), at(5) })
		b := f.lot(g.ID, func(l *billing.Lot) { l.ExpiresAt, l.CreatedAt = at(100), at(3) })
		e := f.lot(g.ID, func(l *billing.Lot) { l.ID, l.ExpiresAt, l.CreatedAt = never[1], time.Time{}, at(1) })
		d := f.lot(g.ID, func(l *billing.Lot) { l.ID, l.ExpiresAt, l.CreatedAt = never[0], time.Time{}, at(1) })
		spent := f.lot(g.ID, func(l *billing.Lot) { l.Remaining, l.ExpiresAt = 0, at(10) })
		featured := f.lot(g.ID, func(l *billing.Lot) { l.Product, l.ExpiresAt = billing.Featured, at(20) })
		away := f.lot(other.ID, func(l *billing.Lot) { l.ExpiresAt = at(30) })
		eng := billing.EngineerPosting
		for _, tc := range []struct {
			name string
			q    billing.LotQuery
			want []billing.Lot
		}{
			{"a group's lots of a product (drawing order)", billing.LotQuery{GroupID: g.ID, Product: eng}, []billing.Lot{spent, c, b, a, d, e}},
			{"with credits left", billing.LotQuery{GroupID: g.ID, Product: eng, WithRemaining: true}, []billing.Lot{c, b, a, d, e}},
			{"usable at the expiry of two (not usable at their expiry)", billing.LotQuery{GroupID: g.ID, Product: eng, WithRemaining: true, UsableAt: at(100)}, []billing.Lot{d, e}},
			{"usable just before", billing.LotQuery{GroupID: g.ID, Product: eng, WithRemaining: true, UsableAt: at(99)}, []billing.Lot{b, a, d, e}},
			{"the first to draw", billing.LotQuery{GroupID: g.ID, Product: eng, WithRemaining: true, UsableAt: at(0), Limit: 1}, []billing.Lot{c}},
			{"expired at, in every group and product", billing.LotQuery{WithRemaining: true, ExpiredAt: at(50)}, []billing.Lot{featured, away, c}},
			{"expired at (at their expiry)", billing.LotQuery{GroupID: g.ID, ExpiredAt: at(100)}, []billing.Lot{spent, featured, c, b, a}},
			{"all of a group", billing.LotQuery{GroupID: g.ID}, []billing.Lot{spent, featured, c, b, a, d, e}},
			{"limit", billing.LotQuery{GroupID: g.ID, Limit: 2}, []billing.Lot{spent, featured}},
			{"unknown group", billing.LotQuery{GroupID: uuid.New()}, nil},
		} {
			got, err := f.s.CreditLots(f.ctx, tc.q)
			f.must(err, "CreditLots")
			wantIDs(t, "CreditLots: "+tc.name, ids(got, lotID), ids(tc.want, lotID))
			if len(got) == len(tc.want) && len(got) > 0 {
				wantEqual(t, "CreditLots: "+tc.name+": first lot", got[0], tc.want[0])
			}
		}
	})
	t.Run("Times", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		zone := time.FixedZone("UTC-5", -5*60*60)
		odd := time.Date(2026, 3, 1, 7, 1, 0, 123456789, zone)
		l := f.lot(g.ID, func(l *billing.Lot) { l.CreatedAt, l.ExpiresAt = odd, odd.Add(time.Hour) })
		got, err := f.s.CreditLot(f.ctx, l.ID)
		f.must(err, "CreditLot")
		wantTime(t, "Lot.CreatedAt", got.CreatedAt, odd)
		wantTime(t, "Lot.ExpiresAt", got.ExpiresAt, odd.Add(time.Hour))
		// Query times are truncated to the microsecond too: a lot expiring
		// at 13:01:00.123456 is usable at 13:01:00.123455999, not at
		// 13:01:00.123456999.
		for _, tc := range []struct {
			at   time.Time
			want int
		}{{odd.Add(time.Hour - time.Microsecond), 1}, {odd.Add(time.Hour - time.Nanosecond), 0}} {
			list, err := f.s.CreditLots(f.ctx, billing.LotQuery{GroupID: g.ID, UsableAt: tc.at})
			f.must(err, "CreditLots")
			if len(list) != tc.want {
				t.Errorf("CreditLots usable at %v of a lot expiring at %v: %d lots, want %d", tc.at, got.ExpiresAt, len(list), tc.want)
			} else if tc.want == 1 {
				wantTime(t, "Lot.ExpiresAt from CreditLots", list[0].ExpiresAt, odd.Add(time.Hour))
			}
		}
	})
}

func (su *suite) testCreditReservation(t *testing.T) {
	runCRUD(t, su, crud[billing.Reservation]{
		build: func(f *fixture) billing.Reservation {
			_, g := f.companyGroup()
			return f.newReservation(g.ID, f.lot(g.ID).ID)
		},
		create: func(f *fixture, r *billing.Reservation) error { return f.s.CreateCreditReservation(f.ctx, r) },
		get: func(f *fixture, r billing.Reservation) (billing.Reservation, error) {
			return f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		},
		update:  func(f *fixture, r *billing.Reservation) error { return f.s.UpdateCreditReservation(f.ctx, r) },
		version: func(r *billing.Reservation) *int64 { return &r.Version },
		change: func(r *billing.Reservation) {
			switch r.Status {
			case billing.Reserved:
				r.Status = billing.Released
			case billing.Released:
				r.Status = billing.Consumed
			default:
				r.Status = billing.Reserved
			}
			r.ReservedBy = uuid.New()
			r.ReservedAt = r.ReservedAt.Add(time.Minute)
			r.SettledBy = uuid.New()
			r.SettledByModerator = !r.SettledByModerator
			r.SettledAt = r.SettledAt.Add(time.Hour)
		},
		sameID: func(f *fixture, r billing.Reservation) billing.Reservation {
			return f.newReservation(r.GroupID, r.LotID, func(d *billing.Reservation) {
				d.Ref, d.Product, d.Status = r.Ref, r.Product, billing.Reserved
			})
		},
		missing: func(f *fixture, r billing.Reservation) billing.Reservation { r.Ref = uuid.New(); return r },
	})
	t.Run("CreateMissingGroupOrLot", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l := f.lot(g.ID)
		r := f.newReservation(uuid.New(), l.ID)
		wantErr(t, "CreateCreditReservation in an unknown group", f.s.CreateCreditReservation(f.ctx, &r), storage.ErrNotFound)
		_, err := f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		wantErr(t, "CreditReservation after a refused create", err, storage.ErrNotFound)
		r = f.newReservation(g.ID, uuid.New())
		wantErr(t, "CreateCreditReservation of an unknown lot", f.s.CreateCreditReservation(f.ctx, &r), storage.ErrNotFound)
		_, err = f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		wantErr(t, "CreditReservation after a refused create", err, storage.ErrNotFound)
	})
	t.Run("UpdateMissingLot", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		r := f.reservation(g.ID, f.lot(g.ID).ID)
		moved := r
		moved.LotID = uuid.New()
		wantErr(t, "UpdateCreditReservation to an unknown lot", f.s.UpdateCreditReservation(f.ctx, &moved), storage.ErrNotFound)
		got, err := f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		f.must(err, "CreditReservation")
		wantEqual(t, "reservation after a refused update", got, r)
	})
	t.Run("UpdateKeepsGroupAndWritesLot", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		r := f.reservation(g.ID, f.lot(g.ID).ID)
		next := f.lot(g.ID)
		changed := r
		changed.GroupID, changed.LotID, changed.Status = other.ID, next.ID, billing.Released
		f.must(f.s.UpdateCreditReservation(f.ctx, &changed), "UpdateCreditReservation")
		want := r
		want.LotID, want.Status, want.Version = next.ID, billing.Released, 2
		got, err := f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		f.must(err, "CreditReservation")
		wantEqual(t, "reservation after an update (GroupID kept, LotID written)", got, want)
	})
	t.Run("OnePerRefAndProduct", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l := f.lot(g.ID)
		a := f.reservation(g.ID, l.ID)
		b := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.Ref, r.Product = a.Ref, billing.Featured })
		got, err := f.s.CreditReservation(f.ctx, a.Ref, billing.Featured)
		f.must(err, "CreditReservation")
		wantEqual(t, "the same reference's reservation of another product", got, b)
		_, err = f.s.CreditReservation(f.ctx, a.Ref, billing.Extension)
		wantErr(t, "CreditReservation of a product the reference has not reserved", err, storage.ErrNotFound)
	})
	t.Run("Inconsistent", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		l := f.lot(g.ID)
		r := f.newReservation(g.ID, l.ID, func(r *billing.Reservation) { r.Status = "lost" })
		wantErr(t, "CreateCreditReservation with an unknown status", f.s.CreateCreditReservation(f.ctx, &r), billing.ErrInconsistent)
		ok := f.reservation(g.ID, l.ID)
		bad := ok
		bad.Status = "lost"
		wantErr(t, "UpdateCreditReservation with an unknown status", f.s.UpdateCreditReservation(f.ctx, &bad), billing.ErrInconsistent)
		got, err := f.s.CreditReservation(f.ctx, ok.Ref, ok.Product)
		f.must(err, "CreditReservation")
		wantEqual(t, "reservation after a refused update", got, ok)
	})
	t.Run("Query", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		l := f.lot(g.ID)
		refs := sortedIDs(3)
		late := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.ReservedAt, r.Status = at(900), billing.Reserved })
		tie2 := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.Ref, r.ReservedAt = refs[2], at(400) })
		tie1f := f.reservation(g.ID, l.ID, func(r *billing.Reservation) {
			r.Ref, r.Product, r.ReservedAt, r.Status = refs[1], billing.Featured, at(400), billing.Reserved
		})
		tie1e := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.Ref, r.ReservedAt = refs[1], at(400) })
		early := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.ReservedAt, r.Status = at(10), billing.Released })
		away := f.reservation(other.ID, f.lot(other.ID).ID, func(r *billing.Reservation) { r.Ref, r.ReservedAt = refs[0], at(400) })
		key := func(r billing.Reservation) string { return r.Ref.String() + "/" + string(r.Product) }
		for _, tc := range []struct {
			name string
			q    billing.ReservationQuery
			want []billing.Reservation
		}{
			{"a group's (by time, ref, product)", billing.ReservationQuery{GroupID: g.ID}, []billing.Reservation{early, tie1e, tie1f, tie2, late}},
			{"every group", billing.ReservationQuery{}, []billing.Reservation{early, away, tie1e, tie1f, tie2, late}},
			{"one reference", billing.ReservationQuery{Ref: refs[1]}, []billing.Reservation{tie1e, tie1f}},
			{"one product", billing.ReservationQuery{GroupID: g.ID, Product: billing.Featured}, []billing.Reservation{tie1f}},
			{"one status", billing.ReservationQuery{GroupID: g.ID, Status: billing.Reserved}, []billing.Reservation{tie1f, late}},
			{"unknown group", billing.ReservationQuery{GroupID: uuid.New()}, nil},
		} {
			got, err := f.s.CreditReservations(f.ctx, tc.q)
			f.must(err, "CreditReservations")
			gotKeys, wantKeys := make([]string, len(got)), make([]string, len(tc.want))
			for i := range got {
				gotKeys[i] = key(got[i])
			}
			for i := range tc.want {
				wantKeys[i] = key(tc.want[i])
			}
			wantEqual(t, "CreditReservations: "+tc.name, gotKeys, wantKeys)
			if len(got) == len(tc.want) && len(got) > 0 {
				wantEqual(t, "CreditReservations: "+tc.name+": last", got[len(got)-1], tc.want[len(got)-1])
			}
		}
	})
	t.Run("Times", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		zone := time.FixedZone("UTC-5", -5*60*60)
		odd := time.Date(2026, 3, 1, 7, 2, 0, 123456789, zone)
		r := f.reservation(g.ID, f.lot(g.ID).ID, func(r *billing.Reservation) { r.ReservedAt, r.SettledAt = odd, odd.Add(time.Hour) })
		got, err := f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		f.must(err, "CreditReservation")
		wantTime(t, "Reservation.ReservedAt", got.ReservedAt, odd)
		wantTime(t, "Reservation.SettledAt", got.SettledAt, odd.Add(time.Hour))
		r.Status, r.SettledBy, r.SettledByModerator, r.SettledAt = billing.Reserved, uuid.Nil, false, time.Time{}
		f.must(f.s.UpdateCreditReservation(f.ctx, &r), "UpdateCreditReservation")
		list, err := f.s.CreditReservations(f.ctx, billing.ReservationQuery{GroupID: g.ID})
		f.must(err, "CreditReservations")
		if len(list) == 1 {
			wantTime(t, "Reservation.SettledAt cleared", list[0].SettledAt, time.Time{})
			if list[0].SettledBy != uuid.Nil {
				t.Errorf("Reservation.SettledBy cleared = %v, want uuid.Nil", list[0].SettledBy)
			}
		}
	})
}

func (su *suite) testLedgerEntries(t *testing.T) {
	t.Run("AppendAndList", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		ref := uuid.New()
		// Appended out of time order; the three at at(100) in one call, in
		// the order given (not the order of their IDs).
		late := f.newEntry(g.ID, func(e *billing.Entry) { e.At, e.Kind = at(500), billing.KindConsume })
		tie := sortedIDs(3)
		t0 := f.newEntry(g.ID, func(e *billing.Entry) { e.ID, e.At, e.Kind, e.Ref = tie[2], at(100), billing.KindReserve, ref })
		t1 := f.newEntry(g.ID, func(e *billing.Entry) { e.ID, e.At, e.Kind, e.Ref = tie[0], at(100), billing.KindRelease, ref })
		t2 := f.newEntry(g.ID, func(e *billing.Entry) {
			e.ID, e.At, e.Kind, e.Product = tie[1], at(100), billing.KindExpire, billing.Featured
		})
		early := f.newEntry(g.ID, func(e *billing.Entry) { e.At = at(10) })
		away := f.newEntry(other.ID, func(e *billing.Entry) { e.At = at(100) })
		f.must(f.s.AppendLedgerEntries(f.ctx, late), "AppendLedgerEntries")
		f.must(f.s.AppendLedgerEntries(f.ctx, t0, t1, t2), "AppendLedgerEntries")
		f.must(f.s.AppendLedgerEntries(f.ctx, early, away), "AppendLedgerEntries")
		f.must(f.s.AppendLedgerEntries(f.ctx), "AppendLedgerEntries of no entry")
		for _, tc := range []struct {
			name string
			q    billing.EntryQuery
			want []billing.Entry
		}{
			{"a group's (by time, then order of appending)", billing.EntryQuery{GroupID: g.ID}, []billing.Entry{early, t0, t1, t2, late}},
			{"newest first", billing.EntryQuery{GroupID: g.ID, Descending: true}, []billing.Entry{late, t2, t1, t0, early}},
			{"newest two", billing.EntryQuery{GroupID: g.ID, Descending: true, Limit: 2}, []billing.Entry{late, t2}},
			{"oldest two", billing.EntryQuery{GroupID: g.ID, Limit: 2}, []billing.Entry{early, t0}},
			{"every group", billing.EntryQuery{}, []billing.Entry{early, t0, t1, t2, away, late}},
			{"one product", billing.EntryQuery{GroupID: g.ID, Product: billing.Featured}, []billing.Entry{t2}},
			{"one kind", billing.EntryQuery{GroupID: g.ID, Kind: billing.KindConsume}, []billing.Entry{late}},
			{"one reference", billing.EntryQuery{Ref: ref}, []billing.Entry{t0, t1}},
			{"since (inclusive)", billing.EntryQuery{GroupID: g.ID, Since: at(100)}, []billing.Entry{t0, t1, t2, late}},
			{"until (exclusive)", billing.EntryQuery{GroupID: g.ID, Until: at(500)}, []billing.Entry{early, t0, t1, t2}},
			{"a period", billing.EntryQuery{GroupID: g.ID, Since: at(11), Until: at(101)}, []billing.Entry{t0, t1, t2}},
			{"unknown group", billing.EntryQuery{GroupID: uuid.New()}, nil},
		} {
			got, err := f.s.LedgerEntries(f.ctx, tc.q)
			f.must(err, "LedgerEntries")
			wantIDs(t, "LedgerEntries: "+tc.name, ids(got, entryID), ids(tc.want, entryID))
			if len(got) == len(tc.want) {
				wantEqual(t, "LedgerEntries: "+tc.name, got, tc.want)
			}
		}
	})
	t.Run("Optional", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		e := f.newEntry(g.ID, func(e *billing.Entry) {
			e.Kind, e.LotID, e.Ref, e.PurchaseRef, e.Counterpart, e.By, e.ByModerator = billing.KindExpire, uuid.Nil, uuid.Nil, "", uuid.Nil, uuid.Nil, false
		})
		f.must(f.s.AppendLedgerEntries(f.ctx, e), "AppendLedgerEntries")
		got, err := f.s.LedgerEntries(f.ctx, billing.EntryQuery{GroupID: g.ID})
		f.must(err, "LedgerEntries")
		wantEqual(t, "entry without optional fields", got, []billing.Entry{e})
	})
	t.Run("AllOrNone", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		first := f.newEntry(g.ID)
		f.must(f.s.AppendLedgerEntries(f.ctx, first), "AppendLedgerEntries")
		fresh := f.newEntry(g.ID)
		taken := f.newEntry(g.ID, func(e *billing.Entry) { e.ID = first.ID })
		wantErr(t, "AppendLedgerEntries with a taken ID", f.s.AppendLedgerEntries(f.ctx, fresh, taken), storage.ErrDuplicate)
		twice := f.newEntry(g.ID)
		wantErr(t, "AppendLedgerEntries with an ID given twice", f.s.AppendLedgerEntries(f.ctx, fresh, twice, twice), storage.ErrDuplicate)
		lost := f.newEntry(uuid.New())
		wantErr(t, "AppendLedgerEntries in an unknown group", f.s.AppendLedgerEntries(f.ctx, fresh, lost), storage.ErrNotFound)
		for name, bad := range map[string]func(*billing.Entry){
			"zero quantity":     func(e *billing.Entry) { e.Quantity = 0 },
			"negative quantity": func(e *billing.Entry) { e.Quantity = -2 },
			"huge quantity":     func(e *billing.Entry) { e.Quantity = billing.MaxQuantity + 1 },
			"unknown kind":      func(e *billing.Entry) { e.Kind = "refund" },
		} {
			wantErr(t, "AppendLedgerEntries of an entry with "+name,
				f.s.AppendLedgerEntries(f.ctx, fresh, f.newEntry(g.ID, bad)), billing.ErrInconsistent)
		}
		got, err := f.s.LedgerEntries(f.ctx, billing.EntryQuery{})
		f.must(err, "LedgerEntries")
		wantIDs(t, "entries after refused appends (none of their entries)", ids(got, entryID), []uuid.UUID{first.ID})
	})
	t.Run("Times", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		zone := time.FixedZone("UTC-5", -5*60*60)
		odd := time.Date(2026, 3, 1, 7, 3, 0, 123456789, zone)
		e := f.newEntry(g.ID, func(e *billing.Entry) { e.At = odd })
		f.must(f.s.AppendLedgerEntries(f.ctx, e), "AppendLedgerEntries")
		got, err := f.s.LedgerEntries(f.ctx, billing.EntryQuery{GroupID: g.ID, Since: odd, Until: odd.Add(time.Microsecond)})
		f.must(err, "LedgerEntries")
		if len(got) != 1 {
			t.Fatalf("LedgerEntries of the entry's microsecond returned %d entries, want 1", len(got))
		}
		wantTime(t, "Entry.At", got[0].At, odd)
	})
}

func (su *suite) testCreditAtomic(t *testing.T) {
	// write writes one of each billing record with ctx.
	write := func(ctx context.Context, f *fixture, groupID uuid.UUID) (billing.Lot, billing.Reservation, billing.Entry, error) {
		l, err := f.s.LockCreditLedger(ctx, groupID, billing.EngineerPosting)
		if err != nil {
			return billing.Lot{}, billing.Reservation{}, billing.Entry{}, err
		}
		l = balanced(l)
		if err := f.s.UpdateCreditLedger(ctx, &l); err != nil {
			return billing.Lot{}, billing.Reservation{}, billing.Entry{}, err
		}
		lot := f.newLot(groupID)
		if err := f.s.CreateCreditLot(ctx, &lot); err != nil {
			return lot, billing.Reservation{}, billing.Entry{}, err
		}
		lot.Remaining--
		if err := f.s.UpdateCreditLot(ctx, &lot); err != nil {
			return lot, billing.Reservation{}, billing.Entry{}, err
		}
		r := f.newReservation(groupID, lot.ID)
		if err := f.s.CreateCreditReservation(ctx, &r); err != nil {
			return lot, r, billing.Entry{}, err
		}
		e := f.newEntry(groupID)
		return lot, r, e, f.s.AppendLedgerEntries(ctx, e)
	}
	t.Run("Commit", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		var lot billing.Lot
		var r billing.Reservation
		var e billing.Entry
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			var err error
			lot, r, e, err = write(ctx, f, g.ID)
			return err
		})
		f.must(err, "Atomic")
		if got := f.ledgerOf(g.ID, billing.EngineerPosting, at(0)); got.Version != 2 || got.Granted != 20 {
			t.Errorf("ledger after commit: %+v", got)
		}
		gotLot, err := f.s.CreditLot(f.ctx, lot.ID)
		f.must(err, "CreditLot after commit")
		wantEqual(t, "lot after commit", gotLot, lot)
		gotR, err := f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		f.must(err, "CreditReservation after commit")
		wantEqual(t, "reservation after commit", gotR, r)
		entries, err := f.s.LedgerEntries(f.ctx, billing.EntryQuery{GroupID: g.ID})
		f.must(err, "LedgerEntries after commit")
		wantEqual(t, "entries after commit", entries, []billing.Entry{e})
	})
	t.Run("Rollback", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		var lot billing.Lot
		var r billing.Reservation
		var e billing.Entry
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			var err error
			if lot, r, e, err = write(ctx, f, g.ID); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		list, err := f.s.CreditLedgers(f.ctx, g.ID, at(0))
		if err != nil || len(list) != 0 {
			t.Errorf("ledgers after rollback = %+v, %v; want none", list, err)
		}
		_, err = f.s.CreditLot(f.ctx, lot.ID)
		wantErr(t, "CreditLot after rollback", err, storage.ErrNotFound)
		_, err = f.s.CreditLotByPurchase(f.ctx, lot.PurchaseRef, lot.Product)
		wantErr(t, "CreditLotByPurchase after rollback", err, storage.ErrNotFound)
		_, err = f.s.CreditReservation(f.ctx, r.Ref, r.Product)
		wantErr(t, "CreditReservation after rollback", err, storage.ErrNotFound)
		entries, err := f.s.LedgerEntries(f.ctx, billing.EntryQuery{})
		if err != nil || len(entries) != 0 {
			t.Errorf("entries after rollback = %+v, %v; want none", entries, err)
		}
		// The identities are free again.
		again := lot
		again.Remaining = again.Quantity
		f.must(f.s.CreateCreditLot(f.ctx, &again), "CreateCreditLot with the ID and purchase reference of a rolled-back lot")
		f.must(f.s.AppendLedgerEntries(f.ctx, e), "AppendLedgerEntries with the ID of a rolled-back entry")
	})
	t.Run("ErrorsKeepTransactionUsable", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		prior := f.lot(g.ID)
		priorEntry := f.newEntry(g.ID)
		f.must(f.s.AppendLedgerEntries(f.ctx, priorEntry), "AppendLedgerEntries")
		var lot billing.Lot
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			dup := f.newLot(g.ID, func(l *billing.Lot) { l.ID = prior.ID })
			wantErr(t, "CreateCreditLot with a taken ID", f.s.CreateCreditLot(ctx, &dup), storage.ErrDuplicate)
			dup = f.newLot(g.ID, func(l *billing.Lot) { l.PurchaseRef = prior.PurchaseRef })
			wantErr(t, "CreateCreditLot with a taken purchase reference", f.s.CreateCreditLot(ctx, &dup), storage.ErrDuplicate)
			over := prior
			over.Remaining = over.Quantity + 1
			wantErr(t, "UpdateCreditLot above quantity", f.s.UpdateCreditLot(ctx, &over), billing.ErrInconsistent)
			l, err := f.s.LockCreditLedger(ctx, g.ID, billing.EngineerPosting)
			if err != nil {
				return err
			}
			stale := balanced(l)
			stale.Version = 7
			wantErr(t, "UpdateCreditLedger with a stale version", f.s.UpdateCreditLedger(ctx, &stale), storage.ErrConflict)
			r := f.newReservation(g.ID, uuid.New())
			wantErr(t, "CreateCreditReservation of an unknown lot", f.s.CreateCreditReservation(ctx, &r), storage.ErrNotFound)
			wantErr(t, "AppendLedgerEntries with a taken ID", f.s.AppendLedgerEntries(ctx, priorEntry), storage.ErrDuplicate)
			wantErr(t, "AppendLedgerEntries in an unknown group", f.s.AppendLedgerEntries(ctx, f.newEntry(uuid.New())), storage.ErrNotFound)
			// The transaction goes on.
			lot = f.newLot(g.ID)
			if err := f.s.CreateCreditLot(ctx, &lot); err != nil {
				return err
			}
			l = balanced(l)
			return f.s.UpdateCreditLedger(ctx, &l)
		})
		f.must(err, "Atomic after recoverable errors")
		_, err = f.s.CreditLot(f.ctx, lot.ID)
		f.must(err, "CreditLot of the lot written after the errors")
		if got := f.ledgerOf(g.ID, billing.EngineerPosting, at(0)); got.Version != 2 {
			t.Errorf("ledger written after the errors: version %d, want 2", got.Version)
		}
	})
}
