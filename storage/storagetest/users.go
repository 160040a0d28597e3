package storagetest

import (
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

func (su *suite) testUser(t *testing.T) {
	runCRUD(t, su, crud[group.User]{
		build:   func(f *fixture) group.User { return f.newUser() },
		create:  func(f *fixture, u *group.User) error { return f.s.CreateUser(f.ctx, u) },
		get:     func(f *fixture, u group.User) (group.User, error) { return f.s.User(f.ctx, u.ID) },
		update:  func(f *fixture, u *group.User) error { return f.s.UpdateUser(f.ctx, u) },
		version: func(u *group.User) *int64 { return &u.Version },
		change: func(u *group.User) {
			u.FirstName += "-Marie"
			u.Function = "Présidente"
			u.PendingEmailHash = append(u.PendingEmailHash, 'x')
			u.PendingEmailExpires = u.PendingEmailExpires.Add(90 * time.Minute)
		},
		sameID: func(f *fixture, u group.User) group.User {
			return f.newUser(func(d *group.User) { d.ID = u.ID })
		},
		missing: func(f *fixture, u group.User) group.User { u.ID = uuid.New(); return u },
	})
	t.Run("CreateDuplicateEmail", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		d := f.newUser(func(d *group.User) { d.Email = u.Email })
		wantErr(t, "CreateUser with a taken e-mail", f.s.CreateUser(f.ctx, &d), storage.ErrDuplicate)
		_, err := f.s.User(f.ctx, d.ID)
		wantErr(t, "User after a refused create", err, storage.ErrNotFound)
		got, err := f.s.UserByEmail(f.ctx, u.Email)
		f.must(err, "UserByEmail")
		wantEqual(t, "owner of the e-mail", got, u)
	})
	t.Run("UserByEmail", func(t *testing.T) {
		f := su.fixture(t)
		f.user()
		u := f.user()
		f.user()
		got, err := f.s.UserByEmail(f.ctx, u.Email)
		f.must(err, "UserByEmail")
		wantEqual(t, "UserByEmail", got, u)
		_, err = f.s.UserByEmail(f.ctx, "nobody@example.com")
		wantErr(t, "UserByEmail of an unknown e-mail", err, storage.ErrNotFound)
		_, err = f.s.UserByEmail(f.ctx, u.PendingEmail)
		wantErr(t, "UserByEmail of a pending (unverified) e-mail", err, storage.ErrNotFound)
	})
	t.Run("UserByPendingEmailHash", func(t *testing.T) {
		f := su.fixture(t)
		f.user()
		u := f.user()
		f.user(func(u *group.User) { u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "", nil, time.Time{} })
		got, err := f.s.UserByPendingEmailHash(f.ctx, u.PendingEmailHash)
		f.must(err, "UserByPendingEmailHash")
		wantEqual(t, "UserByPendingEmailHash", got, u)
		_, err = f.s.UserByPendingEmailHash(f.ctx, []byte("no such hash"))
		wantErr(t, "UserByPendingEmailHash of an unknown hash", err, storage.ErrNotFound)
		_, err = f.s.UserByPendingEmailHash(f.ctx, nil)
		wantErr(t, "UserByPendingEmailHash(nil) with a user without a pending e-mail", err, storage.ErrNotFound)
		_, err = f.s.UserByPendingEmailHash(f.ctx, []byte{})
		wantErr(t, "UserByPendingEmailHash(empty)", err, storage.ErrNotFound)
	})
	t.Run("UpdatePendingEmailHash", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		old := u.PendingEmailHash
		u.PendingEmailHash = []byte("a fresh token hash")
		f.must(f.s.UpdateUser(f.ctx, &u), "UpdateUser")
		_, err := f.s.UserByPendingEmailHash(f.ctx, old)
		wantErr(t, "UserByPendingEmailHash of the replaced hash", err, storage.ErrNotFound)
		got, err := f.s.UserByPendingEmailHash(f.ctx, u.PendingEmailHash)
		f.must(err, "UserByPendingEmailHash of the new hash")
		wantEqual(t, "UserByPendingEmailHash of the new hash", got, u)
		hash := u.PendingEmailHash
		u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "", nil, time.Time{}
		f.must(f.s.UpdateUser(f.ctx, &u), "UpdateUser clearing the pending e-mail")
		_, err = f.s.UserByPendingEmailHash(f.ctx, hash)
		wantErr(t, "UserByPendingEmailHash after the pending e-mail was cleared", err, storage.ErrNotFound)
		got, err = f.s.User(f.ctx, u.ID)
		f.must(err, "User")
		wantEqual(t, "user without a pending e-mail", got, u)
	})
	t.Run("UpdateEmail", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		old := u.Email
		u.Email = "changed@example.com"
		f.must(f.s.UpdateUser(f.ctx, &u), "UpdateUser changing the e-mail")
		got, err := f.s.UserByEmail(f.ctx, u.Email)
		f.must(err, "UserByEmail of the new e-mail")
		wantEqual(t, "UserByEmail of the new e-mail", got, u)
		_, err = f.s.UserByEmail(f.ctx, old)
		wantErr(t, "UserByEmail of the former e-mail", err, storage.ErrNotFound)
		f.user(func(n *group.User) { n.Email = old }) // the former e-mail is free again
	})
	t.Run("UpdateEmailTaken", func(t *testing.T) {
		f := su.fixture(t)
		a := f.user()
		b := f.user()
		taken := b
		taken.Email = a.Email
		taken.FirstName = "Changed"
		wantErr(t, "UpdateUser to another user's e-mail", f.s.UpdateUser(f.ctx, &taken), storage.ErrDuplicate)
		if taken.Version != 1 {
			t.Errorf("after a refused update, the argument's Version = %d, want 1", taken.Version)
		}
		got, err := f.s.User(f.ctx, b.ID)
		f.must(err, "User")
		wantEqual(t, "user after a refused update", got, b)
		got, err = f.s.UserByEmail(f.ctx, a.Email)
		f.must(err, "UserByEmail")
		wantEqual(t, "owner of the e-mail", got, a)
		// Keeping one's own e-mail is no conflict.
		b.FirstName = "Changed"
		f.must(f.s.UpdateUser(f.ctx, &b), "UpdateUser keeping its e-mail")
	})
	t.Run("DeepCopy", func(t *testing.T) {
		f := su.fixture(t)
		u := f.newUser()
		want := u
		want.PendingEmailHash = []byte(string(u.PendingEmailHash))
		f.must(f.s.CreateUser(f.ctx, &u), "CreateUser")
		want.Version = 1
		u.PendingEmailHash[0] ^= 0xff // the caller's slice, after Create
		check := func(what string) {
			t.Helper()
			got, err := f.s.User(f.ctx, want.ID)
			f.must(err, "User")
			wantEqual(t, what, got, want)
		}
		check("user after the caller changed its slice")
		got, err := f.s.User(f.ctx, want.ID)
		f.must(err, "User")
		got.PendingEmailHash[0] ^= 0xff
		check("user after the caller changed a slice User returned")
		got, err = f.s.UserByEmail(f.ctx, want.Email)
		f.must(err, "UserByEmail")
		got.PendingEmailHash[0] ^= 0xff
		check("user after the caller changed a slice UserByEmail returned")
		got, err = f.s.UserByPendingEmailHash(f.ctx, want.PendingEmailHash)
		f.must(err, "UserByPendingEmailHash")
		got.PendingEmailHash[0] ^= 0xff
		check("user after the caller changed a slice UserByPendingEmailHash returned")
		upd := want
		upd.PendingEmailHash = []byte("updated hash")
		f.must(f.s.UpdateUser(f.ctx, &upd), "UpdateUser")
		want.PendingEmailHash, want.Version = []byte("updated hash"), 2
		upd.PendingEmailHash[0] ^= 0xff
		check("user after the caller changed its slice, after Update")
	})
}
