package storagetest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

func (f *fixture) newPromoCode(mods ...func(*promo.Code)) promo.Code {
	c := promo.Code{ID: uuid.New(), Code: "SPRING-" + strings.ToUpper(uuid.NewString()[:8]), Kind: promo.Percent,
		Percent: decimal.RequireFromString("15.5"), From: canada.Date{Year: 2026, Month: 3, Day: 1},
		Until: canada.Date{Year: 2026, Month: 3, Day: 31}, MaxUses: 5, MaxUsesPerGroup: 2,
		SKUs: []price.SKU{price.Engineer5, price.Featured}, Active: true, CreatedBy: uuid.New(), CreatedAt: at(0)}
	for _, m := range mods {
		m(&c)
	}
	return c
}

func (f *fixture) promoCode(mods ...func(*promo.Code)) promo.Code {
	f.t.Helper()
	c := f.newPromoCode(mods...)
	f.must(f.s.CreatePromoCode(f.ctx, &c), "CreatePromoCode")
	return c
}

// samePromo compares codes, their percentages as numbers (a store may
// change their scale).
func samePromo(t *testing.T, what string, got, want promo.Code) {
	t.Helper()
	if !got.Percent.Equal(want.Percent) {
		t.Errorf("%s: Percent = %v, want %v", what, got.Percent, want.Percent)
	}
	got.Percent, want.Percent = decimal.Zero, decimal.Zero
	wantEqual(t, what, got, want)
}

// allowStaff lets every staff member do everything.
type allowStaff struct{}

func (allowStaff) AuthorizeStaff(context.Context, group.Moderator, group.StaffPower) error {
	return nil
}

