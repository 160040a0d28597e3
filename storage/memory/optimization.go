package memory

import (
	"context"

	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// AddOptimization records an optimization under its key: storage.ErrDuplicate
// when the key is recorded already, storage.ErrNotFound when its offer does
// not exist.
func (s *Store) AddOptimization(ctx context.Context, o offer.Optimization) error {
	o.At = ts(o.At)
	return s.write(ctx, func(t *tx) error {
		if _, ok := s.optimizations.get(o.Key); ok {
			return errDuplicate("optimization", o.Key)
		}
		if _, ok := s.offers.get(o.OfferID); !ok {
			return errNotFound("offer", o.OfferID)
		}
		s.optimizations.put(t, o.Key, o)
		return nil
	})
}

// Optimization returns the optimization recorded under key.
func (s *Store) Optimization(ctx context.Context, key uuid.UUID) (offer.Optimization, error) {
	var out offer.Optimization
	err := s.read(ctx, func() error {
		o, ok := s.optimizations.get(key)
		if !ok {
			return errNotFound("optimization", key)
		}
		out = o
		return nil
	})
	return out, err
}
