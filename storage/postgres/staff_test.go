package postgres_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/google/uuid"
)

// The staff roster over PostgreSQL: its lock must hold under real
// concurrency, not only in the memory store's serial transactions.

// slowRoster widens the window between reading the roster and writing it,
// so that a missing lock shows.
type slowRoster struct{ *postgres.Store }

func (s slowRoster) StaffRoster(ctx context.Context) ([]group.Staff, error) {
	out, err := s.Store.StaffRoster(ctx)
	time.Sleep(20 * time.Millisecond)
	return out, err
}

// Of many bootstraps at once, one wins.
func TestStaffConcurrentBootstrapsOneWins(t *testing.T) {
	store := newStore(t)
	svc := group.New(slowRoster{store}, nil)
	ctx := context.Background()
	const n = 12
	var won atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, err := svc.BootstrapStaff(ctx, uuid.New())
			switch {
			case err == nil:
				won.Add(1)
			case !errors.Is(err, group.ErrNotAllowed):
				t.Errorf("bootstrap: %v", err)
			}
		})
	}
	wg.Wait()
	equal(t, won.Load(), int32(1))
	roster, err := store.StaffRoster(ctx)
	mustNil(t, err)
	equal(t, len(roster), 1)
}

// Admins removing each other at once leave one admin.
func TestStaffConcurrentRemovalsKeepAnAdmin(t *testing.T) {
	store := newStore(t)
	svc := group.New(slowRoster{store}, nil)
	ctx := context.Background()
	first := staffAdmin(t, store, svc)
	admins := []group.Moderator{first}
	for range 5 {
		st, err := svc.AddStaff(ctx, first, uuid.New(), group.StaffAdmin)
		mustNil(t, err)
		admins = append(admins, group.Moderator{ID: st.UserID})
	}
	var wg sync.WaitGroup
	for i, by := range admins {
		wg.Go(func() {
			target := admins[(i+1)%len(admins)]
			_, err := svc.RemoveStaff(ctx, by, target.ID)
			if err != nil && !errors.Is(err, group.ErrNotAllowed) && !errors.Is(err, group.ErrForbidden) {
				t.Errorf("removal: %v", err)
			}
		})
	}
	wg.Wait()
	roster, err := store.StaffRoster(ctx)
	mustNil(t, err)
	active := 0
	for _, st := range roster {
		if st.Has(group.StaffAdmin) {
			active++
		}
	}
	if active < 1 {
		t.Fatalf("%d active admins left, want at least 1", active)
	}
}

// While a transaction holds the roster's lock, the staff checks of board
// actions (plain reads) go on.
func TestStaffLockLeavesReadsFree(t *testing.T) {
	store := newStore(t)
	svc := group.New(store, nil)
	ctx := context.Background()
	admin := staffAdmin(t, store, svc)
	locked, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- store.Atomic(ctx, func(ctx context.Context) error {
			if err := store.LockStaffRoster(ctx); err != nil {
				return err
			}
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err := svc.AuthorizeStaff(rctx, admin, group.PowerModerateOffers)
	_, rerr := store.StaffRoster(rctx)
	close(release)
	mustNil(t, <-done)
	mustNil(t, err)
	mustNil(t, rerr)
}
