package postgres

import (
	"context"
	"time"

	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// This file implements offer.OptimizationStore (table of migration 0008).

// AddOptimization records an optimization under its key: storage.ErrDuplicate
// when the key is recorded already (a concurrent call with the same key
// waits for the first to end), storage.ErrNotFound when its offer does not
// exist. Neither aborts the caller's transaction.
func (s *Store) AddOptimization(ctx context.Context, o offer.Optimization) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_offer_optimizations (key, offer_id, action, by_id, at, shortfall)
		SELECT $1::uuid, $2::uuid, $3::text, $4::uuid, $5::timestamptz, $6::bigint
		WHERE EXISTS (SELECT 1 FROM {s}babillard_offers WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`),
		o.Key, o.OfferID, string(o.Action), nullID(o.By), o.At.UTC().Truncate(time.Microsecond), int64(o.Shortfall))
	if err != nil {
		return mapErr("add optimization", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "optimization", o.Key, ref{"offer", `babillard_offers WHERE id = $1`, o.OfferID})
	}
	return nil
}

// Optimization returns the optimization recorded under key.
func (s *Store) Optimization(ctx context.Context, key uuid.UUID) (offer.Optimization, error) {
	return queryOne(ctx, s, scanOptimization, "optimization "+key.String(),
		`SELECT key, offer_id, action, by_id, at, shortfall FROM {s}babillard_offer_optimizations WHERE key = $1`, key)
}

func scanOptimization(row pgx.Row) (offer.Optimization, error) {
	var o offer.Optimization
	var action string
	var shortfall int64
	err := row.Scan(&o.Key, &o.OfferID, &action, scanID(&o.By), scanTime(&o.At), &shortfall)
	o.Action, o.Shortfall = offer.Action(action), time.Duration(shortfall)
	return o, err
}
