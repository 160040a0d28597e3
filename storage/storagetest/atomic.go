package storagetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// written is one record of each kind, written in a transaction, so that a
// test can tell whether the transaction's writes are there.
type written struct {
	company    group.Company
	group      group.Group
	user       group.User
	membership group.Membership
	request    group.JoinRequest
	invitation group.Invitation
	event      storage.Event
	// updated was stored before the transaction, at version 1, and is
	// updated in it; renamed is a user whose e-mail the transaction changes.
	updated        group.Company
	renamed        group.User
	renamedEmail   string
	updatedVersion int64
}

// prepare stores the records the transaction updates.
func prepare(f *fixture) *written {
	f.t.Helper()
	return &written{updated: f.company(), renamed: f.user()}
}

// write writes every kind of record with ctx, failing the test on error.
func (w *written) write(ctx context.Context, f *fixture) {
	f.t.Helper()
	s := f.s
	w.company = f.newCompany()
	f.must(s.CreateCompany(ctx, &w.company), "CreateCompany in the transaction")
	w.group = f.newGroup(w.company.ID)
	f.must(s.CreateGroup(ctx, &w.group), "CreateGroup in the transaction")
	w.user = f.newUser()
	f.must(s.CreateUser(ctx, &w.user), "CreateUser in the transaction")
	w.membership = f.newMembership(w.group.ID, w.user.ID)
	f.must(s.CreateMembership(ctx, &w.membership), "CreateMembership in the transaction")
	w.request = f.newJoinRequest(w.user.ID, w.company.ID, uuid.Nil)
	f.must(s.CreateJoinRequest(ctx, &w.request), "CreateJoinRequest in the transaction")
	w.invitation = f.newInvitation(w.group.ID)
	f.must(s.CreateInvitation(ctx, &w.invitation), "CreateInvitation in the transaction")
	w.event = newEvent(at(1), 1)
	f.must(s.AppendEvents(ctx, w.event), "AppendEvents in the transaction")
	upd := w.updated
	upd.LegalName = "Renamed in the transaction"
	f.must(s.UpdateCompany(ctx, &upd), "UpdateCompany in the transaction")
	w.updatedVersion = upd.Version
	ren := w.renamed
	ren.Email = "renamed-in-tx@example.com"
	w.renamedEmail = ren.Email
	f.must(s.UpdateUser(ctx, &ren), "UpdateUser in the transaction")
}

// checkCommitted checks that everything write wrote is there.
func (w *written) checkCommitted(t *testing.T, f *fixture) {
	t.Helper()
	ctx, s := f.ctx, f.s
	c, err := s.Company(ctx, w.company.ID)
	f.must(err, "Company after commit")
	wantEqual(t, "company after commit", c, w.company)
	g, err := s.Group(ctx, w.group.ID)
	f.must(err, "Group after commit")
	wantEqual(t, "group after commit", g, w.group)
	u, err := s.UserByEmail(ctx, w.user.Email)
	f.must(err, "UserByEmail after commit")
	wantEqual(t, "user after commit", u, w.user)
	m, err := s.Membership(ctx, w.group.ID, w.user.ID)
	f.must(err, "Membership after commit")
	wantEqual(t, "membership after commit", m, w.membership)
	r, err := s.JoinRequest(ctx, w.request.ID)
	f.must(err, "JoinRequest after commit")
	wantEqual(t, "join request after commit", r, w.request)
	inv, err := s.Invitation(ctx, w.invitation.ID)
	f.must(err, "Invitation after commit")
	wantEqual(t, "invitation after commit", inv, w.invitation)
	up, err := s.Company(ctx, w.updated.ID)
	f.must(err, "Company after commit")
	if up.Version != 2 || up.LegalName != "Renamed in the transaction" {
		t.Errorf("company updated in the transaction, after commit: version %d, name %q", up.Version, up.LegalName)
	}
	ren, err := s.UserByEmail(ctx, w.renamedEmail)
	f.must(err, "UserByEmail of the new e-mail after commit")
	if ren.ID != w.renamed.ID {
		t.Errorf("the new e-mail belongs to %v, want %v", ren.ID, w.renamed.ID)
	}
	events, err := s.ClaimEvents(ctx, "checker", 10, time.Minute, at(1000))
	f.must(err, "ClaimEvents after commit")
	wantIDs(t, "events after commit", ids(events, eventID), []uuid.UUID{w.event.ID})
}

