package storagetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

func (su *suite) testInvitation(t *testing.T) {
	runCRUD(t, su, crud[group.Invitation]{
		build: func(f *fixture) group.Invitation {
			_, g := f.companyGroup()
			return f.newInvitation(g.ID)
		},
		create:  func(f *fixture, inv *group.Invitation) error { return f.s.CreateInvitation(f.ctx, inv) },
		get:     func(f *fixture, inv group.Invitation) (group.Invitation, error) { return f.s.Invitation(f.ctx, inv.ID) },
		update:  func(f *fixture, inv *group.Invitation) error { return f.s.UpdateInvitation(f.ctx, inv) },
		version: func(inv *group.Invitation) *int64 { return &inv.Version },
		change: func(inv *group.Invitation) {
			inv.SentCount++
			inv.TokenHash = append(inv.TokenHash, byte('0'+inv.SentCount))
			inv.ExpiresAt = inv.ExpiresAt.Add(7 * 24 * time.Hour)
			inv.Roles = append(inv.Roles, group.FinanceManager)
		},
		sameID: func(f *fixture, inv group.Invitation) group.Invitation {
			return f.newInvitation(inv.GroupID, func(d *group.Invitation) { d.ID = inv.ID })
		},
		missing: func(f *fixture, inv group.Invitation) group.Invitation { inv.ID = uuid.New(); return inv },
	})
	t.Run("CreateMissingGroup", func(t *testing.T) {
		f := su.fixture(t)
		inv := f.newInvitation(uuid.New())
		wantErr(t, "CreateInvitation in an unknown group", f.s.CreateInvitation(f.ctx, &inv), storage.ErrNotFound)
		_, err := f.s.Invitation(f.ctx, inv.ID)
		wantErr(t, "Invitation after a refused create", err, storage.ErrNotFound)
	})
	t.Run("UpdateMissingGroup", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		inv := f.invitation(g.ID)
		bad := inv
		bad.GroupID = uuid.New()
		wantErr(t, "UpdateInvitation to an unknown group", f.s.UpdateInvitation(f.ctx, &bad), storage.ErrNotFound)
		got, err := f.s.Invitation(f.ctx, inv.ID)
		f.must(err, "Invitation")
		wantEqual(t, "invitation after a refused update", got, inv)
	})
	t.Run("DecidedFields", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		inv := f.invitation(g.ID)
		inv.Status, inv.DecidedBy, inv.DecidedAt = group.InvitationAccepted, uuid.New(), at(2000)
		f.must(f.s.UpdateInvitation(f.ctx, &inv), "UpdateInvitation")
		got, err := f.s.Invitation(f.ctx, inv.ID)
		f.must(err, "Invitation")
		wantEqual(t, "accepted invitation", got, inv)
	})
	t.Run("InvitationByTokenHash", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		f.invitation(g.ID)
		inv := f.invitation(g.ID)
		f.invitation(g.ID, func(i *group.Invitation) { i.Status = group.InvitationRevoked })
		got, err := f.s.InvitationByTokenHash(f.ctx, inv.TokenHash)
		f.must(err, "InvitationByTokenHash")
		wantEqual(t, "InvitationByTokenHash", got, inv)
		_, err = f.s.InvitationByTokenHash(f.ctx, []byte("no such hash"))
		wantErr(t, "InvitationByTokenHash of an unknown hash", err, storage.ErrNotFound)
		_, err = f.s.InvitationByTokenHash(f.ctx, nil)
		wantErr(t, "InvitationByTokenHash(nil)", err, storage.ErrNotFound)

		// Sending again replaces the token, which voids the old one.
		old := inv.TokenHash
		inv.TokenHash, inv.SentCount = []byte("the new token hash"), 2
		f.must(f.s.UpdateInvitation(f.ctx, &inv), "UpdateInvitation")
		_, err = f.s.InvitationByTokenHash(f.ctx, old)
		wantErr(t, "InvitationByTokenHash of the replaced token", err, storage.ErrNotFound)
		got, err = f.s.InvitationByTokenHash(f.ctx, inv.TokenHash)
		f.must(err, "InvitationByTokenHash of the new token")
		wantEqual(t, "InvitationByTokenHash of the new token", got, inv)
	})
	t.Run("InvitationsOfGroup", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		f.invitation(other.ID)
		tie := sortedIDs(3)
		late := f.invitation(g.ID, func(i *group.Invitation) { i.CreatedAt = at(900) })
		for _, id := range []uuid.UUID{tie[1], tie[2], tie[0]} {
			f.invitation(g.ID, func(i *group.Invitation) { i.ID, i.CreatedAt = id, at(500) })
		}
		early := f.invitation(g.ID, func(i *group.Invitation) {
			i.CreatedAt, i.Status, i.DecidedBy, i.DecidedAt = at(5), group.InvitationRevoked, uuid.New(), at(6)
		})
		got, err := f.s.InvitationsOfGroup(f.ctx, g.ID)
		f.must(err, "InvitationsOfGroup")
		wantIDs(t, "InvitationsOfGroup (by creation time, then ID)", ids(got, invitationID),
			[]uuid.UUID{early.ID, tie[0], tie[1], tie[2], late.ID})
		if len(got) == 5 {
			wantEqual(t, "first invitation", got[0], early)
		}
		got, err = f.s.InvitationsOfGroup(f.ctx, uuid.New())
		if err != nil || len(got) != 0 {
			t.Errorf("InvitationsOfGroup of an unknown group = %v, %v; want nothing, nil", got, err)
		}
	})
	t.Run("DeepCopy", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		inv := f.newInvitation(g.ID, func(i *group.Invitation) {
			i.Roles = []group.Role{group.PostingManager, group.FinanceManager}
			i.TokenHash = []byte("hash-1")
		})
		f.must(f.s.CreateInvitation(f.ctx, &inv), "CreateInvitation")
		want := inv
		want.Roles = []group.Role{group.PostingManager, group.FinanceManager}
		want.TokenHash = []byte("hash-1")
		spoil := func(i group.Invitation) {
			i.Roles[0] = group.Principal
			i.TokenHash[0] = 'X'
		}
		spoil(inv) // the caller's slices, after Create
		check := func(what string) {
			t.Helper()
			got, err := f.s.Invitation(f.ctx, want.ID)
			f.must(err, "Invitation")
			wantEqual(t, what, got, want)
		}
		check("invitation after the caller changed its slices")
		got, err := f.s.Invitation(f.ctx, want.ID)
		f.must(err, "Invitation")
		spoil(got)
		check("invitation after the caller changed slices Invitation returned")
		got, err = f.s.InvitationByTokenHash(f.ctx, want.TokenHash)
		f.must(err, "InvitationByTokenHash")
		spoil(got)
		check("invitation after the caller changed slices InvitationByTokenHash returned")
		list, err := f.s.InvitationsOfGroup(f.ctx, g.ID)
		f.must(err, "InvitationsOfGroup")
		spoil(list[0])
		check("invitation after the caller changed slices InvitationsOfGroup returned")
		upd := want
		upd.Roles, upd.TokenHash = []group.Role{group.FinanceManager}, []byte("hash-2")
		f.must(f.s.UpdateInvitation(f.ctx, &upd), "UpdateInvitation")
		want.Roles, want.TokenHash, want.Version = []group.Role{group.FinanceManager}, []byte("hash-2"), 2
		spoil(upd)
		check("invitation after the caller changed its slices, after Update")
	})
}

