package offer

import (
	"context"
	"log/slog"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/google/uuid"
)

// done logs and counts the end of an action on offer id (see package
// observe): who asked, what, and the outcome, with the detail of a
// refusal that its user is not shown.
func (s *Service) done(ctx context.Context, action Action, id uuid.UUID, b by, start time.Time, err error) {
	if s.obs.Off() {
		return // no logger, no metrics: no attributes built
	}
	attrs := []slog.Attr{slog.String(observe.KeyOffer, id.String())}
	switch b.who {
	case Member:
		attrs = append(attrs, slog.String(observe.KeyActor, b.member.UserID.String()),
			slog.String(observe.KeyGroup, b.member.GroupID.String()))
	case Board:
		attrs = append(attrs, slog.String(observe.KeyModerator, b.moderator.ID.String()))
	}
	s.obs.Done(ctx, string(action), start, err, obs.Outcome(err, ErrForbidden), attrs...)
}

// otherGroup logs a member's attempt at an offer of another group, with
// the detail the member is not to be told.
func (s *Service) otherGroup(ctx context.Context, a group.Actor, offerGroup uuid.UUID) {
	if s.obs.Off() {
		return
	}
	s.obs.Done(ctx, "resolve", time.Now(), nil, observe.OutcomeRefused,
		slog.String(observe.KeyActor, a.UserID.String()), slog.String(observe.KeyGroup, a.GroupID.String()),
		slog.String("offer_group", offerGroup.String()), slog.String(observe.KeyDetail, "the offer belongs to another group"))
}
