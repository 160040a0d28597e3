package memory

import (
	"context"
	"fmt"
	"slices"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// This file implements group.StaffStore: the board's staff roster.

func copyStaff(st group.Staff) group.Staff {
	st.Roles = slices.Clone(st.Roles)
	st.AddedAt = ts(st.AddedAt)
	st.ChangedAt = ts(st.ChangedAt)
	return st
}

// checkStaffRoles refuses roles outside group.StaffRoles, as the PostgreSQL
// store's CHECK constraint does.
func checkStaffRoles(st group.Staff) error {
	for _, r := range st.Roles {
		if !r.Valid() {
			return fmt.Errorf("memory: staff %v: invalid board role %q", st.UserID, r)
		}
	}
	return nil
}

// CreateStaff stores a user's first roster record with version 1 (setting
// st.Version); a user already on the roster is storage.ErrDuplicate.
func (s *Store) CreateStaff(ctx context.Context, st *group.Staff) error {
	if err := checkStaffRoles(*st); err != nil {
		return err
	}
	row := copyStaff(*st)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.staff.get(row.UserID); ok {
			return errDuplicate("staff", row.UserID)
		}
		s.staff.put(t, row.UserID, row)
		return nil
	})
	if err == nil {
		st.Version = 1
	}
	return err
}

// Staff returns the roster record of a user, active or not.
func (s *Store) Staff(ctx context.Context, userID uuid.UUID) (group.Staff, error) {
	var out group.Staff
	err := s.read(ctx, func() error {
		st, ok := s.staff.get(userID)
		if !ok {
			return errNotFound("staff", userID)
		}
		out = copyStaff(st)
		return nil
	})
	return out, err
}

// UpdateStaff writes a roster record if st.Version is the stored version,
// and increments st.Version; otherwise it is storage.ErrConflict and nothing
// is written.
func (s *Store) UpdateStaff(ctx context.Context, st *group.Staff) error {
	if err := checkStaffRoles(*st); err != nil {
		return err
	}
	row := copyStaff(*st)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.staff.get(row.UserID)
		if !ok {
			return errNotFound("staff", row.UserID)
		}
		if cur.Version != row.Version {
			return errConflict("staff", row.UserID, row.Version, cur.Version)
		}
		row.Version++
		s.staff.put(t, row.UserID, row)
		return nil
	})
	if err == nil {
		st.Version = row.Version
	}
	return err
}

// StaffRoster returns every roster record, active or not, ordered by
// AddedAt then UserID.
func (s *Store) StaffRoster(ctx context.Context) ([]group.Staff, error) {
	var out []group.Staff
	err := s.read(ctx, func() error {
		for _, st := range s.staff.all() {
			out = append(out, copyStaff(st))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b group.Staff) int { return compareTimeID(a.AddedAt, b.AddedAt, a.UserID, b.UserID) })
	return out, err
}

// StaffRosterPage returns the roster records, active or not, after w.After
// in AddedAt then UserID order, at most w.Limit (0: all).
func (s *Store) StaffRosterPage(ctx context.Context, w page.Window) ([]group.Staff, error) {
	all, err := s.StaffRoster(ctx)
	return window(all, err, w, group.StaffKey)
}

// LockStaffRoster does nothing more than check ctx: a transaction of the
// memory store already holds the whole store.
func (s *Store) LockStaffRoster(ctx context.Context) error {
	return s.read(ctx, func() error { return nil })
}
