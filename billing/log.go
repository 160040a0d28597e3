package billing

import (
	"context"
	"log/slog"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
)

// logGrant logs and counts a grant of lot, as asked (see package observe):
// by the board (the lot's GrantedBy is a moderator) or a purchase (a
// member).
func (s *Service) logGrant(ctx context.Context, lot Lot, start time.Time, err error) {
	who := observe.KeyActor
	if lot.Source == SourceBoard {
		who = observe.KeyModerator
	}
	s.obs.Done(ctx, "grant", start, err, obs.Outcome(err, group.ErrForbidden),
		slog.String(observe.KeyGroup, lot.GroupID.String()), slog.String(who, lot.GrantedBy.String()),
		slog.String("product", string(lot.Product)), slog.Int(observe.KeyCount, lot.Quantity))
}
