package group_test

import (
	"errors"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryRefusalHasOneShape walks every "you may not" of the service: each
// is an *i18n.Error with a code and French and English text that unwraps to
// group.ErrForbidden, never a validation error.
func TestEveryRefusalHasOneShape(t *testing.T) {
	f := newFixture(t)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)
	finance := f.member("f@acme-genie.ca", group.FinanceManager)
	stranger := group.Actor{UserID: uuid.New(), GroupID: f.group.ID}
	jean := f.user("jean@acme-genie.ca", "Jean")
	req, err := f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	require.NoError(t, err)
	inv, token, err := f.svc.Invite(f.ctx, f.principal, "luc@acme-genie.ca", group.FinanceManager)
	require.NoError(t, err)
	other := f.user("autre@acme-genie.ca", "Autre")
	noBoard := group.Moderator{}

	refusals := map[string]func() error{
		"invite beyond own roles": func() error {
			_, _, err := f.svc.Invite(f.ctx, posting, "sophie@acme-genie.ca", group.FinanceManager)
			return err
		},
		"invite beyond own roles, with a bad address too": func() error {
			_, _, err := f.svc.Invite(f.ctx, posting, "sophie@acme-genie.ca", group.PostingManager, group.Principal)
			return err
		},
		"invite, not a member": func() error {
			_, _, err := f.svc.Invite(f.ctx, stranger, "sophie@acme-genie.ca", group.PostingManager)
			return err
		},
		"invitations, not a member": func() error { _, err := f.svc.Invitations(f.ctx, stranger, page.Page{}); return err },
		"resend, not a member": func() error {
			_, _, err := f.svc.ResendInvitation(f.ctx, stranger, inv.ID)
			return err
		},
		"revoke without manage members": func() error { _, err := f.svc.RevokeInvitation(f.ctx, posting, inv.ID); return err },
		"accept with another address":   func() error { _, err := f.svc.AcceptInvitation(f.ctx, other.ID, token); return err },
		"members, not a member":         func() error { _, err := f.svc.Members(f.ctx, stranger, page.Page{}); return err },
		"add member":                    func() error { _, err := f.svc.AddMember(f.ctx, finance, other.ID, group.FinanceManager); return err },
		"set roles":                     func() error { _, err := f.svc.SetRoles(f.ctx, finance, posting.UserID, group.Principal); return err },
		"remove member":                 func() error { _, err := f.svc.RemoveMember(f.ctx, finance, posting.UserID); return err },
		"pending join requests":         func() error { _, err := f.svc.PendingJoinRequests(f.ctx, posting, page.Page{}); return err },
		"approve join request":          func() error { _, err := f.svc.ApproveJoinRequest(f.ctx, posting, req.ID); return err },
		"refuse join request":           func() error { _, err := f.svc.RefuseJoinRequest(f.ctx, finance, req.ID, ""); return err },
		"update company":                func() error { _, err := f.svc.UpdateCompany(f.ctx, posting, validCompany()); return err },
		"update profile":                func() error { _, err := f.svc.UpdateProfile(f.ctx, finance, group.Profile{}); return err },
		"switch":                        func() error { _, _, err := f.svc.Switch(f.ctx, other.ID, f.group.ID); return err },
		"authorize":                     func() error { return f.svc.Authorize(f.ctx, finance, group.PublishOffers) },
		"create company, no moderator":  func() error { _, _, err := f.svc.CreateCompany(f.ctx, noBoard, validCompany()); return err },
		"create group, no moderator": func() error {
			_, err := f.svc.CreateGroup(f.ctx, noBoard, f.company.ID, "Autre")
			return err
		},
		"invite by board, no moderator": func() error {
			_, _, err := f.svc.InviteByBoard(f.ctx, noBoard, f.group.ID, "x@acme-genie.ca")
			return err
		},
		"pending group requests, no moderator": func() error {
			_, err := f.svc.PendingGroupRequests(f.ctx, noBoard, page.Page{})
			return err
		},
		"approve group request, no moderator": func() error {
			_, _, err := f.svc.ApproveGroupRequest(f.ctx, noBoard, req.ID)
			return err
		},
		"refuse group request, no moderator": func() error {
			_, err := f.svc.RefuseGroupRequest(f.ctx, noBoard, req.ID, "")
			return err
		},
	}
	before := f.events()
	for name, call := range refusals {
		t.Run(name, func(t *testing.T) {
			err := call()
			require.ErrorIs(t, err, group.ErrForbidden)
			assert.NotErrorIs(t, err, i18n.ErrInvalid, "a refusal is not a validation error")
			var e *i18n.Error
			require.ErrorAs(t, err, &e)
			assert.NotEmpty(t, e.Code)
			assert.NotEmpty(t, e.Message.FR)
			assert.NotEmpty(t, e.Message.EN)
			assert.NotEqual(t, e.Message.FR, e.Message.EN)
			assert.NotContains(t, e.Message.FR+e.Message.EN, "%!")
		})
	}
	assert.Equal(t, before, f.events(), "refusals write nothing")
}

