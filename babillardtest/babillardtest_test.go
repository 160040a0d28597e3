package babillardtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// onBothStores runs f on the memory store and on a PostgreSQL store.
func onBothStores(t *testing.T, f func(t *testing.T, store babillard.Store)) {
	t.Run("memory", func(t *testing.T) { f(t, memory.New()) })
	t.Run("postgres", func(t *testing.T) { f(t, babillardtest.Postgres(t)) })
}

func TestNewBoardIsReady(t *testing.T) {
	onBothStores(t, func(t *testing.T, store babillard.Store) {
		ctx := context.Background()
		b := babillardtest.NewBoard(t, store)
		assert.Equal(t, babillardtest.Start, b.Clock.Now())
		assert.Equal(t, group.CompanyActive, b.Company.Status)
		assert.Equal(t, b.Company.ID, b.Group.CompanyID)
		for role, a := range map[group.Role]group.Actor{group.Principal: b.Principal,
			group.PostingManager: b.PostingManager, group.FinanceManager: b.FinanceManager} {
			_, m, err := b.Groups.Switch(ctx, a.UserID, b.Group.ID)
			require.NoError(t, err)
			assert.Equal(t, []group.Role{role}, m.Roles)
		}
		require.NoError(t, b.Groups.CheckReadyToPost(ctx, b.Group.ID), "the profile is complete")
		for p, n := range babillardtest.DefaultCredits() {
			bal, err := b.Billing.Balance(ctx, b.Principal, p)
			require.NoError(t, err)
			assert.Equal(t, n, bal.Available, p)
		}
		// The moderator moderates: Publish goes through approval.
		o := b.Publish(babillardtest.ValidContent())
		assert.Equal(t, offer.Published, o.Status)
		other := b.Member(group.PostingManager, group.FinanceManager)
		_, m, err := b.Groups.Switch(ctx, other.UserID, b.Group.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, []group.Role{group.PostingManager, group.FinanceManager}, m.Roles)
	})
}

func TestNewBoardOptions(t *testing.T) {
	start := time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)
	b := babillardtest.NewBoard(t, memory.New(), babillardtest.StartAt(start),
		babillardtest.WithCredits(map[billing.Product]int{billing.CPIPosting: 2}))
	assert.Equal(t, start, b.Clock.Now())
	ctx := context.Background()
	bal, err := b.Billing.Balance(ctx, b.Principal, billing.CPIPosting)
	require.NoError(t, err)
	assert.Equal(t, 2, bal.Available)
	bal, err = b.Billing.Balance(ctx, b.Principal, billing.EngineerPosting)
	require.NoError(t, err)
	assert.Zero(t, bal.Available)
	// The clock is the board's.
	b.Clock.Advance(time.Hour)
	o, _, err := b.Offers.Create(ctx, b.PostingManager, babillardtest.ValidContent())
	require.NoError(t, err)
	assert.Equal(t, start.Add(time.Hour), o.CreatedAt)
}

func TestValidContentPassesSubmission(t *testing.T) {
	b := babillardtest.NewBoard(t, memory.New())
	ctx := context.Background()
	o, _, err := b.Offers.Create(ctx, b.PostingManager, babillardtest.ValidContent())
	require.NoError(t, err)
	o, err = b.Offers.Submit(ctx, b.PostingManager, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.InValidation, o.Status)
	// On any date: a board started today, or years from now.
	for _, start := range []time.Time{time.Now(), time.Date(2031, 11, 2, 15, 0, 0, 0, time.UTC)} {
		later := babillardtest.NewBoard(t, memory.New(), babillardtest.StartAt(start))
		assert.Equal(t, offer.Published, later.Publish(babillardtest.ValidContent()).Status, "started %v", start)
	}
	c := babillardtest.ValidContent()
	c.Domains[0] = "changed"
	assert.NotEqual(t, c.Domains, babillardtest.ValidContent().Domains, "each call returns a fresh value")
}

func TestClock(t *testing.T) {
	t0 := time.Date(2026, 3, 8, 6, 0, 0, 0, time.UTC)
	c := babillardtest.NewClock(t0)
	assert.Equal(t, t0, c.Now())
	assert.Equal(t, t0.Add(time.Hour), c.Advance(time.Hour))
	assert.Equal(t, t0, c.Advance(-time.Hour))
	c.Set(t0.AddDate(1, 0, 0))
	assert.Equal(t, t0.AddDate(1, 0, 0), c.Now())
	var zero babillardtest.Clock
	assert.True(t, zero.Now().IsZero())
}

func TestRecorderReadsWithoutConsuming(t *testing.T) {
	onBothStores(t, func(t *testing.T, store babillard.Store) {
		b := babillardtest.NewBoard(t, store)
		rec := babillardtest.Record(t, b.Store)
		assert.Empty(t, rec.Events(), "the board's setup events are skipped")
		o := b.Publish(babillardtest.ValidContent())
		other := b.Publish(babillardtest.ValidContent())
		want := []string{offer.TopicSubmitted, offer.TopicApproved, offer.TopicPublished}
		assert.Equal(t, want, rec.Topics(babillardtest.Aggregate(o.ID)))
		assert.Equal(t, want, rec.Topics(babillardtest.Aggregate(other.ID)))
		assert.Len(t, rec.Events(babillardtest.Topic(offer.TopicPublished)), 2)
		assert.Len(t, rec.Events(babillardtest.Topic(offer.TopicPublished), babillardtest.Aggregate(o.ID)), 1)
		assert.Len(t, rec.Events(babillardtest.InGroup(b.Group.ID), babillardtest.Topic(offer.TopicPublished)), 2)

		// A worker still gets every event, and the recorder still reads
		// them once delivered.
		claimed, err := b.Store.ClaimEvents(context.Background(), "worker", 1000, time.Minute, b.Clock.Now())
		require.NoError(t, err)
		var published int
		for _, e := range claimed {
			if e.Topic == offer.TopicPublished {
				published++
			}
		}
		assert.Equal(t, 2, published)
		assert.Equal(t, want, rec.Topics(babillardtest.Aggregate(o.ID)))
	})
}
