package storagetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// maxRetries bounds the retries on storage.ErrConflict of one goroutine.
const maxRetries = 10000

// retry calls fn until it returns anything but storage.ErrConflict.
func retry(fn func() error) error {
	for range maxRetries {
		if err := fn(); !errors.Is(err, storage.ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("still conflicting after %d attempts", maxRetries)
}

func (su *suite) testConcurrency(t *testing.T) {
	n := su.cfg.concurrency
	// readModifyWrite has n goroutines each add its mark to one group's
	// description, through run, retrying on conflicts; no mark may be lost.
	readModifyWrite := func(t *testing.T, run func(f *fixture, id uuid.UUID, mark string) error) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				mark := fmt.Sprintf("[%d]", i)
				if err := retry(func() error { return run(f, g.ID, mark) }); err != nil {
					t.Errorf("goroutine %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		got, err := f.s.Group(f.ctx, g.ID)
		f.must(err, "Group")
		if got.Version != int64(n+1) {
			t.Errorf("after %d updates, Version = %d, want %d", n, got.Version, n+1)
		}
		for i := range n {
			if c := strings.Count(got.Profile.Description.FR, fmt.Sprintf("[%d]", i)); c != 1 {
				t.Errorf("update %d is there %d times, want once (description %q)", i, c, got.Profile.Description.FR)
			}
		}
	}
	addMark := func(ctx context.Context, s Store, id uuid.UUID, mark string) error {
		g, err := s.Group(ctx, id)
		if err != nil {
			return err
		}
		g.Profile.Description.FR += mark
		return s.UpdateGroup(ctx, &g)
	}
	t.Run("ReadModifyWriteInAtomic", func(t *testing.T) {
		readModifyWrite(t, func(f *fixture, id uuid.UUID, mark string) error {
			return f.s.Atomic(f.ctx, func(ctx context.Context) error { return addMark(ctx, f.s, id, mark) })
		})
	})
	t.Run("ReadModifyWriteOptimistic", func(t *testing.T) {
		readModifyWrite(t, func(f *fixture, id uuid.UUID, mark string) error {
			return addMark(f.ctx, f.s, id, mark)
		})
	})
	// once has n goroutines each call create; exactly one must succeed and
	// the others fail with storage.ErrDuplicate.
	once := func(t *testing.T, f *fixture, create func(i int) error) {
		t.Helper()
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = create(i) })
		}
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, storage.ErrDuplicate):
				t.Errorf("goroutine %d: error %v, want nil or %v", i, err, storage.ErrDuplicate)
			}
		}
		if ok != 1 {
			t.Errorf("%d of %d concurrent creates succeeded, want exactly 1", ok, n)
		}
	}
	t.Run("CreateUserSameEmail", func(t *testing.T) {
		f := su.fixture(t)
		users := make([]group.User, n)
		for i := range users {
			users[i] = f.newUser(func(u *group.User) { u.Email = "same@example.com" })
		}
		once(t, f, func(i int) error { return f.s.CreateUser(f.ctx, &users[i]) })
		got, err := f.s.UserByEmail(f.ctx, "same@example.com")
		f.must(err, "UserByEmail")
		if got.Version != 1 {
			t.Errorf("the user has version %d, want 1", got.Version)
		}
	})
	t.Run("CreateCompanySameID", func(t *testing.T) {
		f := su.fixture(t)
		id := uuid.New()
		companies := make([]group.Company, n)
		for i := range companies {
			companies[i] = f.newCompany(func(c *group.Company) { c.ID = id })
		}
		once(t, f, func(i int) error { return f.s.CreateCompany(f.ctx, &companies[i]) })
	})
	t.Run("CreateMembershipSameUser", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		u := f.user()
		ms := make([]group.Membership, n)
		for i := range ms {
			ms[i] = f.newMembership(g.ID, u.ID)
		}
		once(t, f, func(i int) error { return f.s.CreateMembership(f.ctx, &ms[i]) })
	})
	t.Run("LockGroupSerialisesMemberships", func(t *testing.T) {
		// n principals each step down only if at least one other principal
		// remains active; under LockGroup the checks and the writes are
		// serialised, so exactly one principal remains.
		f := su.fixture(t)
		_, g := f.companyGroup()
		principals := make([]uuid.UUID, n)
		for i := range principals {
			principals[i] = f.user().ID
			f.membership(g.ID, principals[i], func(m *group.Membership) {
				m.Roles = []group.Role{group.Principal, group.FinanceManager}
			})
		}
		var wg sync.WaitGroup
		for i, me := range principals {
			wg.Go(func() {
				err := retry(func() error {
					return f.s.Atomic(f.ctx, func(ctx context.Context) error {
						if _, err := f.s.LockGroup(ctx, g.ID); err != nil {
							return err
						}
						members, err := f.s.MembersOfGroup(ctx, g.ID)
						if err != nil {
							return err
						}
						active := 0
						for _, m := range members {
							if m.Has(group.Principal) {
								active++
							}
						}
						if active < 2 {
							return nil
						}
						m, err := f.s.Membership(ctx, g.ID, me)
						if err != nil {
							return err
						}
						m.Roles = []group.Role{group.FinanceManager}
						return f.s.UpdateMembership(ctx, &m)
					})
				})
				if err != nil {
					t.Errorf("goroutine %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		members, err := f.s.MembersOfGroup(f.ctx, g.ID)
		f.must(err, "MembersOfGroup")
		active := 0
		for _, m := range members {
			if m.Has(group.Principal) {
				active++
			}
		}
		if active != 1 {
			t.Errorf("%d principals remain after %d concurrent guarded step-downs, want exactly 1", active, n)
		}
	})
	t.Run("ParallelReadersAndWriters", func(t *testing.T) {
		// Reads and writes of different records at once; the race detector
		// watches.
		f := su.fixture(t)
		c, g := f.companyGroup()
		users := make([]group.User, n)
		ms := make([]group.Membership, n)
		for i := range n {
			users[i] = f.newUser()
			ms[i] = f.newMembership(g.ID, users[i].ID)
		}
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				if err := f.s.CreateUser(f.ctx, &users[i]); err != nil {
					t.Errorf("CreateUser: %v", err)
					return
				}
				if err := f.s.CreateMembership(f.ctx, &ms[i]); err != nil {
					t.Errorf("CreateMembership: %v", err)
				}
				if _, err := f.s.MembersOfGroup(f.ctx, g.ID); err != nil {
					t.Errorf("MembersOfGroup: %v", err)
				}
				if _, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{Keyword: c.LegalName}); err != nil {
					t.Errorf("SearchCompanies: %v", err)
				}
			})
		}
		wg.Wait()
		members, err := f.s.MembersOfGroup(f.ctx, g.ID)
		f.must(err, "MembersOfGroup")
		if len(members) != n {
			t.Errorf("%d members after %d concurrent joins, want %d", len(members), n, n)
		}
	})
}
