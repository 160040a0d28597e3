package postgres

import (
	"context"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const invitationColumns = `id, group_id, email, roles, invited_by, token_hash, expires_at, status,
	sent_count, decided_by, decided_at, created_at, version`

func scanInvitation(row pgx.Row) (group.Invitation, error) {
	var inv group.Invitation
	var roles []string
	err := row.Scan(&inv.ID, &inv.GroupID, &inv.Email, &roles, scanID(&inv.InvitedBy), &inv.TokenHash,
		scanTime(&inv.ExpiresAt), &inv.Status, &inv.SentCount, scanID(&inv.DecidedBy), scanTime(&inv.DecidedAt),
		scanTime(&inv.CreatedAt), &inv.Version)
	inv.Roles = rolesOf(roles)
	return inv, err
}

// CreateInvitation stores a new invitation with version 1 (setting
// inv.Version); a missing group is storage.ErrNotFound, a taken ID or token
// hash storage.ErrDuplicate. Roles must be among the three of group.Roles.
func (s *Store) CreateInvitation(ctx context.Context, inv *group.Invitation) error {
	roles, err := rolesArg(inv.Roles)
	if err != nil {
		return err
	}
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_invitations
		(id, group_id, email, roles, invited_by, token_hash, expires_at, status, sent_count,
		 decided_by, decided_at, created_at, version)
		SELECT $1::uuid, $2::uuid, $3::text, $4::text[], $5::uuid, $6::bytea, $7::timestamptz, $8::text,
		       $9::integer, $10::uuid, $11::timestamptz, $12::timestamptz, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`),
		inv.ID, inv.GroupID, inv.Email, roles, nullID(inv.InvitedBy), nullBytes(inv.TokenHash), inv.ExpiresAt,
		string(inv.Status), inv.SentCount, nullID(inv.DecidedBy), nullTime(inv.DecidedAt), inv.CreatedAt)
	if err != nil {
		return mapErr("create invitation", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "invitation", inv.ID, ref{"group", `babillard_groups WHERE id = $1`, inv.GroupID})
	}
	inv.Version = 1
	return nil
}

// Invitation returns an invitation by ID.
func (s *Store) Invitation(ctx context.Context, id uuid.UUID) (group.Invitation, error) {
	return queryOne(ctx, s, scanInvitation, "invitation "+id.String(), `SELECT `+invitationColumns+`
		FROM {s}babillard_invitations WHERE id = $1`, id)
}

// InvitationByTokenHash returns the invitation whose current token has this
// hash; an empty hash finds none.
func (s *Store) InvitationByTokenHash(ctx context.Context, hash []byte) (group.Invitation, error) {
	if len(hash) == 0 {
		return group.Invitation{}, fmt.Errorf("postgres: invitation by token hash: empty hash: %w", storage.ErrNotFound)
	}
	return queryOne(ctx, s, scanInvitation, "invitation by token hash", `SELECT `+invitationColumns+`
		FROM {s}babillard_invitations WHERE token_hash = $1`, hash)
}

// UpdateInvitation writes an invitation if inv.Version is the stored
// version, stores version+1 and increments inv.Version; a stale version is
// storage.ErrConflict, a missing invitation or group storage.ErrNotFound, a
// token hash held by another invitation storage.ErrDuplicate.
func (s *Store) UpdateInvitation(ctx context.Context, inv *group.Invitation) error {
	roles, err := rolesArg(inv.Roles)
	if err != nil {
		return err
	}
	hash := nullBytes(inv.TokenHash)
	// The guards turn a missing group and a taken token hash into "no row"
	// rather than errors that would abort the caller's transaction.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_invitations SET
		group_id = $3, email = $4, roles = $5, invited_by = $6, token_hash = $7, expires_at = $8,
		status = $9, sent_count = $10, decided_by = $11, decided_at = $12, created_at = $13,
		version = version + 1
		WHERE id = $1 AND version = $2
		AND EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $3)
		AND NOT EXISTS (SELECT 1 FROM {s}babillard_invitations o WHERE o.token_hash = $7 AND o.id <> $1)`),
		inv.ID, inv.Version, inv.GroupID, inv.Email, roles, nullID(inv.InvitedBy), hash, inv.ExpiresAt,
		string(inv.Status), inv.SentCount, nullID(inv.DecidedBy), nullTime(inv.DecidedAt), inv.CreatedAt)
	if err != nil {
		return mapErr("update invitation", err)
	}
	if tag.RowsAffected() == 0 {
		var version int64
		var taken bool
		err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT version,
			EXISTS (SELECT 1 FROM {s}babillard_invitations o WHERE o.token_hash = $2 AND o.id <> $1)
			FROM {s}babillard_invitations WHERE id = $1`), inv.ID, hash).Scan(&version, &taken)
		switch {
		case err != nil:
			return mapErr("update invitation "+inv.ID.String(), err)
		case version != inv.Version:
			return fmt.Errorf("postgres: update invitation %s: stored version is %d: %w", inv.ID, version, storage.ErrConflict)
		case taken:
			return fmt.Errorf("postgres: update invitation %s: token hash taken: %w", inv.ID, storage.ErrDuplicate)
		}
		if err := s.missingRef(ctx, "update invitation", inv.ID, []ref{{"group", `babillard_groups WHERE id = $1`, inv.GroupID}}); err != nil {
			return err
		}
		return fmt.Errorf("postgres: update invitation %s: %w", inv.ID, storage.ErrConflict)
	}
	inv.Version++
	return nil
}

// InvitationsOfGroup returns a group's invitations ordered by creation time
// then ID.
func (s *Store) InvitationsOfGroup(ctx context.Context, groupID uuid.UUID) ([]group.Invitation, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+invitationColumns+` FROM {s}babillard_invitations
		WHERE group_id = $1 ORDER BY created_at, id`), groupID)
	if err != nil {
		return nil, mapErr("invitations of group", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.Invitation, error) { return scanInvitation(row) })
	if err != nil {
		return nil, mapErr("invitations of group", err)
	}
	return out, nil
}
