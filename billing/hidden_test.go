package billing_test

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot is what a refused call must leave as it was: every balance and
// statement of both groups, the reservation and the outbox.
func (e *env) snapshot(ref uuid.UUID, p billing.Product) any {
	e.t.Helper()
	var out []any
	for _, g := range []uuid.UUID{e.principal.GroupID, e.other.GroupID} {
		b, err := e.bank.BalancesOf(e.ctx, e.moderator, g)
		require.NoError(e.t, err)
		st, err := e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: g}, page.Page{Limit: page.MaxLimit})
		require.NoError(e.t, err)
		out = append(out, b, st)
	}
	r, err := e.store.CreditReservation(e.ctx, ref, p)
	require.NoError(e.t, err)
	events, err := e.store.(storage.OutboxReader).ReadEvents(e.ctx, storage.EventQuery{})
	require.NoError(e.t, err)
	return append(out, r, len(events))
}

// TestAnotherGroupsReservationIsHidden: to a member, another group's
// reservation is what a reference nobody holds is. Release answers the
// same error (sentinel, code, French and English text) for both; the list
// of reservations is empty for both; Reserve and Use refuse it as taken,
// naming neither the group nor the state. Every refusal writes nothing, in
// every state of the other group's reservation.
func TestAnotherGroupsReservationIsHidden(t *testing.T) {
	for _, state := range []billing.ReservationStatus{billing.Reserved, billing.Consumed, billing.Released} {
		t.Run(string(state), func(t *testing.T) {
			e := newEnv(t)
			e.grant(e.principal.GroupID, eng, 3, 0)
			e.grant(e.other.GroupID, eng, 3, 0)
			ref := uuid.New()
			_, err := e.bank.Reserve(e.ctx, e.poster, ref, eng)
			require.NoError(t, err)
			switch state {
			case billing.Consumed:
				_, err = e.bank.Consume(e.ctx, e.moderator, ref, eng)
			case billing.Released:
				_, err = e.bank.Release(e.ctx, e.poster, ref, eng)
			}
			require.NoError(t, err)
			before := e.snapshot(ref, eng)

			_, hidden := e.bank.Release(e.ctx, e.other, ref, eng)
			_, unknown := e.bank.Release(e.ctx, e.other, uuid.New(), eng)
			require.ErrorIs(t, hidden, billing.ErrNoReservation)
			require.ErrorIs(t, hidden, storage.ErrNotFound, "not found, as every hidden record")
			assert.Equal(t, unknown.Error(), hidden.Error())
			assert.Equal(t, i18nErr(t, unknown), i18nErr(t, hidden), "same code and same French and English text")

			list, err := e.bank.Reservations(e.ctx, e.other, billing.ReservationQuery{Ref: ref}, page.Page{})
			require.NoError(t, err)
			assert.Equal(t, page.Result[billing.Reservation]{Items: []billing.Reservation{}}, list)
			list, err = e.bank.Reservations(e.ctx, e.other, billing.ReservationQuery{Ref: ref, Product: eng, Status: state}, page.Page{})
			require.NoError(t, err)
			assert.Empty(t, list.Items)

			for name, call := range map[string]func() (billing.Reservation, error){
				"reserve": func() (billing.Reservation, error) { return e.bank.Reserve(e.ctx, e.other, ref, eng) },
				"use":     func() (billing.Reservation, error) { return e.bank.Use(e.ctx, e.other, ref, eng) },
			} {
				r, err := call()
				require.ErrorIs(t, err, billing.ErrNotAllowed, name)
				assert.Equal(t, "reference.taken", code(err), name)
				assert.Zero(t, r, name)
				d := i18nErr(t, err)
				for _, text := range []string{d.Message.FR, d.Message.EN} {
					assert.NotContains(t, text, "groupe", name)
					assert.NotContains(t, text, "group", name)
				}
			}
			assert.Equal(t, before, e.snapshot(ref, eng), "the refusals wrote nothing")

			// The reservation is still its owner's, and the owner lists it.
			mine, err := e.bank.Reservations(e.ctx, e.poster, billing.ReservationQuery{Ref: ref}, page.Page{})
			require.NoError(t, err)
			require.Len(t, mine.Items, 1)
			assert.Equal(t, state, mine.Items[0].Status)
		})
	}
}

// i18nErr returns err as an *i18n.Error, failing the test otherwise.
func i18nErr(t *testing.T, err error) *i18n.Error {
	t.Helper()
	var ie *i18n.Error
	require.ErrorAs(t, err, &ie)
	require.NotEmpty(t, ie.Message.FR)
	require.NotEmpty(t, ie.Message.EN)
	return ie
}
