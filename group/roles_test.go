package group_test

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// domainMatrix mirrors the table of docs/RULES.md G-8, row for row, written out
// independently of the package's table: P = Principal, A = Posting manager
// (affichage), F = Finance manager.
var domainMatrix = []struct {
	permission group.Permission
	p, a, f    bool
}{
	{group.ReviewJoinRequests, true, false, false},      // approve/refuse join requests for the group
	{group.ManageMembers, true, false, false},           // assign roles in the group, add/remove users
	{group.EditCompany, true, false, false},             // edit company/group information ("My company")
	{group.EditOwnProfile, true, true, true},            // edit own profile
	{group.ViewDashboard, true, true, true},             // dashboard and performance data
	{group.CancelOfferToRevise, true, true, false},      // cancel an offer "to revise"
	{group.CancelOfferInValidation, true, false, false}, // cancel an offer "in validation"
	{group.EndPublication, true, true, false},           // end the publication of an offer
	{group.BuyProducts, true, false, true},              // buy packages and optimizations
	{group.PublishOffers, true, true, false},            // create and publish offers
	{group.ReceiveInvoiceCopies, true, false, true},     // receive a copy of invoices (opt-in)
	{group.ViewTransactions, true, false, true},         // transaction history (invoices)
}

func TestPermissionMatrixEveryCell(t *testing.T) {
	require.Len(t, group.PermissionMatrix(), len(domainMatrix), "one row per permission of docs/RULES.md G-8")
	for _, row := range domainMatrix {
		for role, want := range map[group.Role]bool{group.Principal: row.p, group.PostingManager: row.a, group.FinanceManager: row.f} {
			assert.Equal(t, want, group.Can(role, row.permission), "%s / %s", role, row.permission)
		}
	}
	assert.Equal(t, len(domainMatrix), len(group.Permissions()))
}

func TestUnknownRoleOrPermissionHoldsNothing(t *testing.T) {
	for _, p := range group.Permissions() {
		assert.False(t, group.Can("admin", p))
		assert.False(t, group.Can("", p))
	}
	assert.False(t, group.Can(group.Principal, "delete_board"))
}

func TestPermissionMatrixIsACopy(t *testing.T) {
	m := group.PermissionMatrix()
	m[0].Roles[0] = group.FinanceManager
	m[3].Roles = nil
	assert.True(t, group.Can(group.Principal, group.ReviewJoinRequests))
	assert.False(t, group.Can(group.FinanceManager, group.ReviewJoinRequests))
	assert.True(t, group.Can(group.FinanceManager, group.EditOwnProfile))
}

func TestMatrixRowsAreBilingual(t *testing.T) {
	for _, row := range group.PermissionMatrix() {
		assert.NotEmpty(t, row.FR, row.Permission)
		assert.NotEmpty(t, row.EN, row.Permission)
	}
	for _, r := range group.Roles() {
		fr, en := r.Name()
		assert.NotEqual(t, string(r), fr)
		assert.NotEmpty(t, en)
		assert.True(t, r.Valid())
	}
}

func TestMembershipCan(t *testing.T) {
	m := group.Membership{Roles: []group.Role{group.PostingManager, group.FinanceManager}, Active: true}
	assert.True(t, m.Can(group.PublishOffers))
	assert.True(t, m.Can(group.BuyProducts))
	assert.False(t, m.Can(group.ManageMembers))
	m.Active = false
	assert.False(t, m.Can(group.PublishOffers), "an inactive member holds nothing")
	assert.False(t, m.Has(group.PostingManager))
}
