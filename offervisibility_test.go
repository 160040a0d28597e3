package babillard_test

import (
	"errors"
	"testing"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// offerEntryPoints calls every member entry point of the offer service that
// names an offer by ID.
func offerEntryPoints(w *world) map[string]func(a group.Actor, id uuid.UUID) error {
	offers := w.board.Offers
	stats := func(a group.Actor, id uuid.UUID) error {
		_, err := offers.Stats(w.ctx, a, offer.StatsQuery{OfferIDs: []uuid.UUID{id}, From: canada.Date{Year: 2026, Month: 6, Day: 1},
			To: canada.Date{Year: 2026, Month: 6, Day: 30}, Period: offer.Total})
		return err
	}
	return map[string]func(a group.Actor, id uuid.UUID) error{
		"Get": func(a group.Actor, id uuid.UUID) error { _, err := offers.Get(w.ctx, a, id); return err },
		"History": func(a group.Actor, id uuid.UUID) error {
			_, err := offers.History(w.ctx, a, id, page.Page{})
			return err
		},
		"Actions": func(a group.Actor, id uuid.UUID) error { _, err := offers.Actions(w.ctx, a, id); return err },
		"Preview": func(a group.Actor, id uuid.UUID) error { _, err := offers.Preview(w.ctx, a, id); return err },
		"Edit": func(a group.Actor, id uuid.UUID) error {
			_, _, err := offers.Edit(w.ctx, a, id, jobContent())
			return err
		},
		"Submit":       func(a group.Actor, id uuid.UUID) error { _, err := offers.Submit(w.ctx, a, id); return err },
		"Cancel":       func(a group.Actor, id uuid.UUID) error { _, err := offers.Cancel(w.ctx, a, id); return err },
		"DetachCredit": func(a group.Actor, id uuid.UUID) error { _, err := offers.DetachCredit(w.ctx, a, id); return err },
		"Modify": func(a group.Actor, id uuid.UUID) error {
			_, _, err := offers.Modify(w.ctx, a, id, jobContent())
			return err
		},
		"Extend": func(a group.Actor, id uuid.UUID) error { _, err := offers.Extend(w.ctx, a, id, uuid.New()); return err },
		"Feature": func(a group.Actor, id uuid.UUID) error {
			_, _, err := offers.Feature(w.ctx, a, id, uuid.New())
			return err
		},
		"End":       func(a group.Actor, id uuid.UUID) error { _, err := offers.End(w.ctx, a, id); return err },
		"Archive":   func(a group.Actor, id uuid.UUID) error { _, err := offers.Archive(w.ctx, a, id); return err },
		"Duplicate": func(a group.Actor, id uuid.UUID) error { _, err := offers.Duplicate(w.ctx, a, id); return err },
		"Stats":     stats,
	}
}

// sameAnswer requires two errors a caller cannot tell apart: same type,
// code, text in both languages and sentinel.
func sameAnswer(t *testing.T, want, got error, sentinel error) {
	t.Helper()
	require.ErrorIs(t, want, sentinel)
	require.ErrorIs(t, got, sentinel)
	var we, ge *i18n.Error
	require.ErrorAs(t, want, &we, "a bilingual error")
	require.ErrorAs(t, got, &ge, "a bilingual error")
	assert.Equal(t, we.Code, ge.Code)
	assert.Equal(t, we.Message, ge.Message)
	assert.Equal(t, want.Error(), got.Error())
	assert.Equal(t, errors.Unwrap(want), errors.Unwrap(got))
}

func TestAnotherGroupsOfferAnswersNotFoundLikeARandomID(t *testing.T) {
	onEveryStore(t, testAnotherGroupsOfferIsNotFound)
}

func testAnotherGroupsOfferIsNotFound(t *testing.T, store babillard.Store) {
	w := newWorld(t, store)
	other := newWorldOn(t, w)
	draft, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	live := w.published(jobContent())
	random := uuid.New()
	for name, call := range offerEntryPoints(w) {
		t.Run(name, func(t *testing.T) {
			missing := call(other, random)
			var notFound *i18n.Error
			require.ErrorAs(t, missing, &notFound)
			assert.Equal(t, "offer.not_found", notFound.Code)
			assert.NotEmpty(t, notFound.Message.FR)
			assert.NotEmpty(t, notFound.Message.EN)
			for _, id := range []uuid.UUID{draft.ID, live.ID} {
				got := call(other, id)
				sameAnswer(t, missing, got, storage.ErrNotFound)
				assert.NotErrorIs(t, got, group.ErrForbidden)
			}
			// A user who claims the offer's group without being its member
			// is refused the same way whether the offer exists or not.
			intruder := group.Actor{UserID: other.UserID, GroupID: w.marie.GroupID}
			sameAnswer(t, call(intruder, random), call(intruder, live.ID), group.ErrForbidden)
		})
	}
	// Nothing changed, and the board still sees everything.
	got, err := w.board.Offers.GetByBoard(w.ctx, w.moderator, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Draft, got.Status)
	got, err = w.board.Offers.GetByBoard(w.ctx, w.moderator, live.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Published, got.Status)
	history, err := w.board.Offers.HistoryByBoard(w.ctx, w.moderator, live.ID, page.Page{})
	require.NoError(t, err)
	assert.NotEmpty(t, history.Items)
	_, err = w.board.Offers.GetByBoard(w.ctx, w.moderator, random)
	sameAnswer(t, offerEntryPoints(w)["Get"](w.jean, random), err, storage.ErrNotFound)
	_, err = w.board.Offers.Approve(w.ctx, w.moderator, random)
	sameAnswer(t, offerEntryPoints(w)["Get"](w.jean, random), err, storage.ErrNotFound)
}

func TestStatsOfAnotherGroupsOfferAreRefusedAsNotFound(t *testing.T) {
	w := newWorld(t, memory.New())
	other := newWorldOn(t, w)
	w.grant(billing.EngineerPosting, 1)
	live := w.published(jobContent())
	q := offer.StatsQuery{From: canada.Date{Year: 2026, Month: 6, Day: 1}, To: canada.Date{Year: 2026, Month: 6, Day: 30}, Period: offer.Total}
	q.OfferIDs = []uuid.UUID{live.ID}
	_, err := w.board.Offers.Stats(w.ctx, other, q)
	var e *i18n.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "offer.not_found", e.Code)
	assert.ErrorIs(t, err, storage.ErrNotFound)
	// Its own group reads them, and an archived offer of its own is
	// refused as before.
	_, err = w.board.Offers.Stats(w.ctx, w.sophie, q)
	require.NoError(t, err)
	_, err = w.board.Offers.End(w.ctx, w.jean, live.ID)
	require.NoError(t, err)
	_, err = w.board.Offers.Archive(w.ctx, w.jean, live.ID)
	require.NoError(t, err)
	_, err = w.board.Offers.Stats(w.ctx, w.sophie, q)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "stats.unavailable", e.Code)
}
