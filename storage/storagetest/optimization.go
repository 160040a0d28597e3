package storagetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// testOptimization checks offer.OptimizationStore: an optimization is
// recorded once per key, read back as written, and rolled back with its
// transaction.
func (su *suite) testOptimization(t *testing.T) {
	t.Run("AddAndRead", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		// A time with nanoseconds: stored to the microsecond.
		odd := time.Date(2026, 3, 8, 7, 30, 0, 123456789, time.UTC)
		want := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionFeature, By: uuid.New(),
			At: odd, Shortfall: 49*time.Hour + 123456789}
		f.must(f.s.AddOptimization(f.ctx, want), "AddOptimization")
		got, err := f.s.Optimization(f.ctx, want.Key)
		f.must(err, "Optimization")
		want.At = odd.Truncate(time.Microsecond)
		wantEqual(t, "Optimization", got, want)

		ext := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionExtend, At: at(2)}
		f.must(f.s.AddOptimization(f.ctx, ext), "AddOptimization without member")
		got, err = f.s.Optimization(f.ctx, ext.Key)
		f.must(err, "Optimization")
		wantEqual(t, "Optimization without member", got, ext)

		_, err = f.s.Optimization(f.ctx, uuid.New())
		wantErr(t, "Optimization of an unknown key", err, storage.ErrNotFound)
	})
	t.Run("KeyOnce", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o, other := f.offer(g.ID), f.offer(g.ID)
		first := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionExtend, At: at(1)}
		f.must(f.s.AddOptimization(f.ctx, first), "AddOptimization")
		again := first
		again.OfferID, again.Action, again.At = other.ID, offer.ActionFeature, at(2)
		wantErr(t, "AddOptimization with a recorded key", f.s.AddOptimization(f.ctx, again), storage.ErrDuplicate)
		got, err := f.s.Optimization(f.ctx, first.Key)
		f.must(err, "Optimization")
		wantEqual(t, "Optimization after the duplicate", got, first)
		err = f.s.AddOptimization(f.ctx, offer.Optimization{Key: uuid.New(), OfferID: uuid.New(), Action: offer.ActionExtend, At: at(1)})
		wantErr(t, "AddOptimization of an unknown offer", err, storage.ErrNotFound)
	})
	t.Run("DuplicateKeepsTheTransaction", func(t *testing.T) {
		// A refused key leaves the caller's transaction usable.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		first := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionExtend, At: at(1)}
		f.must(f.s.AddOptimization(f.ctx, first), "AddOptimization")
		second := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionFeature, At: at(2)}
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			wantErr(t, "AddOptimization with a recorded key", f.s.AddOptimization(ctx, first), storage.ErrDuplicate)
			wantErr(t, "AddOptimization of an unknown offer",
				f.s.AddOptimization(ctx, offer.Optimization{Key: uuid.New(), OfferID: uuid.New(), At: at(1)}), storage.ErrNotFound)
			return f.s.AddOptimization(ctx, second)
		})
		f.must(err, "Atomic")
		_, err = f.s.Optimization(f.ctx, second.Key)
		f.must(err, "Optimization after commit")
	})
	t.Run("Rollback", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		rec := offer.Optimization{Key: uuid.New(), OfferID: o.ID, Action: offer.ActionExtend, At: at(1)}
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			if err := f.s.AddOptimization(ctx, rec); err != nil {
				return err
			}
			if _, err := f.s.Optimization(ctx, rec.Key); err != nil {
				return err // the transaction reads its own writes
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		_, err = f.s.Optimization(f.ctx, rec.Key)
		wantErr(t, "Optimization after rollback", err, storage.ErrNotFound)
	})
	t.Run("ConcurrentKey", func(t *testing.T) {
		// Of the transactions that add one key at once, one succeeds; the
		// others get storage.ErrDuplicate.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		key := uuid.New()
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		for i := range su.cfg.concurrency {
			wg.Go(func() {
				err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
					return f.s.AddOptimization(ctx, offer.Optimization{Key: key, OfferID: o.ID, Action: offer.ActionExtend, At: at(i)})
				})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case !errors.Is(err, storage.ErrDuplicate):
					t.Errorf("AddOptimization: %v, want nil or storage.ErrDuplicate", err)
				}
			})
		}
		wg.Wait()
		if ok != 1 {
			t.Errorf("%d of %d concurrent AddOptimization with one key succeeded, want 1", ok, su.cfg.concurrency)
		}
	})
}
