package billing_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Naming a group as one's own returns nothing of it: a retried Use checks
// the actor's active membership and permission every time, even when the
// reservation is already consumed.
func TestUseConsumedChecksTheActor(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, billing.Featured, 1, 0)
	ref := uuid.New()
	_, err := e.bank.Use(e.ctx, e.poster, ref, billing.Featured)
	require.NoError(t, err)

	removed := e.member(e.principal, "parti@acme-genie.ca", group.PostingManager)
	_, err = e.bank.Use(e.ctx, removed, ref, billing.Featured)
	require.NoError(t, err, "an active Posting manager retries the use")
	_, err = e.groups.RemoveMember(e.ctx, e.principal, removed.UserID)
	require.NoError(t, err)

	stranger := group.Actor{UserID: e.other.UserID, GroupID: g}
	for name, by := range map[string]group.Actor{
		"a user who is no member of the group":  e.outsider,
		"another company's Principal naming it": stranger,
		"a Finance manager (no PublishOffers)":  e.finance,
		"a removed member":                      removed,
		"no user":                               {GroupID: g},
	} {
		r, err := e.bank.Use(e.ctx, by, ref, billing.Featured)
		assert.ErrorIs(t, err, group.ErrForbidden, name)
		assert.Zero(t, r, name)
	}
	assert.Equal(t, bal(g, billing.Featured, 1, 0, 0, 0, 1, 0, 0), e.balance(g, billing.Featured))
}

// Many retries of one Use at once all get the consumed reservation, as the
// doc promises, and take one credit (storage/postgres runs the same test
// on PostgreSQL, where the transactions really overlap).
func TestUseConcurrentRetries(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, billing.Extension, 3, 0)
	ref := uuid.New()
	const n = 40
	got := make([]billing.Reservation, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r, err := e.bank.Use(e.ctx, e.poster, ref, billing.Extension)
			if err != nil {
				t.Errorf("retry %d: %v (not allowed: %v)", i, err, errors.Is(err, billing.ErrNotAllowed))
			}
			got[i] = r
		})
	}
	wg.Wait()
	for i := range n {
		assert.Equal(t, billing.Consumed, got[i].Status)
		assert.Equal(t, got[0], got[i])
	}
	assert.Equal(t, bal(g, billing.Extension, 3, 0, 2, 0, 1, 0, 0), e.balance(g, billing.Extension))
}
