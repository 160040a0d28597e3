package offer_test

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Actor kinds of the expectation table: the three roles, a moderator and
// the clock.
const (
	P = "principal"
	A = "posting" // responsable de l'affichage
	F = "finance"
	B = "board"
	C = "clock"
)

// expected mirrors docs/RULES.md G-8 and M-1 to M-11, written out independently of the
// package's table: for each status, the actions that exist and who may
// take them. Anything not listed must be refused.
var expected = map[offer.Status]map[offer.Action][]string{
	offer.Draft: {
		offer.ActionEdit: {P, A}, offer.ActionSubmit: {P, A}, offer.ActionDetachCredit: {P, A},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.InValidation: {
		offer.ActionCancel: {P, B}, offer.ActionApprove: {B}, offer.ActionRefuse: {B},
		offer.ActionModerate: {B}, offer.ActionPushDeadline: {B},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.ToRevise: {
		offer.ActionRevise: {P, A}, offer.ActionResubmit: {P, A}, offer.ActionCancel: {P, A, B},
		offer.ActionModerate: {B}, offer.ActionPushDeadline: {B},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.Scheduled: {
		offer.ActionPublish: {C}, offer.ActionWithdraw: {B}, offer.ActionModerate: {B}, offer.ActionPushDeadline: {B},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.Published: {
		offer.ActionModify: {P, A}, offer.ActionApproveRevision: {B}, offer.ActionRefuseRevision: {B},
		offer.ActionExtend: {P, A}, offer.ActionFeature: {P, A}, offer.ActionEnd: {P, A},
		offer.ActionWithdraw: {B}, offer.ActionExpire: {C}, offer.ActionModerate: {B}, offer.ActionPushDeadline: {B},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.Expired: {
		offer.ActionArchive:   {P, A},
		offer.ActionDuplicate: {P, A}, offer.ActionView: {P, A, F, B}, offer.ActionHistory: {P, A, F, B},
	},
	offer.Archived: {},
}

var allActions = []offer.Action{
	offer.ActionEdit, offer.ActionSubmit, offer.ActionDetachCredit, offer.ActionCancel, offer.ActionApprove,
	offer.ActionRefuse, offer.ActionRevise, offer.ActionResubmit, offer.ActionModerate, offer.ActionPushDeadline,
	offer.ActionPublish, offer.ActionModify, offer.ActionApproveRevision, offer.ActionRefuseRevision,
	offer.ActionExtend, offer.ActionFeature, offer.ActionEnd, offer.ActionWithdraw, offer.ActionExpire,
	offer.ActionArchive, offer.ActionDuplicate, offer.ActionView, offer.ActionHistory,
}

func actor(kind string) (offer.Who, []group.Role) {
	switch kind {
	case P:
		return offer.Member, []group.Role{group.Principal}
	case A:
		return offer.Member, []group.Role{group.PostingManager}
	case F:
		return offer.Member, []group.Role{group.FinanceManager}
	case B:
		return offer.Board, nil
	}
	return offer.Clock, nil
}

var now = time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)

// satisfying returns an offer in status s on which the guards of action
// hold at now.
func satisfying(s offer.Status, a offer.Action) offer.Offer {
	o := offer.Offer{Status: s, PublishAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute), CreditReserved: true}
	switch a {
	case offer.ActionApprove:
		// either row: the display date is reached
	case offer.ActionApproveRevision, offer.ActionRefuseRevision:
		o.Revision = &offer.Content{}
	}
	return o
}

func TestEveryStatusActionAndActor(t *testing.T) {
	for _, s := range offer.Statuses() {
		for _, a := range allActions {
			allowed := expected[s][a]
			for _, kind := range []string{P, A, F, B, C} {
				who, roles := actor(kind)
				o := satisfying(s, a)
				_, err := offer.Next(o, a, who, roles, now)
				switch {
				case slices.Contains(allowed, kind):
					assert.NoError(t, err, "%s / %s / %s", s, a, kind)
				case allowed == nil:
					assert.ErrorIs(t, err, offer.ErrNotAllowed, "%s / %s / %s: the action does not exist there", s, a, kind)
				default:
					assert.ErrorIs(t, err, offer.ErrForbidden, "%s / %s / %s", s, a, kind)
					assert.ErrorIs(t, err, group.ErrForbidden)
				}
				got := slices.Contains(offer.Actions(o, who, roles, now), a)
				assert.Equal(t, slices.Contains(allowed, kind), got, "Actions(%s, %s) lists %s", s, kind, a)
			}
		}
	}
}

func TestGuards(t *testing.T) {
	board := func(o offer.Offer, a offer.Action) (offer.Transition, error) {
		return offer.Next(o, a, offer.Board, nil, now)
	}
	// Approval publishes at once when the display date is reached, and
	// schedules otherwise.
	tr, err := board(offer.Offer{Status: offer.InValidation, PublishAt: now}, offer.ActionApprove)
	require.NoError(t, err)
	assert.Equal(t, offer.Published, tr.To)
	tr, err = board(offer.Offer{Status: offer.InValidation, PublishAt: now.Add(time.Second)}, offer.ActionApprove)
	require.NoError(t, err)
	assert.Equal(t, offer.Scheduled, tr.To)

	clock := func(o offer.Offer, a offer.Action) error {
		_, err := offer.Next(o, a, offer.Clock, nil, now)
		return err
	}
	assert.NoError(t, clock(offer.Offer{Status: offer.Scheduled, PublishAt: now}, offer.ActionPublish))
	assert.ErrorIs(t, clock(offer.Offer{Status: offer.Scheduled, PublishAt: now.Add(time.Second)}, offer.ActionPublish), offer.ErrNotAllowed)
	assert.NoError(t, clock(offer.Offer{Status: offer.Published, ExpiresAt: now}, offer.ActionExpire))
	assert.ErrorIs(t, clock(offer.Offer{Status: offer.Published, ExpiresAt: now.Add(time.Second)}, offer.ActionExpire), offer.ErrNotAllowed)

	posting := []group.Role{group.PostingManager}
	member := func(o offer.Offer, a offer.Action) error {
		_, err := offer.Next(o, a, offer.Member, posting, now)
		return err
	}
	assert.ErrorIs(t, member(offer.Offer{Status: offer.Published, Revision: &offer.Content{}}, offer.ActionModify), offer.ErrNotAllowed,
		"one revision at a time")
	featured := offer.Offer{Status: offer.Published, FeaturedFrom: now.Add(-time.Hour), FeaturedUntil: now.Add(time.Hour)}
	assert.ErrorIs(t, member(featured, offer.ActionFeature), offer.ErrNotAllowed)
	featured.FeaturedUntil = now
	assert.NoError(t, member(featured, offer.ActionFeature), "featuring again once the period ended")
	assert.ErrorIs(t, member(offer.Offer{Status: offer.Draft}, offer.ActionDetachCredit), offer.ErrNotAllowed, "no credit to detach")
	assert.ErrorIs(t, member(offer.Offer{Status: offer.Draft, CreditReserved: true, PublishedAt: now.Add(-48 * time.Hour)}, offer.ActionDetachCredit),
		offer.ErrNotAllowed, "a credit of an offer once published stays")
	_, err = board(offer.Offer{Status: offer.Published}, offer.ActionApproveRevision)
	assert.ErrorIs(t, err, offer.ErrNotAllowed)
}

func TestRefusalsAreBilingual(t *testing.T) {
	_, err := offer.Next(offer.Offer{Status: offer.InValidation}, offer.ActionCancel, offer.Member, []group.Role{group.PostingManager}, now)
	var e *i18n.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "action.forbidden", e.Code)
	assert.Equal(t, "Vous ne pouvez pas faire l'action « Annuler » sur une offre au statut « En validation ».", e.Message.FR)
	assert.Equal(t, `You may not take the action "Cancel" on an offer in status "In validation".`, e.Message.EN)
}

func TestEveryActionAndStatusHasNames(t *testing.T) {
	for _, a := range append(allActions, offer.ActionCreate) {
		fr, en := a.Name()
		assert.NotEqual(t, string(a), fr, a)
		assert.NotEqual(t, string(a), en, a)
	}
	for _, s := range offer.Statuses() {
		fr, en := s.Name()
		assert.NotEqual(t, string(s), fr)
		assert.NotEmpty(t, en)
		assert.True(t, s.Valid())
	}
	assert.False(t, offer.Status("live").Valid())
}

func TestTransitionsIsACopy(t *testing.T) {
	rows := offer.Transitions()
	rows[0].To = offer.Archived
	rows[0].Permission = group.ManageMembers
	tr, err := offer.Next(offer.Offer{Status: offer.Draft}, offer.ActionEdit, offer.Member, []group.Role{group.PostingManager}, now)
	require.NoError(t, err)
	assert.Equal(t, offer.Draft, tr.To)
}

var update = flag.Bool("update", false, "rewrite docs/offer-status.md from the transition table")

// TestDiagramIsCurrent fails when docs/offer-status.md no longer matches the
// table; go test ./offer -run TestDiagramIsCurrent -update rewrites it.
func TestDiagramIsCurrent(t *testing.T) {
	const path = "../docs/offer-status.md"
	want := "# The offer status machine\n\n" +
		"Generated from `offer.Transitions()` by `go test ./offer -run TestDiagramIsCurrent -update`; do not edit.\n" +
		"Arrows change the status; the notes list the actions that keep it. Each label names the action,\n" +
		"its condition in brackets, and who may take it (roles of the offer's group, the board, or the clock).\n\n" +
		"```mermaid\n" + offer.Diagram() + "```\n"
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./offer -run TestDiagramIsCurrent -update")
	assert.Equal(t, want, string(got), "docs/offer-status.md is stale: run go test ./offer -run TestDiagramIsCurrent -update")
	assert.True(t, strings.HasPrefix(offer.Diagram(), "stateDiagram-v2\n"))
}
