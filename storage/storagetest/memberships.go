package storagetest

import (
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

func (su *suite) testMembership(t *testing.T) {
	runCRUD(t, su, crud[group.Membership]{
		build: func(f *fixture) group.Membership {
			_, g := f.companyGroup()
			return f.newMembership(g.ID, f.user().ID)
		},
		create: func(f *fixture, m *group.Membership) error { return f.s.CreateMembership(f.ctx, m) },
		get: func(f *fixture, m group.Membership) (group.Membership, error) {
			return f.s.Membership(f.ctx, m.GroupID, m.UserID)
		},
		update:  func(f *fixture, m *group.Membership) error { return f.s.UpdateMembership(f.ctx, m) },
		version: func(m *group.Membership) *int64 { return &m.Version },
		change: func(m *group.Membership) {
			m.Roles = append(m.Roles, group.Principal)
			m.Active = !m.Active
			m.RemovedAt = m.JoinedAt.Add(time.Duration(len(m.Roles)) * time.Hour)
			m.RemovedBy = uuid.New()
		},
		sameID: func(f *fixture, m group.Membership) group.Membership {
			return f.newMembership(m.GroupID, m.UserID, func(d *group.Membership) { d.Roles = []group.Role{group.Principal} })
		},
		missing: func(f *fixture, m group.Membership) group.Membership {
			m.UserID = f.user().ID // an existing user, not a member
			return m
		},
	})
	t.Run("CreateMissingGroup", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		m := f.newMembership(uuid.New(), u.ID)
		wantErr(t, "CreateMembership in an unknown group", f.s.CreateMembership(f.ctx, &m), storage.ErrNotFound)
		got, err := f.s.MembershipsOfUser(f.ctx, u.ID)
		if err != nil || len(got) != 0 {
			t.Errorf("MembershipsOfUser after a refused create = %v, %v; want nothing", got, err)
		}
	})
	t.Run("CreateMissingUser", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		m := f.newMembership(g.ID, uuid.New())
		wantErr(t, "CreateMembership of an unknown user", f.s.CreateMembership(f.ctx, &m), storage.ErrNotFound)
		_, err := f.s.Membership(f.ctx, g.ID, m.UserID)
		wantErr(t, "Membership after a refused create", err, storage.ErrNotFound)
	})
	t.Run("MembersOfGroup", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		tie := sortedIDs(3)
		for _, id := range []uuid.UUID{tie[1], tie[2], tie[0]} {
			f.user(func(u *group.User) { u.ID = id })
		}
		late := f.membership(g.ID, f.user().ID, func(m *group.Membership) { m.JoinedAt = at(900) })
		for _, id := range []uuid.UUID{tie[2], tie[0], tie[1]} {
			active := id != tie[1]
			f.membership(g.ID, id, func(m *group.Membership) {
				m.JoinedAt, m.Active = at(400), active
				if !active {
					m.RemovedAt, m.RemovedBy = at(600), uuid.New()
				}
			})
		}
		early := f.membership(g.ID, f.user().ID, func(m *group.Membership) { m.JoinedAt = at(10) })
		f.membership(other.ID, tie[0])
		got, err := f.s.MembersOfGroup(f.ctx, g.ID)
		f.must(err, "MembersOfGroup")
		wantIDs(t, "MembersOfGroup, active or not (by join time, then user ID)", ids(got, memberUserID),
			[]uuid.UUID{early.UserID, tie[0], tie[1], tie[2], late.UserID})
		if len(got) == 5 {
			wantEqual(t, "first member", got[0], early)
			if got[2].Active {
				t.Errorf("MembersOfGroup returned an inactive membership as active")
			}
		}
		got, err = f.s.MembersOfGroup(f.ctx, uuid.New())
		if err != nil || len(got) != 0 {
			t.Errorf("MembersOfGroup of an unknown group = %v, %v; want nothing, nil", got, err)
		}
	})
	t.Run("MembershipsOfUser", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		tie := sortedIDs(3)
		for _, id := range []uuid.UUID{tie[2], tie[1], tie[0]} {
			f.group(c.ID, func(g *group.Group) { g.ID = id })
		}
		u := f.user()
		late := f.membership(f.group(c.ID).ID, u.ID, func(m *group.Membership) { m.JoinedAt = at(900) })
		for _, id := range []uuid.UUID{tie[1], tie[0], tie[2]} {
			f.membership(id, u.ID, func(m *group.Membership) { m.JoinedAt, m.Active = at(400), id != tie[0] })
		}
		early := f.membership(f.group(c.ID).ID, u.ID, func(m *group.Membership) { m.JoinedAt = at(10) })
		f.membership(tie[0], f.user().ID) // another user's
		got, err := f.s.MembershipsOfUser(f.ctx, u.ID)
		f.must(err, "MembershipsOfUser")
		wantIDs(t, "MembershipsOfUser, active or not (by join time, then group ID)", ids(got, memberGroupID),
			[]uuid.UUID{early.GroupID, tie[0], tie[1], tie[2], late.GroupID})
		if len(got) == 5 {
			wantEqual(t, "last membership", got[4], late)
		}
		got, err = f.s.MembershipsOfUser(f.ctx, uuid.New())
		if err != nil || len(got) != 0 {
			t.Errorf("MembershipsOfUser of an unknown user = %v, %v; want nothing, nil", got, err)
		}
	})
	t.Run("DeepCopy", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		u := f.user()
		m := f.newMembership(g.ID, u.ID, func(m *group.Membership) {
			m.Roles = []group.Role{group.Principal, group.FinanceManager}
		})
		f.must(f.s.CreateMembership(f.ctx, &m), "CreateMembership")
		want := m
		want.Roles = []group.Role{group.Principal, group.FinanceManager}
		m.Roles[0] = group.PostingManager // the caller's slice, after Create
		check := func(what string) {
			t.Helper()
			got, err := f.s.Membership(f.ctx, g.ID, u.ID)
			f.must(err, "Membership")
			wantEqual(t, what, got, want)
		}
		check("membership after the caller changed its slice")
		got, err := f.s.Membership(f.ctx, g.ID, u.ID)
		f.must(err, "Membership")
		got.Roles[0] = group.PostingManager
		check("membership after the caller changed a slice Membership returned")
		list, err := f.s.MembersOfGroup(f.ctx, g.ID)
		f.must(err, "MembersOfGroup")
		list[0].Roles[0] = group.PostingManager
		check("membership after the caller changed a slice MembersOfGroup returned")
		list, err = f.s.MembershipsOfUser(f.ctx, u.ID)
		f.must(err, "MembershipsOfUser")
		list[0].Roles[0] = group.PostingManager
		check("membership after the caller changed a slice MembershipsOfUser returned")
		upd := want
		upd.Roles = []group.Role{group.FinanceManager}
		f.must(f.s.UpdateMembership(f.ctx, &upd), "UpdateMembership")
		want.Roles, want.Version = []group.Role{group.FinanceManager}, 2
		upd.Roles[0] = group.Principal
		check("membership after the caller changed its slice, after Update")
	})
	t.Run("RolesOrderKept", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		roles := []group.Role{group.FinanceManager, group.Principal, group.PostingManager}
		m := f.membership(g.ID, f.user().ID, func(m *group.Membership) { m.Roles = roles })
		got, err := f.s.Membership(f.ctx, g.ID, m.UserID)
		f.must(err, "Membership")
		wantEqual(t, "roles", got.Roles, roles)
		noRoles := f.membership(g.ID, f.user().ID, func(m *group.Membership) { m.Roles = nil })
		got, err = f.s.Membership(f.ctx, g.ID, noRoles.UserID)
		f.must(err, "Membership")
		if len(got.Roles) != 0 {
			t.Errorf("membership without roles came back with %v", got.Roles)
		}
	})
}