// TestInvitingBeyondOwnRolesIsARefusal: inviting with a role the inviter
// does not hold is forbidden (roles.beyond_inviter), not bad input.
func TestInvitingBeyondOwnRolesIsARefusal(t *testing.T) {
	f := newFixture(t)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)
	_, _, err := f.svc.Invite(f.ctx, posting, "sophie@acme-genie.ca", group.FinanceManager)
	requireRefused(t, err, group.ErrForbidden, "roles.beyond_inviter")
}

// sameError checks that two errors are indistinguishable to a caller: same
// sentinel, same code, same text.
func sameError(t *testing.T, real, random error) {
	t.Helper()
	require.Error(t, real)
	require.Error(t, random)
	assert.Equal(t, random.Error(), real.Error())
	assert.Equal(t, errors.Is(random, storage.ErrNotFound), errors.Is(real, storage.ErrNotFound))
	assert.ErrorIs(t, real, storage.ErrNotFound)
	assert.NotErrorIs(t, real, group.ErrForbidden)
	var a, b *i18n.Error
	require.ErrorAs(t, real, &a)
	require.ErrorAs(t, random, &b)
	assert.Equal(t, b.Code, a.Code)
	assert.Equal(t, b.Message, a.Message)
}

// TestAnotherGroupsItemsAreNotFound: another group's real invitation or join
// request answers exactly what a random ID answers.
func TestAnotherGroupsItemsAreNotFound(t *testing.T) {
	f := newFixture(t)
	paul := f.user("paul@beton.ca", "Paul")
	in := validCompany()
	in.LegalName = "Béton inc."
	_, r, err := f.svc.RequestCompany(f.ctx, paul.ID, in)
	require.NoError(t, err)
	_, other, err := f.svc.ApproveGroupRequest(f.ctx, f.moderator, r.ID)
	require.NoError(t, err)
	paulActs := group.Actor{UserID: paul.ID, GroupID: other.ID}

	jean := f.user("jean@acme-genie.ca", "Jean")
	req, err := f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	require.NoError(t, err)
	newGroup, err := f.svc.RequestGroup(f.ctx, f.marie.ID, f.company.ID, "Client Hydro")
	require.NoError(t, err)
	inv, _, err := f.svc.Invite(f.ctx, f.principal, "luc@acme-genie.ca", group.FinanceManager)
	require.NoError(t, err)
	random := uuid.New()

	for _, id := range []uuid.UUID{req.ID, newGroup.ID} {
		_, real := f.svc.ApproveJoinRequest(f.ctx, paulActs, id)
		_, rnd := f.svc.ApproveJoinRequest(f.ctx, paulActs, random)
		sameError(t, real, rnd)
		_, real = f.svc.RefuseJoinRequest(f.ctx, paulActs, id, "non")
		_, rnd = f.svc.RefuseJoinRequest(f.ctx, paulActs, random, "non")
		sameError(t, real, rnd)
	}
	_, _, real := f.svc.ResendInvitation(f.ctx, paulActs, inv.ID)
	_, _, rnd := f.svc.ResendInvitation(f.ctx, paulActs, random)
	sameError(t, real, rnd)
	_, real = f.svc.RevokeInvitation(f.ctx, paulActs, inv.ID)
	_, rnd = f.svc.RevokeInvitation(f.ctx, paulActs, random)
	sameError(t, real, rnd)

	// The requester herself still learns that the board decides.
	_, err = f.svc.ApproveJoinRequest(f.ctx, f.principal, newGroup.ID)
	requireRefused(t, err, group.ErrNotAllowed, "request.board_decides")
}

// TestInviteDoesNotTellWhoseAddressItIs: inviting the address of another
// company's member answers like any other address; the rule that an
// account belongs to one company is enforced when the invitation is
// accepted.
func TestInviteDoesNotTellWhoseAddressItIs(t *testing.T) {
	f := newFixture(t)
	paul := f.user("paul@beton.ca", "Paul")
	in := validCompany()
	in.LegalName = "Béton inc."
	_, r, err := f.svc.RequestCompany(f.ctx, paul.ID, in)
	require.NoError(t, err)
	_, _, err = f.svc.ApproveGroupRequest(f.ctx, f.moderator, r.ID)
	require.NoError(t, err)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)

	known, knownToken, errKnown := f.svc.Invite(f.ctx, posting, "paul@beton.ca", group.PostingManager)
	unknown, _, errUnknown := f.svc.Invite(f.ctx, posting, "nobody@beton.ca", group.PostingManager)
	require.NoError(t, errKnown)
	require.NoError(t, errUnknown)
	assert.Equal(t, unknown.Status, known.Status)
	assert.Equal(t, unknown.ExpiresAt, known.ExpiresAt)

	_, err = f.svc.AcceptInvitation(f.ctx, paul.ID, knownToken)
	requireRefused(t, err, group.ErrNotAllowed, "member.other_company")
	_, err = f.store.Membership(f.ctx, f.group.ID, paul.ID)
	assert.ErrorIs(t, err, storage.ErrNotFound)
}
