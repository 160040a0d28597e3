package babillard_test

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// A retry key tells nothing about other groups' offers: a member who names
// another group's offer with a key they used on their own offer gets the
// answer of a random ID, for Extend and Feature alike.
func TestARetryKeyDoesNotRevealAnotherGroupsOffer(t *testing.T) {
	w := newWorld(t, memory.New())
	paul := newWorldOn(t, w)
	_, err := w.board.Groups.UpdateProfile(w.ctx, paul, completeProfile())
	require.NoError(t, err)
	for _, p := range []billing.Product{billing.EngineerPosting, billing.Extension, billing.Featured} {
		_, err := w.board.Billing.Grant(w.ctx, w.moderator, billing.GrantInput{GroupID: paul.GroupID, Product: p, Quantity: 1})
		require.NoError(t, err)
	}
	own, _, err := w.board.Offers.Create(w.ctx, paul, jobContent())
	require.NoError(t, err)
	_, err = w.board.Offers.Submit(w.ctx, paul, own.ID)
	require.NoError(t, err)
	_, err = w.board.Offers.Approve(w.ctx, w.moderator, own.ID)
	require.NoError(t, err)
	extendKey, featureKey := uuid.New(), uuid.New()
	_, err = w.board.Offers.Extend(w.ctx, paul, own.ID, extendKey)
	require.NoError(t, err)
	_, _, err = w.board.Offers.Feature(w.ctx, paul, own.ID, featureKey)
	require.NoError(t, err)

	victim := w.published(jobContent())
	for _, key := range []uuid.UUID{extendKey, featureKey} {
		_, missing := w.board.Offers.Extend(w.ctx, paul, uuid.New(), key)
		_, got := w.board.Offers.Extend(w.ctx, paul, victim.ID, key)
		sameAnswer(t, missing, got, storage.ErrNotFound)
		_, _, missing = w.board.Offers.Feature(w.ctx, paul, uuid.New(), key)
		_, _, got = w.board.Offers.Feature(w.ctx, paul, victim.ID, key)
		sameAnswer(t, missing, got, storage.ErrNotFound)
	}
}
