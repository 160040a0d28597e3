package storagetest

import (
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// wantTime reports an error unless got is want in UTC truncated to the
// microsecond (zero when want is zero).
func wantTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if want.IsZero() {
		if !got.IsZero() {
			t.Errorf("%s = %v, want the zero time", what, got)
		}
		return
	}
	w := want.UTC().Truncate(time.Microsecond)
	if !got.Equal(w) || got.Location() != time.UTC {
		t.Errorf("%s = %v (location %q), want %v (UTC, truncated to the microsecond)", what, got, got.Location(), w)
	}
}

func (su *suite) testTimes(t *testing.T) {
	// odd returns a time in a zone west of UTC with nanoseconds:
	// 2026-03-01T12:min:00.123456789Z.
	zone := time.FixedZone("UTC-5", -5*60*60)
	odd := func(min int) time.Time { return time.Date(2026, 3, 1, 7, min, 0, 123456789, zone) }

	t.Run("Company", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company(func(c *group.Company) { c.CreatedAt = odd(1) })
		got, err := f.s.Company(f.ctx, c.ID)
		f.must(err, "Company")
		wantTime(t, "Company.CreatedAt", got.CreatedAt, odd(1))
		c.CreatedAt = odd(2)
		f.must(f.s.UpdateCompany(f.ctx, &c), "UpdateCompany")
		list, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{})
		f.must(err, "SearchCompanies")
		if len(list) == 1 {
			wantTime(t, "Company.CreatedAt after update, from SearchCompanies", list[0].CreatedAt, odd(2))
		}
	})
	t.Run("Group", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		g := f.group(c.ID, func(g *group.Group) { g.CreatedAt = odd(3) })
		got, err := f.s.Group(f.ctx, g.ID)
		f.must(err, "Group")
		wantTime(t, "Group.CreatedAt", got.CreatedAt, odd(3))
		g.CreatedAt = odd(4)
		f.must(f.s.UpdateGroup(f.ctx, &g), "UpdateGroup")
		list, err := f.s.GroupsOfCompany(f.ctx, c.ID)
		f.must(err, "GroupsOfCompany")
		if len(list) == 1 {
			wantTime(t, "Group.CreatedAt after update, from GroupsOfCompany", list[0].CreatedAt, odd(4))
		}
		got, err = f.s.LockGroup(f.ctx, g.ID)
		f.must(err, "LockGroup")
		wantTime(t, "Group.CreatedAt from LockGroup", got.CreatedAt, odd(4))
	})
	t.Run("User", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user(func(u *group.User) { u.CreatedAt, u.PendingEmailExpires = odd(5), odd(6) })
		got, err := f.s.User(f.ctx, u.ID)
		f.must(err, "User")
		wantTime(t, "User.CreatedAt", got.CreatedAt, odd(5))
		wantTime(t, "User.PendingEmailExpires", got.PendingEmailExpires, odd(6))
		u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "", nil, time.Time{}
		f.must(f.s.UpdateUser(f.ctx, &u), "UpdateUser")
		got, err = f.s.UserByEmail(f.ctx, u.Email)
		f.must(err, "UserByEmail")
		wantTime(t, "User.PendingEmailExpires cleared", got.PendingEmailExpires, time.Time{})
		wantTime(t, "User.CreatedAt from UserByEmail", got.CreatedAt, odd(5))
	})
	t.Run("Membership", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		m := f.membership(g.ID, f.user().ID, func(m *group.Membership) { m.JoinedAt = odd(7) })
		got, err := f.s.Membership(f.ctx, g.ID, m.UserID)
		f.must(err, "Membership")
		wantTime(t, "Membership.JoinedAt", got.JoinedAt, odd(7))
		wantTime(t, "Membership.RemovedAt (never removed)", got.RemovedAt, time.Time{})
		m.Active, m.RemovedAt, m.RemovedBy = false, odd(8), uuid.New()
		f.must(f.s.UpdateMembership(f.ctx, &m), "UpdateMembership")
		list, err := f.s.MembersOfGroup(f.ctx, g.ID)
		f.must(err, "MembersOfGroup")
		if len(list) == 1 {
			wantTime(t, "Membership.RemovedAt from MembersOfGroup", list[0].RemovedAt, odd(8))
		}
		list, err = f.s.MembershipsOfUser(f.ctx, m.UserID)
		f.must(err, "MembershipsOfUser")
		if len(list) == 1 {
			wantTime(t, "Membership.JoinedAt from MembershipsOfUser", list[0].JoinedAt, odd(7))
		}
	})
	t.Run("JoinRequest", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		r := f.joinRequest(f.user().ID, c.ID, uuid.Nil, func(r *group.JoinRequest) { r.CreatedAt = odd(9) })
		got, err := f.s.JoinRequest(f.ctx, r.ID)
		f.must(err, "JoinRequest")
		wantTime(t, "JoinRequest.CreatedAt", got.CreatedAt, odd(9))
		wantTime(t, "JoinRequest.DecidedAt (undecided)", got.DecidedAt, time.Time{})
		r.Status, r.DecidedBy, r.DecidedAt = group.RequestRefused, uuid.New(), odd(10)
		f.must(f.s.UpdateJoinRequest(f.ctx, &r), "UpdateJoinRequest")
		list, err := f.s.JoinRequests(f.ctx, group.JoinRequestQuery{})
		f.must(err, "JoinRequests")
		if len(list) == 1 {
			wantTime(t, "JoinRequest.DecidedAt from JoinRequests", list[0].DecidedAt, odd(10))
		}
	})
	t.Run("Invitation", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		inv := f.invitation(g.ID, func(i *group.Invitation) { i.CreatedAt, i.ExpiresAt = odd(11), odd(12) })
		got, err := f.s.Invitation(f.ctx, inv.ID)
		f.must(err, "Invitation")
		wantTime(t, "Invitation.CreatedAt", got.CreatedAt, odd(11))
		wantTime(t, "Invitation.ExpiresAt", got.ExpiresAt, odd(12))
		wantTime(t, "Invitation.DecidedAt (undecided)", got.DecidedAt, time.Time{})
		inv.Status, inv.DecidedBy, inv.DecidedAt = group.InvitationRevoked, uuid.New(), odd(13)
		f.must(f.s.UpdateInvitation(f.ctx, &inv), "UpdateInvitation")
		list, err := f.s.InvitationsOfGroup(f.ctx, g.ID)
		f.must(err, "InvitationsOfGroup")
		if len(list) == 1 {
			wantTime(t, "Invitation.DecidedAt from InvitationsOfGroup", list[0].DecidedAt, odd(13))
		}
		got, err = f.s.InvitationByTokenHash(f.ctx, inv.TokenHash)
		f.must(err, "InvitationByTokenHash")
		wantTime(t, "Invitation.ExpiresAt from InvitationByTokenHash", got.ExpiresAt, odd(12))
	})
	t.Run("Event", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(odd(14), 1)
		f.must(f.s.AppendEvents(f.ctx, e), "AppendEvents")
		got, err := f.s.ClaimEvents(f.ctx, "w", 10, time.Minute, at(100))
		f.must(err, "ClaimEvents")
		if len(got) != 1 {
			t.Fatalf("ClaimEvents returned %d events, want 1", len(got))
		}
		wantTime(t, "Event.OccurredAt", got[0].OccurredAt, odd(14))
	})
	t.Run("OrderAtMicrosecond", func(t *testing.T) {
		// Two times 400ns apart within one microsecond are the same time
		// once stored: the tie is broken by ID.
		f := su.fixture(t)
		c := f.company()
		tie := sortedIDs(2)
		base := time.Date(2026, 3, 1, 12, 20, 0, 123456100, time.UTC)
		f.group(c.ID, func(g *group.Group) { g.ID, g.CreatedAt = tie[1], base })
		f.group(c.ID, func(g *group.Group) { g.ID, g.CreatedAt = tie[0], base.Add(400) })
		list, err := f.s.GroupsOfCompany(f.ctx, c.ID)
		f.must(err, "GroupsOfCompany")
		wantIDs(t, "GroupsOfCompany of groups created within one microsecond", ids(list, groupID), tie)
	})
}