// testPromo checks promo.Store: codes round-trip and are unique by ID and
// name, updates are optimistic, a use is recorded once per order key, and
// promo.Service.Redeem on the store never exceeds a code's limits when
// transactions race.
func (su *suite) testPromo(t *testing.T) {
	t.Run("CodeCRUD", func(t *testing.T) {
		f := su.fixture(t)
		want := f.newPromoCode(func(c *promo.Code) { c.CreatedAt = time.Date(2026, 3, 8, 7, 30, 0, 123456789, time.UTC) })
		f.must(f.s.CreatePromoCode(f.ctx, &want), "CreatePromoCode")
		want.CreatedAt = want.CreatedAt.Truncate(time.Microsecond)
		if want.Version != 1 {
			t.Errorf("Version = %d, want 1", want.Version)
		}
		got, err := f.s.PromoCode(f.ctx, want.Code)
		f.must(err, "PromoCode")
		samePromo(t, "PromoCode", got, want)
		fixed := f.promoCode(func(c *promo.Code) {
			c.Kind, c.Percent, c.Amount, c.SKUs, c.MaxUses, c.MaxUsesPerGroup = promo.Fixed, decimal.Zero, 2500, nil, 0, 0
		})
		got, err = f.s.PromoCode(f.ctx, fixed.Code)
		f.must(err, "PromoCode fixed")
		samePromo(t, "PromoCode fixed", got, fixed)

		_, err = f.s.PromoCode(f.ctx, "NOPE")
		wantErr(t, "PromoCode unknown", err, storage.ErrNotFound)
		_, err = f.s.LockPromoCode(f.ctx, "NOPE")
		wantErr(t, "LockPromoCode unknown", err, storage.ErrNotFound)
		dup := f.newPromoCode(func(c *promo.Code) { c.Code = want.Code })
		wantErr(t, "CreatePromoCode taken code", f.s.CreatePromoCode(f.ctx, &dup), storage.ErrDuplicate)
		dup = f.newPromoCode(func(c *promo.Code) { c.ID = want.ID })
		wantErr(t, "CreatePromoCode taken ID", f.s.CreatePromoCode(f.ctx, &dup), storage.ErrDuplicate)

		upd := want
		upd.Active = false
		upd.MaxUses = 99 // fixed at creation: not written
		f.must(f.s.UpdatePromoCode(f.ctx, &upd), "UpdatePromoCode")
		if upd.Version != 2 {
			t.Errorf("Version after update = %d, want 2", upd.Version)
		}
		got, err = f.s.LockPromoCode(f.ctx, want.Code)
		f.must(err, "LockPromoCode")
		want.Active, want.Version = false, 2
		samePromo(t, "after update", got, want)
		stale := want
		stale.Version = 1
		wantErr(t, "UpdatePromoCode stale", f.s.UpdatePromoCode(f.ctx, &stale), storage.ErrConflict)
		missing := f.newPromoCode()
		missing.Version = 1
		wantErr(t, "UpdatePromoCode unknown", f.s.UpdatePromoCode(f.ctx, &missing), storage.ErrNotFound)
	})
	t.Run("Uses", func(t *testing.T) {
		f := su.fixture(t)
		c, other := f.promoCode(), f.promoCode()
		g1, g2 := uuid.New(), uuid.New()
		u := promo.Use{OrderKey: uuid.New(), CodeID: c.ID, GroupID: g1, At: time.Date(2026, 3, 8, 7, 0, 0, 999, time.UTC)}
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			f.must(f.s.RecordPromoUse(ctx, u), "RecordPromoUse")
			wantErr(t, "RecordPromoUse same key", f.s.RecordPromoUse(ctx, promo.Use{OrderKey: u.OrderKey, CodeID: other.ID, GroupID: g2, At: at(1)}), storage.ErrDuplicate)
			wantErr(t, "RecordPromoUse unknown code", f.s.RecordPromoUse(ctx, promo.Use{OrderKey: uuid.New(), CodeID: uuid.New(), GroupID: g1, At: at(1)}), storage.ErrNotFound)
			// Neither refusal aborted the transaction.
			return f.s.RecordPromoUse(ctx, promo.Use{OrderKey: uuid.New(), CodeID: c.ID, GroupID: g2, At: at(2)})
		})
		f.must(err, "Atomic")
		f.must(f.s.RecordPromoUse(f.ctx, promo.Use{OrderKey: uuid.New(), CodeID: c.ID, GroupID: g1, At: at(3)}), "RecordPromoUse")
		got, err := f.s.PromoUse(f.ctx, u.OrderKey)
		f.must(err, "PromoUse")
		u.At = u.At.Truncate(time.Microsecond)
		wantEqual(t, "PromoUse", got, u)
		_, err = f.s.PromoUse(f.ctx, uuid.New())
		wantErr(t, "PromoUse unknown", err, storage.ErrNotFound)
		for _, tc := range []struct {
			code, group uuid.UUID
			want        int
		}{{c.ID, uuid.Nil, 3}, {c.ID, g1, 2}, {c.ID, g2, 1}, {other.ID, uuid.Nil, 0}, {uuid.New(), uuid.Nil, 0}} {
			n, err := f.s.PromoUses(f.ctx, tc.code, tc.group)
			f.must(err, "PromoUses")
			if n != tc.want {
				t.Errorf("PromoUses(%v, %v) = %d, want %d", tc.code, tc.group, n, tc.want)
			}
		}
	})
	t.Run("Rollback", func(t *testing.T) {
		f := su.fixture(t)
		c := f.newPromoCode()
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			f.must(f.s.CreatePromoCode(ctx, &c), "CreatePromoCode")
			f.must(f.s.RecordPromoUse(ctx, promo.Use{OrderKey: uuid.New(), CodeID: c.ID, GroupID: uuid.New(), At: at(1)}), "RecordPromoUse")
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		_, err = f.s.PromoCode(f.ctx, c.Code)
		wantErr(t, "PromoCode after rollback", err, storage.ErrNotFound)
	})
	t.Run("ConcurrentRedeem", func(t *testing.T) {
		// Limit 5, n different orders at once: exactly 5 uses; n times the
		// same order key: one use.
		f := su.fixture(t)
		now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
		svc, err := promo.New(f.s, allowStaff{}, &promo.Options{Now: func() time.Time { return now }, Location: time.UTC})
		f.must(err, "promo.New")
		limited := f.promoCode(func(c *promo.Code) { c.MaxUses, c.MaxUsesPerGroup = 5, 0 })
		n := su.cfg.concurrency
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, exhausted := 0, 0
		for range n {
			wg.Go(func() {
				_, err := svc.Redeem(f.ctx, limited.Code, uuid.New(), uuid.New())
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, promo.ErrExhausted):
					exhausted++
				default:
					t.Errorf("Redeem: %v", err)
				}
			})
		}
		wg.Wait()
		if want := min(5, n); ok != want || exhausted != n-want {
			t.Errorf("different orders: %d redeemed, %d exhausted; want %d and %d", ok, exhausted, want, n-want)
		}
		if got, _ := f.s.PromoUses(f.ctx, limited.ID, uuid.Nil); got != min(5, n) {
			t.Errorf("PromoUses = %d, want %d", got, min(5, n))
		}

		same := f.promoCode(func(c *promo.Code) { c.MaxUses, c.MaxUsesPerGroup = 0, 0 })
		key, g := uuid.New(), uuid.New()
		uses := make([]promo.Use, n)
		for i := range n {
			wg.Go(func() {
				u, err := svc.Redeem(f.ctx, same.Code, g, key)
				if err != nil {
					t.Errorf("Redeem same key: %v", err)
				}
				uses[i] = u
			})
		}
		wg.Wait()
		for i := range uses {
			wantEqual(t, "use of a retried order", uses[i], uses[0])
		}
		if got, _ := f.s.PromoUses(f.ctx, same.ID, uuid.Nil); got != 1 {
			t.Errorf("PromoUses of one order key = %d, want 1", got)
		}
	})
	t.Run("ConcurrentRedeemPerGroup", func(t *testing.T) {
		// Per-group limit 3, n orders of one group at once: exactly 3 uses,
		// and another group still redeems. One order key raced over two
		// codes: one use, the other code refused with order.other_code.
		f := su.fixture(t)
		now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
		svc, err := promo.New(f.s, allowStaff{}, &promo.Options{Now: func() time.Time { return now }, Location: time.UTC})
		f.must(err, "promo.New")
		perGroup := f.promoCode(func(c *promo.Code) { c.MaxUses, c.MaxUsesPerGroup = 0, 3 })
		n := su.cfg.concurrency
		g := uuid.New()
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, exhausted := 0, 0
		for range n {
			wg.Go(func() {
				_, err := svc.Redeem(f.ctx, perGroup.Code, g, uuid.New())
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, promo.ErrExhausted):
					exhausted++
				default:
					t.Errorf("Redeem: %v", err)
				}
			})
		}
		wg.Wait()
		if want := min(3, n); ok != want || exhausted != n-want {
			t.Errorf("one group: %d redeemed, %d exhausted; want %d and %d", ok, exhausted, want, n-want)
		}
		if got, _ := f.s.PromoUses(f.ctx, perGroup.ID, g); got != min(3, n) {
			t.Errorf("PromoUses of the group = %d, want %d", got, min(3, n))
		}
		if _, err := svc.Redeem(f.ctx, perGroup.Code, uuid.New(), uuid.New()); err != nil {
			t.Errorf("Redeem by another group: %v", err)
		}

		a := f.promoCode(func(c *promo.Code) { c.MaxUses, c.MaxUsesPerGroup = 0, 0 })
		b := f.promoCode(func(c *promo.Code) { c.MaxUses, c.MaxUsesPerGroup = 0, 0 })
		key := uuid.New()
		errs := make([]error, n)
		uses := make([]promo.Use, n)
		for i := range n {
			wg.Go(func() {
				code := a.Code
				if i%2 == 1 {
					code = b.Code
				}
				uses[i], errs[i] = svc.Redeem(f.ctx, code, g, key)
			})
		}
		wg.Wait()
		stored, err := f.s.PromoUse(f.ctx, key)
		f.must(err, "PromoUse")
		for i, err := range errs {
			switch {
			case err == nil:
				wantEqual(t, "use of the raced order", uses[i], stored)
			case errors.Is(err, promo.ErrUnusable):
			default:
				t.Errorf("Redeem raced over two codes: %v", err)
			}
		}
		na, _ := f.s.PromoUses(f.ctx, a.ID, uuid.Nil)
		nb, _ := f.s.PromoUses(f.ctx, b.ID, uuid.Nil)
		if na+nb != 1 {
			t.Errorf("uses of one order key over two codes = %d + %d, want 1", na, nb)
		}
	})
	t.Run("ConcurrentDeactivate", func(t *testing.T) {
		// n staff deactivate one code at once: every call succeeds, the
		// code ends inactive and one billing.promo.deactivated event is
		// appended.
		f := su.fixture(t)
		svc, err := promo.New(f.s, allowStaff{}, &promo.Options{Location: time.UTC})
		f.must(err, "promo.New")
		c := f.promoCode()
		var wg sync.WaitGroup
		for range su.cfg.concurrency {
			wg.Go(func() {
				if _, err := svc.Deactivate(f.ctx, group.Moderator{ID: uuid.New()}, strings.ToLower(c.Code)); err != nil {
					t.Errorf("Deactivate: %v", err)
				}
			})
		}
		wg.Wait()
		got, err := f.s.PromoCode(f.ctx, c.Code)
		f.must(err, "PromoCode")
		if got.Active {
			t.Errorf("the code is still active")
		}
		if r, ok := f.s.(storage.OutboxReader); ok {
			evs, err := r.ReadEvents(f.ctx, storage.EventQuery{Topic: promo.TopicDeactivated, Subject: c.ID})
			f.must(err, "ReadEvents")
			if len(evs) != 1 {
				t.Errorf("%d deactivation events, want 1", len(evs))
			}
		}
	})
}
