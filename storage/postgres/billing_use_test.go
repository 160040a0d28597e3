package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/google/uuid"
)

// Many retries of one Use at once, in overlapping transactions: every one
// gets the consumed reservation (none is told it is already consumed), and
// one credit is spent.
func TestBillingConcurrentUseRetries(t *testing.T) {
	b := newBankBoard(t, newStore(t))
	ctx := context.Background()
	g := b.principal.GroupID
	b.grant(t, g, billing.Extension, 3, time.Time{})
	for round := range 3 {
		ref := uuid.New()
		const n = 24
		got := make([]billing.Reservation, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				r, err := b.bank.Use(ctx, b.principal, ref, billing.Extension)
				if err != nil {
					t.Errorf("round %d, retry %d: %v", round, i, err)
				}
				got[i] = r
			})
		}
		wg.Wait()
		for i := range n {
			if got[i].Status != billing.Consumed || got[i].LotID != got[0].LotID || got[i].Ref != ref {
				t.Fatalf("round %d, retry %d got %+v", round, i, got[i])
			}
		}
		equal(t, b.balance(t, g, billing.Extension), billing.Balance{GroupID: g, Product: billing.Extension, Granted: 3, Available: 2 - round, Consumed: 1 + round})
	}
}
