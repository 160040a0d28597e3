package babillard_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failingDue is a store whose DueOffers fails.
type failingDue struct{ babillard.Store }

var errDue = errors.New("due offers unavailable")

func (failingDue) DueOffers(context.Context, time.Time, int) ([]offer.Offer, error) {
	return nil, errDue
}

func names(r babillard.TickReport) []string {
	var out []string
	for _, p := range r.Parts {
		out = append(out, p.Name)
	}
	return out
}

func TestTickRunsEveryPart(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		var hostNow time.Time
		host := babillard.TickPart{Name: "host.job", Run: func(_ context.Context, now time.Time) (int, error) {
			hostNow = now
			return 3, nil
		}}
		b := babillardtest.NewBoard(t, store, babillardtest.WithOptions(babillard.Options{TickParts: []babillard.TickPart{host}}))
		ctx := context.Background()
		o := b.Publish(babillardtest.ValidContent())
		_, err := b.Billing.Grant(ctx, b.Moderator, billing.GrantInput{GroupID: b.Group.ID, Product: billing.Featured,
			Quantity: 2, ExpiresAt: b.Clock.Now().Add(24 * time.Hour)})
		require.NoError(t, err)

		now := b.Clock.Advance(31 * 24 * time.Hour)
		report, err := b.Tick(ctx, now)
		require.NoError(t, err)
		require.NoError(t, report.Err())
		assert.Equal(t, now, report.Now)
		assert.Equal(t, []string{babillard.TickOffers, babillard.TickCredits, "host.job"}, names(report))
		offers, _ := report.Part(babillard.TickOffers)
		assert.Equal(t, 1, offers.Count, "the offer expired")
		credits, _ := report.Part(babillard.TickCredits)
		assert.Equal(t, 2, credits.Count, "the two featured credits expired")
		hostPart, _ := report.Part("host.job")
		assert.Equal(t, 3, hostPart.Count)
		assert.Equal(t, now, hostNow)
		for _, p := range report.Parts {
			assert.Positive(t, p.Duration, p.Name)
		}
		o, err = b.Offers.Get(ctx, b.PostingManager, o.ID)
		require.NoError(t, err)
		assert.Equal(t, offer.Expired, o.Status)

		// Again at the same time: nothing left to do.
		report, err = b.Tick(ctx, now)
		require.NoError(t, err)
		for _, name := range []string{babillard.TickOffers, babillard.TickCredits} {
			p, ok := report.Part(name)
			assert.True(t, ok)
			assert.Zero(t, p.Count, name)
		}
		_, ok := report.Part("unknown")
		assert.False(t, ok)
	})
}

func TestTickGoesOnAfterAFailingPart(t *testing.T) {
	errHost := errors.New("host job failed")
	var after int
	parts := []babillard.TickPart{
		{Name: "host.fails", Run: func(context.Context, time.Time) (int, error) { return 1, errHost }},
		{Name: "host.panics", Run: func(context.Context, time.Time) (int, error) { panic("boom") }},
		{Name: "host.nil"},
		{Name: "host.after", Run: func(context.Context, time.Time) (int, error) { after++; return 0, nil }},
	}
	b := babillardtest.NewBoard(t, failingDue{memory.New()}, babillardtest.WithOptions(babillard.Options{TickParts: parts}))
	ctx := context.Background()
	_, err := b.Billing.Grant(ctx, b.Moderator, billing.GrantInput{GroupID: b.Group.ID, Product: billing.Extension,
		Quantity: 4, ExpiresAt: b.Clock.Now().Add(time.Hour)})
	require.NoError(t, err)

	report, err := b.Tick(ctx, b.Clock.Advance(2*time.Hour))
	require.Error(t, err)
	assert.Equal(t, err.Error(), report.Err().Error())
	assert.ErrorIs(t, err, errDue)
	assert.ErrorIs(t, err, errHost)
	assert.ErrorContains(t, err, "offers.advance: ")
	assert.ErrorContains(t, err, "host.panics: babillard: tick part host.panics panicked: boom")
	assert.ErrorContains(t, err, "host.nil: ")
	assert.Equal(t, []string{babillard.TickOffers, babillard.TickCredits, "host.fails", "host.panics", "host.nil", "host.after"}, names(report))

	credits, _ := report.Part(babillard.TickCredits)
	assert.NoError(t, credits.Err, "the credits expire although the offers failed")
	assert.Equal(t, 4, credits.Count)
	failed, _ := report.Part("host.fails")
	assert.Equal(t, 1, failed.Count, "a failing part's count is kept")
	assert.Equal(t, 1, after, "the part after the failures ran")
	offers, _ := report.Part(babillard.TickOffers)
	assert.ErrorIs(t, offers.Err, errDue)
}

// Tick runs what time moves: a month after its publication, the offer
// expires; credits past their expiry are expired.
func ExampleBoard_Tick() {
	b, err := babillardtest.New(memory.New()) // in a test, babillardtest.NewBoard(t, …)
	if err != nil {
		fmt.Println(err)
		return
	}
	b.Publish(babillardtest.ValidContent())

	report, err := b.Tick(context.Background(), b.Clock.Advance(31*24*time.Hour))
	if err != nil {
		fmt.Println(err)
	}
	for _, p := range report.Parts {
		fmt.Println(p.Name, p.Count)
	}
	// Output:
	// offers.advance 1
	// credits.expire 0
}

func TestTickOfABoardNotMadeByNew(t *testing.T) {
	b := babillardtest.NewBoard(t, memory.New())
	literal := &babillard.Board{Store: b.Store, Groups: b.Groups, Billing: b.Billing, Offers: b.Offers}
	report, err := literal.Tick(context.Background(), b.Clock.Now())
	require.NoError(t, err)
	assert.Equal(t, []string{babillard.TickOffers, babillard.TickCredits}, names(report))
}

// TestTickReportJSONKeepsTheError: an encoded report says why a part
// failed, and says nothing of an error where the part succeeded.
func TestTickReportJSONKeepsTheError(t *testing.T) {
	r := babillard.TickReport{Parts: []babillard.TickPartReport{
		{Name: "ok", Count: 2},
		{Name: "broken", Count: 1, Err: errors.New("store unreachable")},
	}}
	data, err := json.Marshal(r)
	require.NoError(t, err)
	var back struct {
		Parts []map[string]any `json:"parts"`
	}
	require.NoError(t, json.Unmarshal(data, &back))
	require.Len(t, back.Parts, 2)
	assert.Equal(t, "ok", back.Parts[0]["name"])
	assert.NotContains(t, back.Parts[0], "error")
	assert.Equal(t, "broken", back.Parts[1]["name"])
	assert.Equal(t, "store unreachable", back.Parts[1]["error"])
	assert.EqualValues(t, 1, back.Parts[1]["count"])
}
