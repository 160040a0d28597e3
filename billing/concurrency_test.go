package billing_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fifty members submit at once against ten credits: exactly ten succeed,
// the balance never goes negative. storage/postgres runs the same test on
// PostgreSQL.
func TestConcurrentSubmissions(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 6, 30*day)
	e.grant(g, eng, 4, 0)
	const n = 50
	var ok, refused atomic.Int32
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			by := e.poster
			if i%2 == 0 {
				by = e.principal
			}
			_, err := e.bank.Reserve(e.ctx, by, uuid.New(), eng)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, billing.ErrNoCredit):
				refused.Add(1)
			default:
				t.Errorf("submission %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(10), ok.Load())
	assert.Equal(t, int32(n-10), refused.Load())
	assert.Equal(t, bal(g, eng, 10, 0, 0, 10, 0, 0, 0), e.balance(g, eng))
	lots, err := e.store.CreditLots(e.ctx, billing.LotQuery{GroupID: g})
	require.NoError(t, err)
	for _, l := range lots {
		assert.Zero(t, l.Remaining)
	}
	rs, err := e.store.CreditReservations(e.ctx, billing.ReservationQuery{GroupID: g, Status: billing.Reserved})
	require.NoError(t, err)
	assert.Len(t, rs, 10)
	reserves, err := e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: g, Kind: billing.KindReserve}, page.Page{})
	require.NoError(t, err)
	assert.Len(t, reserves.Items, 10)
}

// The same submission retried from many goroutines takes one credit.
func TestConcurrentSameReference(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 5, 0)
	offer := uuid.New()
	var wg sync.WaitGroup
	results := make([]billing.Reservation, 20)
	for i := range results {
		wg.Go(func() {
			r, err := e.bank.Reserve(e.ctx, e.poster, offer, eng)
			assert.NoError(t, err)
			results[i] = r
		})
	}
	wg.Wait()
	for _, r := range results {
		assert.Equal(t, results[0], r)
	}
	assert.Equal(t, bal(g, eng, 5, 0, 4, 1, 0, 0, 0), e.balance(g, eng))
}

// A cancellation racing an approval: exactly one wins, and the credit is
// counted once.
func TestConcurrentReleaseAndConsume(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 20, 0)
	refs := make([]uuid.UUID, 20)
	for i := range refs {
		refs[i] = uuid.New()
		_, err := e.bank.Reserve(e.ctx, e.poster, refs[i], eng)
		require.NoError(t, err)
	}
	var released, consumed atomic.Int32
	var wg sync.WaitGroup
	for _, ref := range refs {
		wg.Go(func() {
			_, err := e.bank.Release(e.ctx, e.principal, ref, eng)
			if err == nil {
				released.Add(1)
			} else if !errors.Is(err, billing.ErrNotAllowed) {
				t.Errorf("release: %v", err)
			}
		})
		wg.Go(func() {
			_, err := e.bank.Consume(e.ctx, e.moderator, ref, eng)
			if err == nil {
				consumed.Add(1)
			} else if !errors.Is(err, billing.ErrNotAllowed) {
				t.Errorf("consume: %v", err)
			}
		})
	}
	wg.Wait()
	r, c := int(released.Load()), int(consumed.Load())
	assert.Equal(t, 20, r+c)
	assert.Equal(t, bal(g, eng, 20, 0, r, 0, c, 0, 0), e.balance(g, eng))
}

// Opposite transfers and submissions at once: credits are conserved, no
// deadlock.
func TestConcurrentTransfers(t *testing.T) {
	e := newEnv(t)
	a, b := e.principal.GroupID, e.other.GroupID
	e.grant(a, eng, 30, 0)
	e.grant(b, eng, 30, 0)
	var wg sync.WaitGroup
	var reserved atomic.Int32
	for i := range 10 {
		wg.Go(func() {
			from, to := a, b
			if i%2 == 1 {
				from, to = b, a
			}
			_, err := e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: from, To: to, Product: eng, Quantity: 3})
			assert.NoError(t, err)
		})
		wg.Go(func() {
			if _, err := e.bank.Reserve(e.ctx, e.poster, uuid.New(), eng); err == nil {
				reserved.Add(1)
			}
		})
	}
	wg.Wait()
	ba, bb := e.balance(a, eng), e.balance(b, eng)
	assert.Equal(t, 15, ba.TransferredOut)
	assert.Equal(t, 15, ba.TransferredIn)
	assert.Equal(t, 15, bb.TransferredOut)
	assert.Equal(t, 15, bb.TransferredIn)
	assert.Equal(t, int(reserved.Load()), ba.Reserved)
	assert.Equal(t, 60, ba.Available+ba.Reserved+bb.Available)
}
