package babillard_test

import (
	"context"
	"testing"
	"time"

	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Advance stops when its context is done, returning the context's error
// and the count done so far; the offers it did not reach move at the next
// call.
func TestAdvanceStopsWhenTheContextIsDone(t *testing.T) {
	w := newWorld(t, memory.New())
	o := w.published(jobContent())
	w.clock.Advance(30 * 24 * time.Hour)
	ctx, cancel := context.WithCancel(w.ctx)
	cancel()
	n, err := w.board.Offers.Advance(ctx, w.clock.Now())
	assert.Zero(t, n)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, offer.Published, w.get(o.ID).Status)

	n, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, offer.Expired, w.get(o.ID).Status)
	n, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(t, err)
	assert.Zero(t, n, "idempotent at the same now")
}
