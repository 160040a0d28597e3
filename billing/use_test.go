package billing_test

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUseReservesAndConsumesAtOnce(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	_, err := e.bank.Use(e.ctx, e.poster, uuid.New(), billing.Extension)
	assert.ErrorIs(t, err, billing.ErrNoCredit)
	assert.Equal(t, bal(g, billing.Extension, 0, 0, 0, 0, 0, 0, 0), e.balance(g, billing.Extension), "a refused use writes nothing")

	e.grant(g, billing.Extension, 2, 0)
	ref := uuid.New()
	r, err := e.bank.Use(e.ctx, e.poster, ref, billing.Extension)
	require.NoError(t, err)
	assert.Equal(t, billing.Consumed, r.Status)
	again, err := e.bank.Use(e.ctx, e.poster, ref, billing.Extension)
	require.NoError(t, err, "a retried use takes no second credit")
	assert.Equal(t, r.LotID, again.LotID)
	assert.Equal(t, bal(g, billing.Extension, 2, 0, 1, 0, 1, 0, 0), e.balance(g, billing.Extension))

	_, err = e.bank.Use(e.ctx, e.finance, uuid.New(), billing.Extension)
	assert.ErrorIs(t, err, group.ErrForbidden, "a Finance manager does not apply optimizations")
	_, err = e.bank.Use(e.ctx, e.other, ref, billing.Extension)
	assert.ErrorIs(t, err, billing.ErrNotAllowed, "another group's reference")
	assert.Equal(t, "reference.taken", code(err))
	assert.Equal(t, bal(g, billing.Extension, 2, 0, 1, 0, 1, 0, 0), e.balance(g, billing.Extension))
}
