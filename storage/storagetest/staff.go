package storagetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// newStaff returns a roster record with every field set, not yet stored.
// Its roles are never empty, so that records compare without canon.
func (f *fixture) newStaff(mods ...func(*group.Staff)) group.Staff {
	n := f.next()
	st := group.Staff{
		UserID:    uuid.New(),
		Roles:     []group.StaffRole{group.StaffModerator, group.StaffFinance},
		Active:    true,
		AddedBy:   uuid.New(),
		AddedAt:   at(n),
		ChangedBy: uuid.New(),
		ChangedAt: at(n).Add(30 * time.Second),
		Version:   1,
	}
	for _, m := range mods {
		m(&st)
	}
	return st
}

// staff stores a new roster record.
func (f *fixture) staff(mods ...func(*group.Staff)) group.Staff {
	f.t.Helper()
	st := f.newStaff(mods...)
	f.must(f.s.CreateStaff(f.ctx, &st), "CreateStaff")
	return st
}

func staffUserID(st group.Staff) uuid.UUID { return st.UserID }

func (su *suite) testStaff(t *testing.T) {
	roles := [][]group.StaffRole{{group.StaffAdmin}, {group.StaffFinance}, {group.StaffAdmin, group.StaffModerator, group.StaffFinance}}
	runCRUD(t, su, crud[group.Staff]{
		build:  func(f *fixture) group.Staff { return f.newStaff() },
		create: func(f *fixture, st *group.Staff) error { return f.s.CreateStaff(f.ctx, st) },
		get:    func(f *fixture, st group.Staff) (group.Staff, error) { return f.s.Staff(f.ctx, st.UserID) },
		update: func(f *fixture, st *group.Staff) error { return f.s.UpdateStaff(f.ctx, st) },
		version: func(st *group.Staff) *int64 {
			return &st.Version
		},
		change: func(st *group.Staff) {
			st.Roles = roles[int(st.ChangedAt.Sub(st.AddedAt)/time.Minute)%len(roles)]
			st.Active = !st.Active
			st.ChangedBy = uuid.New()
			st.ChangedAt = st.ChangedAt.Add(time.Minute)
		},
		sameID: func(f *fixture, st group.Staff) group.Staff {
			return f.newStaff(func(d *group.Staff) { d.UserID, d.Roles = st.UserID, []group.StaffRole{group.StaffAdmin} })
		},
		missing: func(f *fixture, st group.Staff) group.Staff {
			st.UserID = uuid.New()
			return st
		},
	})
	t.Run("ZeroTimesAndIDs", func(t *testing.T) {
		f := su.fixture(t)
		st := f.staff(func(st *group.Staff) { st.AddedBy, st.ChangedBy, st.ChangedAt = uuid.Nil, uuid.Nil, time.Time{} })
		got, err := f.s.Staff(f.ctx, st.UserID)
		f.must(err, "Staff")
		wantEqual(t, "a bootstrapped record (no adder, never changed)", got, st)
		if got.AddedAt.Location() != time.UTC {
			t.Errorf("AddedAt in %v, want UTC", got.AddedAt.Location())
		}
	})
	t.Run("UnknownRoleRefused", func(t *testing.T) {
		f := su.fixture(t)
		bad := f.newStaff(func(st *group.Staff) { st.Roles = []group.StaffRole{group.StaffModerator, "owner"} })
		if err := f.s.CreateStaff(f.ctx, &bad); err == nil {
			t.Error("CreateStaff with an unknown board role: no error")
		}
		_, err := f.s.Staff(f.ctx, bad.UserID)
		wantErr(t, "Staff after a refused create", err, storage.ErrNotFound)
		st := f.staff()
		changed := st
		changed.Roles = []group.StaffRole{"owner"}
		if err := f.s.UpdateStaff(f.ctx, &changed); err == nil {
			t.Error("UpdateStaff with an unknown board role: no error")
		}
		got, err := f.s.Staff(f.ctx, st.UserID)
		f.must(err, "Staff")
		wantEqual(t, "record after a refused update", got, st)
	})
	t.Run("Roster", func(t *testing.T) {
		f := su.fixture(t)
		got, err := f.s.StaffRoster(f.ctx)
		f.must(err, "StaffRoster")
		if len(got) != 0 {
			t.Fatalf("StaffRoster of an empty store = %v", got)
		}
		tie := sortedIDs(3)
		late := f.staff(func(st *group.Staff) { st.AddedAt = at(50) })
		removed := f.staff(func(st *group.Staff) { st.AddedAt, st.Active = at(40), false })
		b := f.staff(func(st *group.Staff) { st.UserID, st.AddedAt = tie[2], at(30) })
		a := f.staff(func(st *group.Staff) { st.UserID, st.AddedAt = tie[0], at(30) })
		c := f.staff(func(st *group.Staff) { st.UserID, st.AddedAt = tie[1], at(30) })
		got, err = f.s.StaffRoster(f.ctx)
		f.must(err, "StaffRoster")
		wantIDs(t, "StaffRoster (added at, then user ID; removed members included)", ids(got, staffUserID),
			[]uuid.UUID{a.UserID, c.UserID, b.UserID, removed.UserID, late.UserID})
		wantEqual(t, "StaffRoster records", got, []group.Staff{a, c, b, removed, late})
	})
	t.Run("AtomicRollback", func(t *testing.T) {
		f := su.fixture(t)
		kept := f.staff()
		boom := errors.New("boom")
		var added group.Staff
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			added = f.newStaff()
			if err := f.s.CreateStaff(ctx, &added); err != nil {
				return err
			}
			changed := kept
			changed.Active = false
			if err := f.s.UpdateStaff(ctx, &changed); err != nil {
				return err
			}
			if err := f.s.LockStaffRoster(ctx); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		_, err = f.s.Staff(f.ctx, added.UserID)
		wantErr(t, "a record created in a rolled-back transaction", err, storage.ErrNotFound)
		got, err := f.s.Staff(f.ctx, kept.UserID)
		f.must(err, "Staff")
		wantEqual(t, "a record updated in a rolled-back transaction", got, kept)
	})
	t.Run("LockOutsideTransaction", func(t *testing.T) {
		f := su.fixture(t)
		f.must(f.s.LockStaffRoster(f.ctx), "LockStaffRoster without a transaction")
	})
	// n transactions each lock the roster, count it and add a record
	// stamped with the count: under the lock, every count is different.
	t.Run("LockSerialises", func(t *testing.T) {
		f := su.fixture(t)
		n := su.cfg.concurrency
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
					if err := f.s.LockStaffRoster(ctx); err != nil {
						return err
					}
					roster, err := f.s.StaffRoster(ctx)
					if err != nil {
						return err
					}
					st := f.newStaffAt(at(len(roster)))
					return f.s.CreateStaff(ctx, &st)
				})
				if err != nil {
					t.Errorf("transaction %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		roster, err := f.s.StaffRoster(f.ctx)
		f.must(err, "StaffRoster")
		if len(roster) != n {
			t.Fatalf("%d records, want %d", len(roster), n)
		}
		for i, st := range roster {
			if !st.AddedAt.Equal(at(i)) {
				t.Errorf("record %d was added when the roster counted %v, want %d (two transactions read the roster at once)",
					i, st.AddedAt.Sub(at(0)), i)
			}
		}
	})
	t.Run("RosterPage", su.testStaffRosterPage)
}

// newStaffAt returns a roster record added at t, built without touching the
// fixture's counter (safe from several goroutines).
func (f *fixture) newStaffAt(t time.Time) group.Staff {
	return group.Staff{UserID: uuid.New(), Roles: []group.StaffRole{group.StaffAdmin}, Active: true, AddedAt: t}
}
