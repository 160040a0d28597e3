package offer

import (
	"context"
	"errors"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// keyMessages is the catalog of the idempotency key checks.
var keyMessages = i18n.MustCatalog(
	i18n.Entry{Code: "key.required", FR: "Indiquez la clé de la commande (un identifiant unique).", EN: "Give the order's key (a unique identifier)."},
	i18n.Entry{Code: "key.reused", FR: "Cette clé a déjà servi à une autre opération.", EN: "This key was already used for another operation."},
)

// Optimization is an optimization applied to a published offer (an
// extension or the featured option), recorded under the idempotency key
// its caller gave, so that a retried call applies it once.
type Optimization struct {
	// Key is the caller's idempotency key (a billing order line, say).
	Key uuid.UUID `json:"key"`
	// OfferID is the offer optimized.
	OfferID uuid.UUID `json:"offer_id"`
	// Action is ActionExtend or ActionFeature.
	Action Action `json:"action"`
	// By is the member who applied it; At when.
	By uuid.UUID `json:"by"`
	At time.Time `json:"at"`
	// Shortfall is what Feature returned (0 for an extension).
	Shortfall time.Duration `json:"shortfall,omitempty"`
}

// OptimizationStore records the optimizations applied, by key.
type OptimizationStore interface {
	// AddOptimization records an optimization; storage.ErrDuplicate when
	// its key is recorded already, storage.ErrNotFound when its offer does
	// not exist.
	AddOptimization(ctx context.Context, o Optimization) error
	// Optimization returns the optimization recorded under key, or
	// storage.ErrNotFound.
	Optimization(ctx context.Context, key uuid.UUID) (Optimization, error)
}

// optimize applies an optimization to offer id once per key: apply runs
// inside the action's transaction, after the credit is used, and returns
// the shortfall to record. A call with a key already recorded for the same
// offer and action applies nothing and returns the offer with the first
// call's shortfall; one whose key served another offer or action (or names
// an offer) is refused.
func (s *Service) optimize(ctx context.Context, a group.Actor, id, key uuid.UUID, action Action, credit Credit,
	apply func(o *Offer, now time.Time) time.Duration) (Offer, time.Duration, error) {
	if key == uuid.Nil {
		v := keyMessages.Validator()
		v.Add("key", "key.required")
		return Offer{}, 0, v.Err()
	}
	var shortfall time.Duration
	o, err := s.act(ctx, id, action, member(a), "", func(ctx context.Context, o *Offer, _ Transition, now time.Time) error {
		if _, err := s.store.Optimization(ctx, key); err == nil {
			return errKeyRecorded // a retry: replay answers it
		}
		if _, err := s.store.Offer(ctx, key); err == nil {
			// The credits of an offer's creation use its ID as their
			// reference: such a key would take them for this one.
			return keyReused()
		}
		if err := s.credits.Use(ctx, a, *o, credit, key); err != nil {
			return err
		}
		shortfall = apply(o, now)
		return s.store.AddOptimization(ctx, Optimization{Key: key, OfferID: o.ID, Action: action, By: a.UserID, At: now, Shortfall: shortfall})
	})
	if err == nil {
		return o, shortfall, nil
	}
	// The key may have been applied already: by an earlier call (then the
	// action's guard may refuse it now, a featured offer being featured),
	// or by a concurrent one that won the race.
	if o, shortfall, ok, rerr := s.replay(ctx, a, id, key, action); ok || rerr != nil {
		return o, shortfall, rerr
	}
	return Offer{}, 0, err
}

// replay returns the result of an optimization already recorded under key
// for offer id and action, with ok true; ok is false when key is not
// recorded.
func (s *Service) replay(ctx context.Context, a group.Actor, id, key uuid.UUID, action Action) (Offer, time.Duration, bool, error) {
	var out Offer
	var shortfall time.Duration
	found := false
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		rec, err := s.store.Optimization(ctx, key)
		if err != nil {
			return err
		}
		found = true
		// As act does: the actor's own membership first, then the offer
		// as they may see it (another group's answers as a missing one),
		// so that a key tells nothing about other groups' offers.
		b, err := s.resolve(ctx, member(a), a.GroupID)
		if err != nil {
			return err
		}
		o, err := s.offer(ctx, b, id)
		if err != nil {
			return err
		}
		if rec.OfferID != id || rec.Action != action {
			return keyReused()
		}
		if !group.CanAny(b.roles, group.PublishOffers) {
			return machineError(ErrForbidden, "action.forbidden", action, o.Status)
		}
		out, shortfall = o, rec.Shortfall
		return nil
	})
	if !found {
		return Offer{}, 0, false, nil
	}
	return out, shortfall, true, err
}

// errKeyRecorded stops an optimization whose key is recorded already.
var errKeyRecorded = errors.New("offer: optimization key recorded already")

func keyReused() error {
	v := keyMessages.Validator()
	v.Add("key", "key.reused")
	return v.Err()
}