func (su *suite) testGroupIsolation(t *testing.T) {
	f := su.fixture(t)
	c := f.company()
	a, b := f.group(c.ID), f.group(c.ID)
	c2 := f.company()
	x := f.group(c2.ID)
	u1, u2, u3 := f.user(), f.user(), f.user()
	mA1 := f.membership(a.ID, u1.ID)
	mB2 := f.membership(b.ID, u2.ID)
	mA3 := f.membership(a.ID, u3.ID, func(m *group.Membership) { m.JoinedAt = at(5000) })
	mB3 := f.membership(b.ID, u3.ID, func(m *group.Membership) { m.JoinedAt = at(5000) })
	mX3 := f.membership(x.ID, u3.ID, func(m *group.Membership) { m.JoinedAt = at(6000) })
	iA := f.invitation(a.ID)
	iB := f.invitation(b.ID)
	rA := f.joinRequest(u2.ID, c.ID, a.ID)
	rB := f.joinRequest(u1.ID, c.ID, b.ID)
	rN := f.joinRequest(u1.ID, c.ID, uuid.Nil)

	members, err := f.s.MembersOfGroup(f.ctx, a.ID)
	f.must(err, "MembersOfGroup")
	wantEqual(t, "members of group A", members, []group.Membership{mA1, mA3})
	members, err = f.s.MembersOfGroup(f.ctx, b.ID)
	f.must(err, "MembersOfGroup")
	wantEqual(t, "members of group B", members, []group.Membership{mB2, mB3})
	members, err = f.s.MembershipsOfUser(f.ctx, u3.ID)
	f.must(err, "MembershipsOfUser")
	tied := []group.Membership{mA3, mB3}
	if bytes.Compare(a.ID[:], b.ID[:]) > 0 {
		tied = []group.Membership{mB3, mA3}
	}
	wantEqual(t, "memberships of a user in three groups", members, append(tied, mX3))
	_, err = f.s.Membership(f.ctx, a.ID, u2.ID)
	wantErr(t, "Membership of a member of group B in group A", err, storage.ErrNotFound)

	invs, err := f.s.InvitationsOfGroup(f.ctx, a.ID)
	f.must(err, "InvitationsOfGroup")
	wantEqual(t, "invitations of group A", invs, []group.Invitation{iA})
	invs, err = f.s.InvitationsOfGroup(f.ctx, b.ID)
	f.must(err, "InvitationsOfGroup")
	wantEqual(t, "invitations of group B", invs, []group.Invitation{iB})

	reqs, err := f.s.JoinRequests(f.ctx, group.JoinRequestQuery{GroupID: a.ID})
	f.must(err, "JoinRequests")
	wantEqual(t, "requests to join group A", reqs, []group.JoinRequest{rA})
	reqs, err = f.s.JoinRequests(f.ctx, group.JoinRequestQuery{GroupID: b.ID})
	f.must(err, "JoinRequests")
	wantEqual(t, "requests to join group B", reqs, []group.JoinRequest{rB})
	reqs, err = f.s.JoinRequests(f.ctx, group.JoinRequestQuery{CompanyID: c.ID, NewGroup: new(true)})
	f.must(err, "JoinRequests")
	wantEqual(t, "new-group requests of the company", reqs, []group.JoinRequest{rN})

	groups, err := f.s.GroupsOfCompany(f.ctx, c2.ID)
	f.must(err, "GroupsOfCompany")
	wantEqual(t, "groups of the second company", groups, []group.Group{x})
}
