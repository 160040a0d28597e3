package postgres

import (
	"context"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const joinRequestColumns = `id, user_id, company_id, group_id, new_group, group_name, status,
	decided_by, decided_at, reason, created_at, version`

func scanJoinRequest(row pgx.Row) (group.JoinRequest, error) {
	var r group.JoinRequest
	err := row.Scan(&r.ID, &r.UserID, &r.CompanyID, scanID(&r.GroupID), &r.NewGroup, &r.GroupName, &r.Status,
		scanID(&r.DecidedBy), scanTime(&r.DecidedAt), &r.Reason, scanTime(&r.CreatedAt), &r.Version)
	return r, err
}

// CreateJoinRequest stores a new join request with version 1 (setting
// r.Version); a missing user, company or group (when r.GroupID is set) is
// storage.ErrNotFound, a taken ID storage.ErrDuplicate.
func (s *Store) CreateJoinRequest(ctx context.Context, r *group.JoinRequest) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_join_requests
		(id, user_id, company_id, group_id, new_group, group_name, status,
		 decided_by, decided_at, reason, created_at, version)
		SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::boolean, $6::text, $7::text,
		       $8::uuid, $9::timestamptz, $10::text, $11::timestamptz, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_users WHERE id = $2::uuid)
		AND EXISTS (SELECT 1 FROM {s}babillard_companies WHERE id = $3::uuid)
		AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $4::uuid))
		ON CONFLICT DO NOTHING`),
		r.ID, r.UserID, r.CompanyID, nullID(r.GroupID), r.NewGroup, r.GroupName, string(r.Status),
		nullID(r.DecidedBy), nullTime(r.DecidedAt), r.Reason, r.CreatedAt)
	if err != nil {
		return mapErr("create join request", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "join request", r.ID, joinRequestRefs(r)...)
	}
	r.Version = 1
	return nil
}

// joinRequestRefs returns the records a join request references.
func joinRequestRefs(r *group.JoinRequest) []ref {
	refs := []ref{
		{"user", `babillard_users WHERE id = $1`, r.UserID},
		{"company", `babillard_companies WHERE id = $1`, r.CompanyID},
	}
	if r.GroupID != uuid.Nil {
		refs = append(refs, ref{"group", `babillard_groups WHERE id = $1`, r.GroupID})
	}
	return refs
}

// JoinRequest returns a join request by ID.
func (s *Store) JoinRequest(ctx context.Context, id uuid.UUID) (group.JoinRequest, error) {
	return queryOne(ctx, s, scanJoinRequest, "join request "+id.String(), `SELECT `+joinRequestColumns+`
		FROM {s}babillard_join_requests WHERE id = $1`, id)
}

// UpdateJoinRequest writes a join request if r.Version is the stored
// version, stores version+1 and increments r.Version; a stale version is
// storage.ErrConflict; a missing request, user, company or group (when
// r.GroupID is set) storage.ErrNotFound.
func (s *Store) UpdateJoinRequest(ctx context.Context, r *group.JoinRequest) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_join_requests SET
		user_id = $3, company_id = $4, group_id = $5, new_group = $6, group_name = $7, status = $8,
		decided_by = $9, decided_at = $10, reason = $11, created_at = $12, version = version + 1
		WHERE id = $1 AND version = $2
		AND EXISTS (SELECT 1 FROM {s}babillard_users WHERE id = $3)
		AND EXISTS (SELECT 1 FROM {s}babillard_companies WHERE id = $4)
		AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $5::uuid))`),
		r.ID, r.Version, r.UserID, r.CompanyID, nullID(r.GroupID), r.NewGroup, r.GroupName, string(r.Status),
		nullID(r.DecidedBy), nullTime(r.DecidedAt), r.Reason, r.CreatedAt)
	if err != nil {
		return mapErr("update join request", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "join request", r.ID, r.Version, joinRequestRefs(r),
			`SELECT version FROM {s}babillard_join_requests WHERE id = $1`, r.ID)
	}
	r.Version++
	return nil
}

// JoinRequests returns the requests matching q ordered by creation time then
// ID.
func (s *Store) JoinRequests(ctx context.Context, q group.JoinRequestQuery) ([]group.JoinRequest, error) {
	var w where
	if q.UserID != uuid.Nil {
		w.add(`user_id = ?`, q.UserID)
	}
	if q.GroupID != uuid.Nil {
		w.add(`group_id = ?`, q.GroupID)
	}
	if q.CompanyID != uuid.Nil {
		w.add(`company_id = ?`, q.CompanyID)
	}
	if q.Status != "" {
		w.add(`status = ?`, string(q.Status))
	}
	if q.NewGroup != nil {
		w.add(`new_group = ?`, *q.NewGroup)
	}
	query := `SELECT ` + joinRequestColumns + ` FROM {s}babillard_join_requests` + w.clause() + ` ORDER BY created_at, id`
	rows, err := s.db(ctx).Query(ctx, s.sql(query), w.args...)
	if err != nil {
		return nil, mapErr("join requests", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.JoinRequest, error) { return scanJoinRequest(row) })
	if err != nil {
		return nil, mapErr("join requests", err)
	}
	return out, nil
}
