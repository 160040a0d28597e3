package postgres

import (
	"context"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const membershipColumns = `group_id, user_id, roles, active, joined_at, removed_at, removed_by, version`

func scanMembership(row pgx.Row) (group.Membership, error) {
	var m group.Membership
	var roles []string
	err := row.Scan(&m.GroupID, &m.UserID, &roles, &m.Active, scanTime(&m.JoinedAt), scanTime(&m.RemovedAt),
		scanID(&m.RemovedBy), &m.Version)
	m.Roles = rolesOf(roles)
	return m, err
}

// CreateMembership stores a new membership with version 1 (setting
// m.Version); a missing group or user is storage.ErrNotFound, a second
// membership of the user in the group storage.ErrDuplicate. Roles must be
// among the three of group.Roles.
func (s *Store) CreateMembership(ctx context.Context, m *group.Membership) error {
	roles, err := rolesArg(m.Roles)
	if err != nil {
		return err
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_memberships
		(group_id, user_id, roles, active, joined_at, removed_at, removed_by, version)
		SELECT $1::uuid, $2::uuid, $3::text[], $4::boolean, $5::timestamptz, $6::timestamptz, $7::uuid, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $1::uuid)
		AND EXISTS (SELECT 1 FROM {s}babillard_users WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`),
		m.GroupID, m.UserID, roles, m.Active, m.JoinedAt, nullTime(m.RemovedAt), nullID(m.RemovedBy))
	if err != nil {
		return mapErr("create membership", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "membership", membershipKey(m.GroupID, m.UserID),
			ref{"group", `babillard_groups WHERE id = $1`, m.GroupID},
			ref{"user", `babillard_users WHERE id = $1`, m.UserID})
	}
	m.Version = 1
	return nil
}

// Membership returns the membership of user in group, active or not.
func (s *Store) Membership(ctx context.Context, groupID, userID uuid.UUID) (group.Membership, error) {
	return queryOne(ctx, s, scanMembership, "membership "+membershipKey(groupID, userID), `SELECT `+membershipColumns+`
		FROM {s}babillard_memberships WHERE group_id = $1 AND user_id = $2`, groupID, userID)
}

// UpdateMembership writes a membership if m.Version is the stored version,
// stores version+1 and increments m.Version; a stale version is
// storage.ErrConflict, a missing membership storage.ErrNotFound.
func (s *Store) UpdateMembership(ctx context.Context, m *group.Membership) error {
	roles, err := rolesArg(m.Roles)
	if err != nil {
		return err
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_memberships SET
		roles = $4, active = $5, joined_at = $6, removed_at = $7, removed_by = $8, version = version + 1
		WHERE group_id = $1 AND user_id = $2 AND version = $3`),
		m.GroupID, m.UserID, m.Version, roles, m.Active, m.JoinedAt, nullTime(m.RemovedAt), nullID(m.RemovedBy))
	if err != nil {
		return mapErr("update membership", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "membership", membershipKey(m.GroupID, m.UserID), m.Version, nil,
			`SELECT version FROM {s}babillard_memberships WHERE group_id = $1 AND user_id = $2`, m.GroupID, m.UserID)
	}
	m.Version++
	return nil
}

// MembersOfGroup returns a group's memberships, active or not, ordered by
// join time then user ID.
func (s *Store) MembersOfGroup(ctx context.Context, groupID uuid.UUID) ([]group.Membership, error) {
	return s.memberships(ctx, "members of group", `group_id = $1 ORDER BY joined_at, user_id`, groupID)
}

// MembershipsOfUser returns a user's memberships, active or not, ordered by
// join time then group ID.
func (s *Store) MembershipsOfUser(ctx context.Context, userID uuid.UUID) ([]group.Membership, error) {
	return s.memberships(ctx, "memberships of user", `user_id = $1 ORDER BY joined_at, group_id`, userID)
}

// memberships lists the memberships selected and ordered by tail, a
// constant using $1.
func (s *Store) memberships(ctx context.Context, op, tail string, arg uuid.UUID) ([]group.Membership, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+membershipColumns+` FROM {s}babillard_memberships WHERE `+tail), arg)
	if err != nil {
		return nil, mapErr(op, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.Membership, error) { return scanMembership(row) })
	if err != nil {
		return nil, mapErr(op, err)
	}
	return out, nil
}

func membershipKey(groupID, userID uuid.UUID) string {
	return fmt.Sprintf("(group %s, user %s)", groupID, userID)
}