// checkRolledBack checks that nothing write wrote is there, and that the
// unique keys it took are free again.
func (w *written) checkRolledBack(t *testing.T, f *fixture) {
	t.Helper()
	ctx, s := f.ctx, f.s
	_, err := s.Company(ctx, w.company.ID)
	wantErr(t, "Company created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.Group(ctx, w.group.ID)
	wantErr(t, "Group created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.User(ctx, w.user.ID)
	wantErr(t, "User created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.UserByEmail(ctx, w.user.Email)
	wantErr(t, "UserByEmail of a user created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.Membership(ctx, w.group.ID, w.user.ID)
	wantErr(t, "Membership created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.JoinRequest(ctx, w.request.ID)
	wantErr(t, "JoinRequest created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.Invitation(ctx, w.invitation.ID)
	wantErr(t, "Invitation created in a rolled-back transaction", err, storage.ErrNotFound)
	_, err = s.InvitationByTokenHash(ctx, w.invitation.TokenHash)
	wantErr(t, "InvitationByTokenHash of an invitation created in a rolled-back transaction", err, storage.ErrNotFound)
	list, err := s.SearchCompanies(ctx, group.CompanyQuery{})
	f.must(err, "SearchCompanies")
	wantIDs(t, "companies after rollback", ids(list, companyID), []uuid.UUID{w.updated.ID})
	up, err := s.Company(ctx, w.updated.ID)
	f.must(err, "Company updated in a rolled-back transaction")
	wantEqual(t, "company updated in a rolled-back transaction", up, w.updated)
	ren, err := s.UserByEmail(ctx, w.renamed.Email)
	f.must(err, "UserByEmail of the e-mail changed in a rolled-back transaction")
	wantEqual(t, "user updated in a rolled-back transaction", ren, w.renamed)
	_, err = s.UserByEmail(ctx, w.renamedEmail)
	wantErr(t, "UserByEmail of the e-mail set in a rolled-back transaction", err, storage.ErrNotFound)
	events, err := s.ClaimEvents(ctx, "checker", 10, time.Minute, at(1000))
	f.must(err, "ClaimEvents after rollback")
	if len(events) != 0 {
		t.Errorf("events appended in a rolled-back transaction were claimed: %v", ids(events, eventID))
	}
	// The identities and unique keys are free again.
	again := w.company
	f.must(s.CreateCompany(ctx, &again), "CreateCompany with the ID of a rolled-back company")
	u := f.newUser(func(u *group.User) { u.ID, u.Email = w.user.ID, w.user.Email })
	f.must(s.CreateUser(ctx, &u), "CreateUser with the ID and e-mail of a rolled-back user")
	u2 := f.newUser(func(u *group.User) { u.Email = w.renamedEmail })
	f.must(s.CreateUser(ctx, &u2), "CreateUser with an e-mail set in a rolled-back transaction")
	f.must(s.AppendEvents(ctx, w.event), "AppendEvents with the ID of a rolled-back event")
	upd := w.updated
	f.must(s.UpdateCompany(ctx, &upd), "UpdateCompany at version 1 after a rolled-back update")
}

func (su *suite) testAtomic(t *testing.T) {
	t.Run("Commit", func(t *testing.T) {
		f := su.fixture(t)
		w := prepare(f)
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			w.write(ctx, f)
			return nil
		})
		f.must(err, "Atomic")
		w.checkCommitted(t, f)
	})
	t.Run("RollbackOnError", func(t *testing.T) {
		f := su.fixture(t)
		w := prepare(f)
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			w.write(ctx, f)
			return boom
		})
		wantErr(t, "Atomic whose function failed", err, boom)
		w.checkRolledBack(t, f)
	})
	t.Run("RollbackOnStoreError", func(t *testing.T) {
		// The function returns the error a store method returned.
		f := su.fixture(t)
		w := prepare(f)
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			w.write(ctx, f)
			stale := w.updated // version 1, stored 2 by now
			return f.s.UpdateCompany(ctx, &stale)
		})
		wantErr(t, "Atomic returning a stale update's error", err, storage.ErrConflict)
		w.checkRolledBack(t, f)
	})
	t.Run("RollbackOnPanic", func(t *testing.T) {
		f := su.fixture(t)
		w := prepare(f)
		type boom struct{ n int }
		var recovered any
		func() {
			defer func() { recovered = recover() }()
			_ = f.s.Atomic(f.ctx, func(ctx context.Context) error {
				w.write(ctx, f)
				panic(boom{42})
			})
		}()
		if recovered != (boom{42}) {
			t.Errorf("Atomic whose function panicked with %v: recovered %v, want the same value", boom{42}, recovered)
		}
		w.checkRolledBack(t, f)
		// The store is usable afterwards.
		f.must(f.s.Atomic(f.ctx, func(ctx context.Context) error {
			_, err := f.s.Company(ctx, w.updated.ID)
			return err
		}), "Atomic after a panic")
	})
	t.Run("ReadOwnWrites", func(t *testing.T) {
		f := su.fixture(t)
		w := prepare(f)
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			w.write(ctx, f)
			s := f.s
			c, err := s.Company(ctx, w.company.ID)
			f.must(err, "Company in the transaction")
			wantEqual(t, "company read in its transaction", c, w.company)
			up, err := s.Company(ctx, w.updated.ID)
			f.must(err, "Company in the transaction")
			if up.Version != w.updatedVersion || up.LegalName != "Renamed in the transaction" {
				t.Errorf("company updated in the transaction, read in it: version %d, name %q", up.Version, up.LegalName)
			}
			found, err := s.SearchCompanies(ctx, group.CompanyQuery{Keyword: "renamed transaction"})
			f.must(err, "SearchCompanies in the transaction")
			wantIDs(t, "SearchCompanies in the transaction", ids(found, companyID), []uuid.UUID{w.updated.ID})
			groups, err := s.GroupsOfCompany(ctx, w.company.ID)
			f.must(err, "GroupsOfCompany in the transaction")
			wantIDs(t, "GroupsOfCompany in the transaction", ids(groups, groupID), []uuid.UUID{w.group.ID})
			_, err = s.LockGroup(ctx, w.group.ID)
			f.must(err, "LockGroup in the transaction")
			u, err := s.UserByEmail(ctx, w.renamedEmail)
			f.must(err, "UserByEmail in the transaction")
			if u.ID != w.renamed.ID {
				t.Errorf("UserByEmail in the transaction found %v, want %v", u.ID, w.renamed.ID)
			}
			_, err = s.UserByEmail(ctx, w.renamed.Email)
			wantErr(t, "UserByEmail of the former e-mail in the transaction", err, storage.ErrNotFound)
			members, err := s.MembersOfGroup(ctx, w.group.ID)
			f.must(err, "MembersOfGroup in the transaction")
			wantEqual(t, "MembersOfGroup in the transaction", members, []group.Membership{w.membership})
			reqs, err := s.JoinRequests(ctx, group.JoinRequestQuery{UserID: w.user.ID})
			f.must(err, "JoinRequests in the transaction")
			wantEqual(t, "JoinRequests in the transaction", reqs, []group.JoinRequest{w.request})
			inv, err := s.InvitationByTokenHash(ctx, w.invitation.TokenHash)
			f.must(err, "InvitationByTokenHash in the transaction")
			wantEqual(t, "InvitationByTokenHash in the transaction", inv, w.invitation)
			events, err := s.ClaimEvents(ctx, "w", 10, time.Minute, at(500))
			f.must(err, "ClaimEvents in the transaction")
			wantIDs(t, "ClaimEvents in the transaction", ids(events, eventID), []uuid.UUID{w.event.ID})
			return nil
		})
		f.must(err, "Atomic")
	})
	t.Run("NestedJoins", func(t *testing.T) {
		f := su.fixture(t)
		outer, inner := f.newCompany(), f.newCompany()
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			f.must(f.s.CreateCompany(ctx, &outer), "CreateCompany in the outer transaction")
			err := f.s.Atomic(ctx, func(ctx context.Context) error {
				if _, err := f.s.Company(ctx, outer.ID); err != nil {
					t.Errorf("the nested transaction does not see the outer one's write: %v", err)
				}
				return f.s.CreateCompany(ctx, &inner)
			})
			f.must(err, "nested Atomic")
			if _, err := f.s.Company(ctx, inner.ID); err != nil {
				t.Errorf("the outer transaction does not see the nested one's write: %v", err)
			}
			return nil
		})
		f.must(err, "Atomic")
		for _, c := range []group.Company{outer, inner} {
			got, err := f.s.Company(f.ctx, c.ID)
			f.must(err, "Company after the nested transactions committed")
			wantEqual(t, "company after commit", got, c)
		}
	})
	t.Run("NestedRollsBackWithOuter", func(t *testing.T) {
		f := su.fixture(t)
		outer, inner := f.newCompany(), f.newCompany()
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			f.must(f.s.CreateCompany(ctx, &outer), "CreateCompany in the outer transaction")
			err := f.s.Atomic(ctx, func(ctx context.Context) error {
				return f.s.CreateCompany(ctx, &inner)
			})
			f.must(err, "nested Atomic")
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		for _, c := range []group.Company{outer, inner} {
			_, err := f.s.Company(f.ctx, c.ID)
			wantErr(t, "Company written in a rolled-back transaction (outer or nested)", err, storage.ErrNotFound)
		}
	})
	t.Run("NoDirtyReads", func(t *testing.T) {
		// A reader outside a transaction never sees its uncommitted writes:
		// it reads the state before the transaction (or waits for its end).
		f := su.fixture(t)
		before := f.company()
		created := f.newCompany()
		inTx := make(chan struct{})
		done := make(chan error, 1)
		boom := errors.New("boom")
		go func() {
			done <- f.s.Atomic(f.ctx, func(ctx context.Context) error {
				if err := f.s.CreateCompany(ctx, &created); err != nil {
					return err
				}
				upd := before
				upd.LegalName = "Dirty"
				if err := f.s.UpdateCompany(ctx, &upd); err != nil {
					return err
				}
				close(inTx)
				time.Sleep(20 * time.Millisecond)
				return boom
			})
		}()
		select {
		case <-inTx:
		case err := <-done:
			t.Fatalf("Atomic ended before its writes: %v", err)
		}
		_, err := f.s.Company(f.ctx, created.ID)
		wantErr(t, "Company created by a running (then rolled-back) transaction", err, storage.ErrNotFound)
		got, err := f.s.Company(f.ctx, before.ID)
		f.must(err, "Company")
		wantEqual(t, "company updated by a running (then rolled-back) transaction", got, before)
		wantErr(t, "Atomic", <-done, boom)
	})
}
