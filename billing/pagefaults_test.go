package billing_test

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListsReportEveryFaultAtOnce: each list of the bank reports its
// query's faults and its page's in one validation error; the statement's
// q.Limit is ignored, as its doc says (the page sets the size).
func TestListsReportEveryFaultAtOnce(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 5, 0)
	e.grant(g, eng, 5, 0)
	e.grant(g, billing.Featured, 5, 0)
	bad := page.Page{After: "x", Limit: -1}

	_, err := e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{Kind: "y"}, bad)
	assert.Equal(t, []string{"group_id:required", "kind:kind.unknown", "limit:page.limit", "after:page.cursor"}, faults(err))
	_, err = e.bank.Lots(e.ctx, e.poster, "gold", bad)
	assert.Equal(t, []string{"product:product.unknown", "limit:page.limit", "after:page.cursor"}, faults(err))
	_, err = e.bank.Reservations(e.ctx, e.poster, billing.ReservationQuery{Status: "z"}, bad)
	assert.Equal(t, []string{"status:status.unknown", "limit:page.limit", "after:page.cursor"}, faults(err))

	for _, limit := range []int{-1, 1} {
		stmt, err := e.bank.Statement(e.ctx, e.principal, billing.EntryQuery{Limit: limit}, page.Page{})
		require.NoError(t, err, "q.Limit %d", limit)
		assert.Len(t, stmt.Items, 3, "q.Limit %d is ignored", limit)
		stmt, err = e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: g, Limit: limit}, page.Page{Limit: 2})
		require.NoError(t, err)
		assert.Len(t, stmt.Items, 2)
		assert.NotEmpty(t, stmt.Next)
	}
}

// TestBoardCallsOnAnUnknownGroup: a grant or a transfer naming an unknown
// group answers a bilingual not-found error and writes nothing.
func TestBoardCallsOnAnUnknownGroup(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 3, 0)
	before := e.balance(g, eng)
	unknown := uuid.New()
	_, err := e.bank.Grant(e.ctx, e.moderator, billing.GrantInput{GroupID: unknown, Product: eng, Quantity: 1})
	requireNotFound(t, err, "group.not_found")
	for _, in := range []billing.TransferInput{{From: g, To: unknown, Product: eng, Quantity: 1}, {From: unknown, To: g, Product: eng, Quantity: 1}} {
		_, err = e.bank.Transfer(e.ctx, e.moderator, in)
		requireNotFound(t, err, "group.not_found")
	}
	assert.Equal(t, before, e.balance(g, eng))
}

func requireNotFound(t *testing.T, err error, code string) {
	t.Helper()
	require.ErrorIs(t, err, storage.ErrNotFound)
	ie := i18nErr(t, err)
	assert.Equal(t, code, ie.Code)
}
