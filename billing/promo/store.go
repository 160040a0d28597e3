package promo

import (
	"context"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Store is the persistence promo codes need. storage/memory and
// storage/postgres implement it on the same value as the other domain
// stores, so that a checkout counts a use in its own transaction;
// storage/storagetest proves any implementation.
//
// Conventions, as in billing.Store: a missing record is
// storage.ErrNotFound; Create* stores version 1 (setting the argument's
// Version) and returns storage.ErrDuplicate for a taken ID or code;
// Update* writes only when the argument's Version equals the stored one,
// stores Version+1 and increments the argument's Version, and returns
// storage.ErrConflict otherwise. Times are returned in UTC, to the
// microsecond. Codes are looked up by their normalised form, exactly.
type Store interface {
	storage.Transactor
	storage.Outbox

	// CreatePromoCode stores a new code.
	CreatePromoCode(ctx context.Context, c *Code) error
	// PromoCode returns the code named code.
	PromoCode(ctx context.Context, code string) (Code, error)
	// LockPromoCode returns the code named code and, within a
	// transaction, keeps every other transaction from locking it until
	// this one ends: Redeem locks a code before counting its uses.
	LockPromoCode(ctx context.Context, code string) (Code, error)
	// UpdatePromoCode writes a code's Active flag (optimistic on
	// Version); its other fields are fixed at creation.
	UpdatePromoCode(ctx context.Context, c *Code) error
	// RecordPromoUse stores a use: an OrderKey already recorded is
	// storage.ErrDuplicate, an unknown code storage.ErrNotFound; neither
	// aborts the caller's transaction.
	RecordPromoUse(ctx context.Context, u Use) error
	// PromoUse returns the use recorded under an order's key.
	PromoUse(ctx context.Context, orderKey uuid.UUID) (Use, error)
	// PromoUses counts the uses of a code, by one group only when groupID
	// is not uuid.Nil. An unknown code has none.
	PromoUses(ctx context.Context, codeID, groupID uuid.UUID) (int, error)
}
