package postgres

import (
	"context"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// This file implements group.StaffStore: the board's staff roster
// (migration 0005).

const staffColumns = `user_id, roles, active, added_by, added_at, changed_by, changed_at, version`

func scanStaff(row pgx.Row) (group.Staff, error) {
	var st group.Staff
	var roles []string
	err := row.Scan(&st.UserID, &roles, &st.Active, scanID(&st.AddedBy), scanTime(&st.AddedAt),
		scanID(&st.ChangedBy), scanTime(&st.ChangedAt), &st.Version)
	if len(roles) > 0 {
		st.Roles = make([]group.StaffRole, len(roles))
		for i, r := range roles {
			st.Roles[i] = group.StaffRole(r)
		}
	}
	return st, err
}

// staffRolesArg converts board roles for the text[] column, refusing
// unknown ones (the column's CHECK constraint refuses them too).
func staffRolesArg(roles []group.StaffRole) ([]string, error) {
	out := make([]string, len(roles))
	for i, r := range roles {
		if !r.Valid() {
			return nil, fmt.Errorf("postgres: invalid board role %q", r)
		}
		out[i] = string(r)
	}
	return out, nil
}

// CreateStaff stores a user's first roster record with version 1 (setting
// st.Version); a user already on the roster is storage.ErrDuplicate.
func (s *Store) CreateStaff(ctx context.Context, st *group.Staff) error {
	roles, err := staffRolesArg(st.Roles)
	if err != nil {
		return err
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_staff (`+staffColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT DO NOTHING`),
		st.UserID, roles, st.Active, nullID(st.AddedBy), st.AddedAt, nullID(st.ChangedBy), nullTime(st.ChangedAt))
	if err != nil {
		return mapErr("create staff", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "staff", st.UserID)
	}
	st.Version = 1
	return nil
}

// Staff returns the roster record of a user, active or not.
func (s *Store) Staff(ctx context.Context, userID uuid.UUID) (group.Staff, error) {
	return queryOne(ctx, s, scanStaff, "staff "+userID.String(), `SELECT `+staffColumns+`
		FROM {s}babillard_staff WHERE user_id = $1`, userID)
}

// UpdateStaff writes a roster record if st.Version is the stored version,
// stores version+1 and increments st.Version; a stale version is
// storage.ErrConflict, a missing record storage.ErrNotFound.
func (s *Store) UpdateStaff(ctx context.Context, st *group.Staff) error {
	roles, err := staffRolesArg(st.Roles)
	if err != nil {
		return err
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_staff SET
		roles = $3, active = $4, added_by = $5, added_at = $6, changed_by = $7, changed_at = $8, version = version + 1
		WHERE user_id = $1 AND version = $2`),
		st.UserID, st.Version, roles, st.Active, nullID(st.AddedBy), st.AddedAt, nullID(st.ChangedBy), nullTime(st.ChangedAt))
	if err != nil {
		return mapErr("update staff", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "staff", st.UserID, st.Version, nil,
			`SELECT version FROM {s}babillard_staff WHERE user_id = $1`, st.UserID)
	}
	st.Version++
	return nil
}

// StaffRoster returns every roster record, active or not, ordered by
// AddedAt then UserID.
func (s *Store) StaffRoster(ctx context.Context) ([]group.Staff, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+staffColumns+` FROM {s}babillard_staff ORDER BY added_at, user_id`))
	if err != nil {
		return nil, mapErr("staff roster", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (group.Staff, error) { return scanStaff(r) })
	if err != nil {
		return nil, mapErr("staff roster", err)
	}
	return out, nil
}

// StaffRosterPage returns the roster records, active or not, after w.After
// in AddedAt then UserID order, at most w.Limit (0: all).
func (s *Store) StaffRosterPage(ctx context.Context, w page.Window) ([]group.Staff, error) {
	var c where
	c.afterTime(`added_at`, `user_id`, w.After)
	return list(ctx, s, "staff roster", `SELECT `+staffColumns+` FROM {s}babillard_staff`, c, `added_at, user_id`, w.Limit, scanStaff)
}

// LockStaffRoster locks the roster table in SHARE ROW EXCLUSIVE mode until
// the transaction ctx carries ends: a concurrent LockStaffRoster, and any
// write to the roster, waits; plain reads (the staff checks of every board
// action) do not. Without a transaction it does nothing.
func (s *Store) LockStaffRoster(ctx context.Context) error {
	tx, ok := s.txFrom(ctx)
	if !ok {
		return ctx.Err()
	}
	if _, err := tx.Exec(ctx, s.sql(`LOCK TABLE {s}babillard_staff IN SHARE ROW EXCLUSIVE MODE`)); err != nil {
		return mapErr("lock staff roster", err)
	}
	return nil
}
