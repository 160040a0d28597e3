package group

import (
	"context"

	"github.com/babillard/babillard/page"
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
	// StaffRosterPage returns the roster records, active or not, strictly
	// after w.After in AddedAt then UserID order (StaffKey), at most
	// w.Limit of them (0: all).
	StaffRosterPage(ctx context.Context, w page.Window) ([]Staff, error)
	// LockStaffRoster, within a transaction, keeps concurrent transactions
	// from locking the roster until this one ends. Services lock the roster
	// before changing it, so that its invariants (one bootstrap, at least
	// one active admin) hold under concurrency; the staff checks of board
	// actions only read it. Without a transaction it does nothing.
	LockStaffRoster(ctx context.Context) error
}

// StaffKey is a roster record's position in the roster: the time the
// member was added (or re-added), then their user ID.
func StaffKey(st Staff) page.Key { return page.Key{Time: st.AddedAt, ID: st.UserID} }
