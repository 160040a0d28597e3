package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// This file implements promo.Store (tables of migration 0009).

var _ promo.Store = (*Store)(nil)

const promoColumns = `id, code, kind, percent::text, amount, valid_from, valid_until, max_uses, max_uses_per_group,
	skus, active, created_by, created_at, version`

func scanPromoCode(row pgx.Row) (promo.Code, error) {
	var c promo.Code
	var kind, percent string
	var amount int64
	var from, until pgtype.Date
	var skus []string
	err := row.Scan(&c.ID, &c.Code, &kind, &percent, &amount, &from, &until, &c.MaxUses, &c.MaxUsesPerGroup,
		&skus, &c.Active, scanID(&c.CreatedBy), scanTime(&c.CreatedAt), &c.Version)
	if err != nil {
		return promo.Code{}, err
	}
	c.Kind, c.Amount = promo.Kind(kind), tax.Cents(amount)
	if c.Percent, err = decimal.NewFromString(percent); err != nil {
		return promo.Code{}, fmt.Errorf("promo code %v: percent %q: %w", c.ID, percent, err)
	}
	c.From, c.Until = canada.DateOf(from.Time), canada.DateOf(until.Time)
	for _, s := range skus {
		c.SKUs = append(c.SKUs, price.SKU(s))
	}
	return c, nil
}

// CreatePromoCode stores a new code at version 1 (setting c.Version); a
// taken ID or code is storage.ErrDuplicate, without aborting the caller's
// transaction.
func (s *Store) CreatePromoCode(ctx context.Context, c *promo.Code) error {
	for _, d := range []struct {
		name string
		date canada.Date
	}{{"from", c.From}, {"until", c.Until}} {
		if err := checkDate(d.name, d.date); err != nil || d.date == (canada.Date{}) {
			return fmt.Errorf("postgres: create promo code %v: invalid %s date", c.ID, d.name)
		}
	}
	skus := make([]string, len(c.SKUs))
	for i, sku := range c.SKUs {
		skus[i] = string(sku)
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_promo_codes (id, code, kind, percent, amount,
		valid_from, valid_until, max_uses, max_uses_per_group, skus, active, created_by, created_at, version)
		VALUES ($1, $2, $3, $4::text::numeric, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)
		ON CONFLICT DO NOTHING`),
		c.ID, c.Code, string(c.Kind), c.Percent.String(), int64(c.Amount), dateArg(c.From), dateArg(c.Until),
		c.MaxUses, c.MaxUsesPerGroup, skus, c.Active, nullID(c.CreatedBy), c.CreatedAt.UTC().Truncate(time.Microsecond))
	if err != nil {
		return mapErr("create promo code", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "promo code", c.Code)
	}
	c.Version = 1
	return nil
}

// PromoCode returns the code named code.
func (s *Store) PromoCode(ctx context.Context, code string) (promo.Code, error) {
	return queryOne(ctx, s, scanPromoCode, "promo code "+code,
		`SELECT `+promoColumns+` FROM {s}babillard_promo_codes WHERE code = $1`, code)
}

// LockPromoCode returns the code named code and locks its row (SELECT …
// FOR UPDATE) until the transaction ctx carries ends; without a
// transaction, the lock ends with the query.
func (s *Store) LockPromoCode(ctx context.Context, code string) (promo.Code, error) {
	return queryOne(ctx, s, scanPromoCode, "lock promo code "+code,
		`SELECT `+promoColumns+` FROM {s}babillard_promo_codes WHERE code = $1 FOR UPDATE`, code)
}

// UpdatePromoCode writes a code's Active flag if c.Version is the stored
// version, and increments c.Version.
func (s *Store) UpdatePromoCode(ctx context.Context, c *promo.Code) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_promo_codes SET active = $3, version = version + 1
		WHERE id = $1 AND version = $2`), c.ID, c.Version, c.Active)
	if err != nil {
		return mapErr("update promo code", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "promo code", c.ID, c.Version, nil,
			`SELECT version FROM {s}babillard_promo_codes WHERE id = $1`, c.ID)
	}
	c.Version++
	return nil
}

// RecordPromoUse stores a use: a taken OrderKey is storage.ErrDuplicate
// (a concurrent call with the same key waits for the first to end), an
// unknown code storage.ErrNotFound; neither aborts the caller's
// transaction.
func (s *Store) RecordPromoUse(ctx context.Context, u promo.Use) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_promo_uses (order_key, code_id, group_id, at)
		SELECT $1::uuid, $2::uuid, $3::uuid, $4::timestamptz
		WHERE EXISTS (SELECT 1 FROM {s}babillard_promo_codes WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`), u.OrderKey, u.CodeID, u.GroupID, u.At.UTC().Truncate(time.Microsecond))
	if err != nil {
		return mapErr("record promo use", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "promo use", u.OrderKey, ref{"promo code", `babillard_promo_codes WHERE id = $1`, u.CodeID})
	}
	return nil
}

// PromoUse returns the use recorded under orderKey.
func (s *Store) PromoUse(ctx context.Context, orderKey uuid.UUID) (promo.Use, error) {
	return queryOne(ctx, s, func(row pgx.Row) (promo.Use, error) {
		var u promo.Use
		err := row.Scan(&u.OrderKey, &u.CodeID, &u.GroupID, scanTime(&u.At))
		return u, err
	}, "promo use "+orderKey.String(), `SELECT order_key, code_id, group_id, at FROM {s}babillard_promo_uses WHERE order_key = $1`, orderKey)
}

// PromoUses counts the uses of a code, of one group unless groupID is
// uuid.Nil.
func (s *Store) PromoUses(ctx context.Context, codeID, groupID uuid.UUID) (int, error) {
	var n int
	err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT count(*) FROM {s}babillard_promo_uses
		WHERE code_id = $1 AND ($2::uuid IS NULL OR group_id = $2::uuid)`), codeID, nullID(groupID)).Scan(&n)
	if err != nil {
		return 0, mapErr("promo uses", err)
	}
	return n, nil
}
