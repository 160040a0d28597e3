package group_test

import (
	"fmt"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walk reads every page of a service list, size at a time, and returns the
// items in order.
func walk[T any](t *testing.T, size int, list func(page.Page) (page.Result[T], error)) []T {
	t.Helper()
	var out []T
	p := page.Page{Limit: size}
	for range 1000 {
		r, err := list(p)
		require.NoError(t, err)
		require.LessOrEqual(t, len(r.Items), size)
		out = append(out, r.Items...)
		if r.Next == "" {
			return out
		}
		p.After = r.Next
	}
	t.Fatal("the walk does not end")
	return nil
}

func TestServiceListsPage(t *testing.T) {
	f := newFixture(t)
	var want []uuid.UUID
	want = append(want, f.marie.ID)
	for i := range 6 {
		a := f.member(fmt.Sprintf("m%d@acme-genie.ca", i), group.PostingManager)
		want = append(want, a.UserID)
		_, _, err := f.svc.Invite(f.ctx, f.principal, fmt.Sprintf("i%d@acme-genie.ca", i), group.FinanceManager)
		require.NoError(t, err)
		f.clock.Advance(1)
	}

	members := walk(t, 4, func(p page.Page) (page.Result[group.Membership], error) { return f.svc.Members(f.ctx, f.principal, p) })
	got := make([]uuid.UUID, len(members))
	for i, m := range members {
		got[i] = m.UserID
	}
	assert.Equal(t, want, got)
	invitations := walk(t, 4, func(p page.Page) (page.Result[group.Invitation], error) {
		return f.svc.Invitations(f.ctx, f.principal, p)
	})
	assert.Len(t, invitations, 6)

	first, err := f.svc.Members(f.ctx, f.principal, page.Page{Limit: 7})
	require.NoError(t, err)
	assert.Len(t, first.Items, 7)
	assert.Empty(t, first.Next, "exactly one full page: no next cursor")
	first, err = f.svc.Members(f.ctx, f.principal, page.Page{})
	require.NoError(t, err)
	assert.Len(t, first.Items, 7, "the default size holds them all")

	_, err = f.svc.Members(f.ctx, f.principal, page.Page{After: "garbage"})
	requireInvalid(t, err, "after:page.cursor")
	_, err = f.svc.SearchCompanies(f.ctx, "acme", page.Page{Limit: -1})
	requireInvalid(t, err, "limit:page.limit")
	_, err = f.svc.SearchCompanies(f.ctx, "", page.Page{After: "garbage"})
	requireInvalid(t, err, "after:page.cursor")
}

func TestSearchCompaniesPagesThroughDuplicates(t *testing.T) {
	f := newFixture(t)
	for range 11 {
		_, _, err := f.svc.CreateCompany(f.ctx, f.moderator, validCompany())
		require.NoError(t, err)
	}
	found := walk(t, 5, func(p page.Page) (page.Result[group.Company], error) {
		return f.svc.SearchCompanies(f.ctx, "acme", p)
	})
	assert.Len(t, found, 12, "every duplicate, once")
	seen := map[uuid.UUID]bool{}
	for _, c := range found {
		assert.False(t, seen[c.ID])
		seen[c.ID] = true
	}
	all, err := f.svc.SearchCompanies(f.ctx, "acme", page.Page{Limit: page.MaxLimit + 100})
	require.NoError(t, err)
	assert.Len(t, all.Items, 12)
}

func TestRequestListsPage(t *testing.T) {
	f := newFixture(t)
	var users []group.User
	for i := range 5 {
		u := f.user(fmt.Sprintf("u%d@acme-genie.ca", i), "U")
		users = append(users, u)
		_, err := f.svc.RequestToJoin(f.ctx, u.ID, f.group.ID)
		require.NoError(t, err)
		_, err = f.svc.RequestGroup(f.ctx, u.ID, f.company.ID, fmt.Sprintf("Client %d", i))
		require.NoError(t, err)
	}
	pending := walk(t, 2, func(p page.Page) (page.Result[group.JoinRequest], error) {
		return f.svc.PendingJoinRequests(f.ctx, f.principal, p)
	})
	assert.Len(t, pending, 5)
	board := walk(t, 2, func(p page.Page) (page.Result[group.JoinRequest], error) {
		return f.svc.PendingGroupRequests(f.ctx, f.moderator, p)
	})
	assert.Len(t, board, 5)
	mine := walk(t, 1, func(p page.Page) (page.Result[group.JoinRequest], error) {
		return f.svc.JoinRequestsOfUser(f.ctx, users[0].ID, p)
	})
	assert.Len(t, mine, 2)

	for i := range 3 {
		_, err := f.svc.CreateGroup(f.ctx, f.moderator, f.company.ID, fmt.Sprintf("Bureau %d", i))
		require.NoError(t, err)
	}
	groups := walk(t, 2, func(p page.Page) (page.Result[group.Group], error) {
		return f.svc.GroupsOfCompany(f.ctx, f.company.ID, p)
	})
	assert.Len(t, groups, 4)
	assert.Equal(t, f.group.ID, groups[0].ID)

	// Marie joins the three new groups; she leaves one of them.
	for _, g := range groups[1:] {
		_, token, err := f.svc.InviteByBoard(f.ctx, f.moderator, g.ID, f.marie.Email)
		require.NoError(t, err)
		_, err = f.svc.AcceptInvitation(f.ctx, f.marie.ID, token)
		require.NoError(t, err)
		f.clock.Advance(1)
	}
	jean := f.user("jean@acme-genie.ca", "Jean")
	in3 := group.Actor{UserID: f.marie.ID, GroupID: groups[3].ID}
	_, err := f.svc.AddMember(f.ctx, in3, jean.ID, group.Principal)
	require.NoError(t, err)
	_, err = f.svc.RemoveMember(f.ctx, in3, f.marie.ID)
	require.NoError(t, err)
	ms := walk(t, 1, func(p page.Page) (page.Result[group.Membership], error) {
		return f.svc.Memberships(f.ctx, f.marie.ID, p)
	})
	var in []uuid.UUID
	for _, m := range ms {
		in = append(in, m.GroupID)
	}
	assert.Equal(t, []uuid.UUID{groups[0].ID, groups[1].ID, groups[2].ID}, in, "active memberships, oldest first")
}
