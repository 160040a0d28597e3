package group_test

import (
	"strings"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSearchCompaniesCapsItsQuery: a query beyond 200 characters is bad
// input on field "query", listed with the page's own faults; 200 pass.
func TestSearchCompaniesCapsItsQuery(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.SearchCompanies(f.ctx, strings.Repeat("é", 201), page.Page{})
	requireInvalid(t, err, "query:too_long")
	_, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("a", 10<<20), page.Page{})
	requireInvalid(t, err, "query:too_long")
	_, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("a", 201), page.Page{After: "garbage", Limit: -1})
	requireInvalid(t, err, "query:too_long", "limit:page.limit", "after:page.cursor")

	r, err := f.svc.SearchCompanies(f.ctx, "  acme"+strings.Repeat(" ", 300), page.Page{})
	require.NoError(t, err, "the cap counts the trimmed query")
	assert.Len(t, r.Items, 1)
	r, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("é", 200), page.Page{})
	require.NoError(t, err)
	assert.Empty(t, r.Items)
	assert.NotNil(t, r.Items)
}

// TestAddMemberHidesOtherCompaniesAccounts: adding another company's user
// answers exactly what an unknown ID answers, and writes nothing.
func TestAddMemberHidesOtherCompaniesAccounts(t *testing.T) {
	f := newFixture(t)
	paul := f.user("paul@beton.ca", "Paul")
	in := validCompany()
	in.LegalName = "Béton inc."
	_, r, err := f.svc.RequestCompany(f.ctx, paul.ID, in)
	require.NoError(t, err)
	_, _, err = f.svc.ApproveGroupRequest(f.ctx, f.moderator, r.ID)
	require.NoError(t, err)
	before := f.events()

	_, real := f.svc.AddMember(f.ctx, f.principal, paul.ID, group.PostingManager)
	_, random := f.svc.AddMember(f.ctx, f.principal, uuid.New(), group.PostingManager)
	sameError(t, real, random)
	assert.Equal(t, before, f.events(), "nothing written")

	// A user of no company yet is added, and one already a member is told so.
	jean := f.user("jean@acme-genie.ca", "Jean")
	_, err = f.svc.AddMember(f.ctx, f.principal, jean.ID, group.PostingManager)
	require.NoError(t, err)
	_, err = f.svc.AddMember(f.ctx, f.principal, jean.ID, group.PostingManager)
	requireRefused(t, err, group.ErrNotAllowed, "member.already")
}

// TestNotAMemberIsNotFound: SetRoles and RemoveMember of someone who never
// was a member of the group answer member.not_found, the same for another
// group's member as for an unknown ID; a former member is member.inactive.
func TestNotAMemberIsNotFound(t *testing.T) {
	f := newFixture(t)
	g2, err := f.svc.CreateGroup(f.ctx, f.moderator, f.company.ID, "Bureau de Laval")
	require.NoError(t, err)
	_, token, err := f.svc.InviteByBoard(f.ctx, f.moderator, g2.ID, "jean@acme-genie.ca")
	require.NoError(t, err)
	jean := f.user("jean@acme-genie.ca", "Jean")
	_, err = f.svc.AcceptInvitation(f.ctx, jean.ID, token)
	require.NoError(t, err)

	_, real := f.svc.SetRoles(f.ctx, f.principal, jean.ID, group.PostingManager)
	_, random := f.svc.SetRoles(f.ctx, f.principal, uuid.New(), group.PostingManager)
	sameError(t, real, random)
	requireRefused(t, real, storage.ErrNotFound, "member.not_found")
	_, real = f.svc.RemoveMember(f.ctx, f.principal, jean.ID)
	_, random = f.svc.RemoveMember(f.ctx, f.principal, uuid.New())
	sameError(t, real, random)

	luc := f.member("luc@acme-genie.ca", group.PostingManager)
	_, err = f.svc.RemoveMember(f.ctx, f.principal, luc.UserID)
	require.NoError(t, err)
	_, err = f.svc.SetRoles(f.ctx, f.principal, luc.UserID, group.FinanceManager)
	requireRefused(t, err, group.ErrNotAllowed, "member.inactive")
}
