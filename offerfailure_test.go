package babillard_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failingGroups is a store whose group reads fail once armed, as a killed
// connection or a spent deadline would make them.
type failingGroups struct {
	babillard.Store
	fail atomic.Pointer[error]
}

func (s *failingGroups) Group(ctx context.Context, id uuid.UUID) (group.Group, error) {
	if err := s.fail.Load(); err != nil {
		return group.Group{}, *err
	}
	return s.Store.Group(ctx, id)
}

func TestSubmitReturnsAStoreFailureAsIs(t *testing.T) {
	for _, cause := range []error{context.DeadlineExceeded, errors.New("connection reset by peer")} {
		t.Run(cause.Error(), func(t *testing.T) {
			store := &failingGroups{Store: memory.New()}
			w := newWorld(t, store)
			w.grant(billing.EngineerPosting, 1)
			o, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
			require.NoError(t, err)
			failure := fmt.Errorf("store: read group: %w", cause)
			store.fail.Store(&failure)
			_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
			require.ErrorIs(t, err, cause)
			assert.NotErrorIs(t, err, i18n.ErrInvalid, "a store failure is not bad input")
			assert.NotErrorAs(t, err, new(*i18n.ValidationError))
			store.fail.Store(nil)
			got, err := w.board.Offers.Get(w.ctx, w.jean, o.ID)
			require.NoError(t, err)
			assert.Equal(t, offer.Draft, got.Status, "nothing written")
			assert.Equal(t, 1, w.balance(billing.EngineerPosting).Available)
		})
	}
}

func TestSubmitStillListsEveryMissingFieldAtOnce(t *testing.T) {
	w := newWorld(t, memory.New())
	_, err := w.board.Groups.UpdateProfile(w.ctx, w.marie, group.Profile{Name: "Acme"})
	require.NoError(t, err)
	c := jobContent()
	c.Domains = nil
	o, _, err := w.board.Offers.Create(w.ctx, w.jean, c)
	require.NoError(t, err)
	_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("domains", "required"), ve.Codes())
	assert.True(t, ve.Has("profile.logo", "required"), ve.Codes())
}
