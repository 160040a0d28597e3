package group_test

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInviteByBoardPromises walks the rest of InviteByBoard's doc: the
// power it needs (checked before the input), an unknown group, a company
// that is not active, earlier invitations that stay valid, and nothing
// written on any error.
func TestInviteByBoardPromises(t *testing.T) {
	f := newFixture(t)
	in := validCompany()
	in.LegalName = "Forage Nord inc."
	_, g, err := f.svc.CreateCompany(f.ctx, f.moderator, in)
	require.NoError(t, err)
	finance := staffMember(t, f.svc, f.moderator, group.StaffFinance)
	moderator := staffMember(t, f.svc, f.moderator, group.StaffModerator)
	before := f.events()

	// A role without the power is refused, even with a bad address.
	_, _, err = f.svc.InviteByBoard(f.ctx, finance, g.ID, "not an address")
	assert.Equal(t, "forbidden.staff.create_companies", refusal(t, err, group.ErrForbidden))
	_, _, err = f.svc.InviteByBoard(f.ctx, group.Moderator{ID: f.marie.ID}, g.ID, "lea@forage-nord.ca")
	assert.Equal(t, "forbidden.moderator", refusal(t, err, group.ErrForbidden))
	// An unknown group.
	_, _, err = f.svc.InviteByBoard(f.ctx, moderator, uuid.New(), "lea@forage-nord.ca")
	assert.ErrorIs(t, err, storage.ErrNotFound)
	// A company that is not active.
	c, err := f.store.Company(f.ctx, g.CompanyID)
	require.NoError(t, err)
	c.Status = group.CompanyPending
	require.NoError(t, f.store.UpdateCompany(f.ctx, &c))
	_, _, err = f.svc.InviteByBoard(f.ctx, moderator, g.ID, "lea@forage-nord.ca")
	requireRefused(t, err, group.ErrNotAllowed, "company.not_active")
	assert.Equal(t, before, f.events(), "the errors wrote nothing")
	invs, err := f.store.InvitationsOfGroup(f.ctx, g.ID)
	require.NoError(t, err)
	assert.Empty(t, invs)
	c.Status = group.CompanyActive
	require.NoError(t, f.store.UpdateCompany(f.ctx, &c))

	// A moderator invites twice; the first invitation still works.
	first, firstToken, err := f.svc.InviteByBoard(f.ctx, moderator, g.ID, "lea@forage-nord.ca")
	require.NoError(t, err)
	second, _, err := f.svc.InviteByBoard(f.ctx, moderator, g.ID, "lea@forage-nord.ca")
	require.NoError(t, err)
	assert.NotEqual(t, first.ID, second.ID)
	assert.Equal(t, moderator.ID, first.InvitedBy)
	lea := f.user("lea@forage-nord.ca", "Léa")
	m, err := f.svc.AcceptInvitation(f.ctx, lea.ID, firstToken)
	require.NoError(t, err)
	assert.True(t, m.Has(group.Principal))
}
