package group

import (
	"context"

	"github.com/google/uuid"
)

// StaffStore is the part of Store that keeps the board's staff roster. It
// follows Store's conventions (storage.ErrNotFound, Create at version 1,
// optimistic Update).
type StaffStore interface {
	// CreateStaff stores a user's first roster record; a user already on
	// the roster, active or not, is storage.ErrDuplicate. The roles must be
	// among StaffRoles.
	CreateStaff(ctx context.Context, s *Staff) error
	// Staff returns the roster record of a user, active or not.
	Staff(ctx context.Context, userID uuid.UUID) (Staff, error)
	// UpdateStaff writes a roster record (optimistic on Version).
	UpdateStaff(ctx context.Context, s *Staff) error
	// StaffRoster returns every roster record, active or not, ordered by
	// AddedAt then UserID.
	StaffRoster(ctx context.Context) ([]Staff, error)
	// LockStaffRoster, within a transaction, keeps concurrent transactions
	// from locking the roster until this one ends. Services lock the roster
	// before changing it, so that its invariants (one bootstrap, at least
	// one active admin) hold under concurrency; the staff checks of board
	// actions only read it. Without a transaction it does nothing.
	LockStaffRoster(ctx context.Context) error
}
