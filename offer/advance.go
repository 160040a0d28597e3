package offer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// advanceBatch is how many due offers Advance moves per store query.
const advanceBatch = 200

// Advance moves every offer whose time has come at now, each in its own
// transaction: scheduled offers are published on their display date,
// published ones are warned 10 days before expiry and expire at the end of
// their publication, and featured periods that ended are announced. It is
// idempotent: running it twice at the same now changes nothing the second
// time. The host owns the ticker (call it every minute, say); it returns how
// many offers it changed.
//
// An offer that fails does not stop the others: Advance goes on with every
// other due offer and returns the count of those it changed with every
// failure joined (errors.Join), each naming its offer; the failed offers
// are tried again at the next call. It stops early only when the store
// cannot list the due offers or ctx is done.
func (s *Service) Advance(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC().Truncate(time.Microsecond)
	changed := 0
	var errs []error
	tried := map[uuid.UUID]bool{}
	limit := advanceBatch
	for {
		due, err := s.store.DueOffers(ctx, now, limit)
		if err != nil {
			return changed, errors.Join(append(errs, err)...)
		}
		fresh := 0
		for _, o := range due {
			if tried[o.ID] {
				continue // failed, or moved by someone else meanwhile
			}
			if err := ctx.Err(); err != nil {
				return changed, errors.Join(append(errs, err)...)
			}
			tried[o.ID] = true
			fresh++
			ok, err := s.advanceOne(ctx, o.ID, now)
			if err != nil {
				errs = append(errs, fmt.Errorf("offer: advance %s: %w", o.ID, err))
				continue
			}
			if ok {
				changed++
			}
		}
		if len(due) < limit {
			return changed, errors.Join(errs...)
		}
		// DueOffers lists by ID: offers tried already (those that failed)
		// come back first. When a whole batch is made of them, look
		// further.
		if fresh == 0 {
			limit *= 2
		}
	}
}

// advanceOne applies to one offer every clock step due at now, in one
// transaction, and reports whether it changed anything.
func (s *Service) advanceOne(ctx context.Context, id uuid.UUID, now time.Time) (bool, error) {
	changed := false
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		o, err := s.store.Offer(ctx, id)
		if err != nil {
			return err
		}
		steps := []func(*Offer) (bool, error){
			func(o *Offer) (bool, error) { return s.clockStep(ctx, o, ActionPublish, now) },
			func(o *Offer) (bool, error) { return s.warnExpiry(ctx, o, now) },
			func(o *Offer) (bool, error) { return s.featuredEnded(ctx, o, now) },
			func(o *Offer) (bool, error) { return s.clockStep(ctx, o, ActionExpire, now) },
		}
		for _, step := range steps {
			did, err := step(&o)
			if err != nil {
				return err
			}
			changed = changed || did
		}
		if !changed {
			return nil
		}
		return s.store.UpdateOffer(ctx, &o)
	})
	if errors.Is(err, storage.ErrConflict) {
		return false, nil // someone moved it meanwhile; the next run sees it again
	}
	return changed, err
}

// clockStep takes the clock's action when the table allows it.
func (s *Service) clockStep(ctx context.Context, o *Offer, action Action, now time.Time) (bool, error) {
	t, err := Next(*o, action, Clock, nil, now)
	if err != nil {
		return false, nil
	}
	from := o.Status
	switch action {
	case ActionPublish:
		s.publish(o)
	case ActionExpire:
		o.EndedAt = o.ExpiresAt
	}
	o.Status, o.UpdatedAt = t.To, now
	return true, s.record(ctx, *o, action, from, clockActor(), "", now)
}

// warnExpiry announces, once, that a published offer expires in 10 days.
func (s *Service) warnExpiry(ctx context.Context, o *Offer, now time.Time) (bool, error) {
	if o.Status != Published || o.WarnedExpiry || now.Before(expiryWarning(o.ExpiresAt, s.rules.Location)) || !now.Before(o.ExpiresAt) {
		return false, nil
	}
	o.WarnedExpiry = true
	return true, s.emit(ctx, TopicExpiring, *o, now, "")
}

// featuredEnded announces, once, that an offer is no longer featured.
func (s *Service) featuredEnded(ctx context.Context, o *Offer, now time.Time) (bool, error) {
	if o.FeaturedUntil.IsZero() || o.FeaturedEndNotified || now.Before(o.FeaturedUntil) {
		return false, nil
	}
	o.FeaturedEndNotified = true
	return true, s.emit(ctx, TopicFeaturedEnded, *o, now, "")
}
