package memory

import (
	"context"
	"slices"

	"github.com/babillard/babillard/billing/promo"
	"github.com/google/uuid"
)

// This file implements promo.Store: promo codes and their uses.

// promoTables are promo.Store's tables.
type promoTables struct {
	codes  table[uuid.UUID, promo.Code]
	byCode table[string, uuid.UUID]
	uses   table[uuid.UUID, promo.Use]
}

var _ promo.Store = (*Store)(nil)

func copyPromoCode(c promo.Code) promo.Code {
	c.SKUs = slices.Clone(c.SKUs)
	c.CreatedAt = ts(c.CreatedAt)
	return c
}

// CreatePromoCode stores a new code at version 1 (setting c.Version); a
// taken ID or code is storage.ErrDuplicate.
func (s *Store) CreatePromoCode(ctx context.Context, c *promo.Code) error {
	row := copyPromoCode(*c)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.promo.codes.get(row.ID); ok {
			return errDuplicate("promo code", row.ID)
		}
		if _, ok := s.promo.byCode.get(row.Code); ok {
			return errDuplicate("promo code", row.Code)
		}
		s.promo.codes.put(t, row.ID, row)
		s.promo.byCode.put(t, row.Code, row.ID)
		return nil
	})
	if err == nil {
		c.Version = 1
	}
	return err
}

// PromoCode returns the code named code.
func (s *Store) PromoCode(ctx context.Context, code string) (promo.Code, error) {
	var out promo.Code
	err := s.read(ctx, func() error {
		id, ok := s.promo.byCode.get(code)
		if !ok {
			return errNotFound("promo code", code)
		}
		c, _ := s.promo.codes.get(id)
		out = copyPromoCode(c)
		return nil
	})
	return out, err
}

// LockPromoCode returns the code named code: a transaction of the memory
// store already holds the whole store.
func (s *Store) LockPromoCode(ctx context.Context, code string) (promo.Code, error) {
	return s.PromoCode(ctx, code)
}

// UpdatePromoCode writes a code's Active flag if c.Version is the stored
// version, and increments c.Version.
func (s *Store) UpdatePromoCode(ctx context.Context, c *promo.Code) error {
	var version int64
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.promo.codes.get(c.ID)
		if !ok {
			return errNotFound("promo code", c.ID)
		}
		if cur.Version != c.Version {
			return errConflict("promo code", c.ID, c.Version, cur.Version)
		}
		cur.Active = c.Active
		cur.Version++
		version = cur.Version
		s.promo.codes.put(t, cur.ID, cur)
		return nil
	})
	if err == nil {
		c.Version = version
	}
	return err
}

// RecordPromoUse stores a use: a taken OrderKey is storage.ErrDuplicate,
// an unknown code storage.ErrNotFound.
func (s *Store) RecordPromoUse(ctx context.Context, u promo.Use) error {
	u.At = ts(u.At)
	return s.write(ctx, func(t *tx) error {
		if _, ok := s.promo.codes.get(u.CodeID); !ok {
			return errNotFound("promo code", u.CodeID)
		}
		if _, ok := s.promo.uses.get(u.OrderKey); ok {
			return errDuplicate("promo use", u.OrderKey)
		}
		s.promo.uses.put(t, u.OrderKey, u)
		return nil
	})
}

// PromoUse returns the use recorded under orderKey.
func (s *Store) PromoUse(ctx context.Context, orderKey uuid.UUID) (promo.Use, error) {
	var out promo.Use
	err := s.read(ctx, func() error {
		u, ok := s.promo.uses.get(orderKey)
		if !ok {
			return errNotFound("promo use", orderKey)
		}
		out = u
		return nil
	})
	return out, err
}

// PromoUses counts the uses of a code, of one group unless groupID is
// uuid.Nil.
func (s *Store) PromoUses(ctx context.Context, codeID, groupID uuid.UUID) (int, error) {
	n := 0
	err := s.read(ctx, func() error {
		for _, u := range s.promo.uses.all() {
			if u.CodeID == codeID && (groupID == uuid.Nil || u.GroupID == groupID) {
				n++
			}
		}
		return nil
	})
	return n, err
}
