package group

import (
	"context"
	"log/slog"
	"time"

	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
)

// logAuthorize logs and counts a permission check that did not pass (see
// package observe): a refusal with its code and detail, or the store's
// failure. Checks that pass are the callers' actions to log.
func (s *Service) logAuthorize(ctx context.Context, a Actor, p Permission, start time.Time, err *error) {
	if *err == nil {
		return
	}
	s.obs.Done(ctx, "authorize", start, *err, obs.Outcome(*err, ErrForbidden),
		slog.String("permission", string(p)),
		slog.String(observe.KeyActor, a.UserID.String()), slog.String(observe.KeyGroup, a.GroupID.String()))
}
