package group_test

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompanyCreatedByTheBoardGetsItsPrincipal: a company the board creates
// has a group with no member; the board invites its first Principal, who
// accepts and can then act (invite, edit the profile, manage members).
func TestCompanyCreatedByTheBoardGetsItsPrincipal(t *testing.T) {
	f := newFixture(t)
	in := validCompany()
	in.LegalName = "Forage Nord inc."
	_, g, err := f.svc.CreateCompany(f.ctx, f.moderator, in)
	require.NoError(t, err)

	_, _, err = f.svc.InviteByBoard(f.ctx, f.moderator, g.ID, "lea@gmail.com")
	requireInvalid(t, err, "email:email.free_domain")
	inv, token, err := f.svc.InviteByBoard(f.ctx, f.moderator, g.ID, "Lea@Forage-Nord.ca")
	require.NoError(t, err)
	assert.Equal(t, []group.Role{group.Principal}, inv.Roles)
	assert.Equal(t, f.moderator.ID, inv.InvitedBy)
	assert.Equal(t, g.ID, inv.GroupID)
	assert.Contains(t, f.events(), group.TopicInvitationSent)

	lea := f.user("lea@forage-nord.ca", "Léa")
	m, err := f.svc.AcceptInvitation(f.ctx, lea.ID, token)
	require.NoError(t, err)
	assert.True(t, m.Has(group.Principal))
	lea, _ = f.svc.User(f.ctx, lea.ID)
	assert.Equal(t, g.CompanyID, lea.CompanyID)

	// Léa acts as the group's Principal.
	leaActs := group.Actor{UserID: lea.ID, GroupID: g.ID}
	_, err = f.svc.UpdateProfile(f.ctx, leaActs, group.Profile{Name: "Forage Nord"})
	require.NoError(t, err)
	_, _, err = f.svc.Invite(f.ctx, leaActs, "marc@forage-nord.ca", group.FinanceManager)
	require.NoError(t, err)

	// Once the group has a Principal, the board no longer invites into it.
	_, _, err = f.svc.InviteByBoard(f.ctx, f.moderator, g.ID, "autre@forage-nord.ca")
	requireRefused(t, err, group.ErrNotAllowed, "group.has_principal")
	_, _, err = f.svc.InviteByBoard(f.ctx, f.moderator, f.group.ID, "autre@acme-genie.ca")
	requireRefused(t, err, group.ErrNotAllowed, "group.has_principal")
}

// TestBoardInvitesIntoAnExtraGroup: an extra group created by the board is
// empty too and gets its Principal the same way, who may be a member of the
// company's other group.
func TestBoardInvitesIntoAnExtraGroup(t *testing.T) {
	f := newFixture(t)
	g2, err := f.svc.CreateGroup(f.ctx, f.moderator, f.company.ID, "Bureau de Québec")
	require.NoError(t, err)
	_, token, err := f.svc.InviteByBoard(f.ctx, f.moderator, g2.ID, f.marie.Email)
	require.NoError(t, err)
	m, err := f.svc.AcceptInvitation(f.ctx, f.marie.ID, token)
	require.NoError(t, err)
	assert.True(t, m.Has(group.Principal))
	ms, err := f.svc.Memberships(f.ctx, f.marie.ID, page.Page{})
	require.NoError(t, err)
	assert.Len(t, ms.Items, 2)
}
