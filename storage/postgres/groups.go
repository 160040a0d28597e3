package postgres

import (
	"context"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const groupColumns = `id, company_id, name, profile, created_at, version`

func scanGroup(row pgx.Row) (group.Group, error) {
	var g group.Group
	err := row.Scan(&g.ID, &g.CompanyID, &g.Name, &g.Profile, scanTime(&g.CreatedAt), &g.Version)
	return g, err
}

// CreateGroup stores a new group with version 1 (setting g.Version); a
// missing company is storage.ErrNotFound, a taken ID storage.ErrDuplicate.
func (s *Store) CreateGroup(ctx context.Context, g *group.Group) error {
	// The EXISTS guard and ON CONFLICT turn a missing company and a taken ID
	// into "no row" rather than errors that would abort the caller's
	// transaction; the foreign key still guards against races.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_groups
		(id, company_id, name, profile, created_at, version)
		SELECT $1::uuid, $2::uuid, $3::text, $4::jsonb, $5::timestamptz, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_companies WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`),
		g.ID, g.CompanyID, g.Name, g.Profile, g.CreatedAt)
	if err != nil {
		return mapErr("create group", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "group", g.ID, ref{"company", `babillard_companies WHERE id = $1`, g.CompanyID})
	}
	g.Version = 1
	return nil
}

// Group returns a group by ID.
func (s *Store) Group(ctx context.Context, id uuid.UUID) (group.Group, error) {
	return queryOne(ctx, s, scanGroup, "group "+id.String(), `SELECT `+groupColumns+`
		FROM {s}babillard_groups WHERE id = $1`, id)
}

// LockGroup returns a group and locks its row (SELECT … FOR UPDATE) until
// the transaction ctx carries ends, so that a concurrent LockGroup of the
// same group waits. Without a transaction, the lock ends with the query.
func (s *Store) LockGroup(ctx context.Context, id uuid.UUID) (group.Group, error) {
	return queryOne(ctx, s, scanGroup, "lock group "+id.String(), `SELECT `+groupColumns+`
		FROM {s}babillard_groups WHERE id = $1 FOR UPDATE`, id)
}

// UpdateGroup writes a group if g.Version is the stored version, stores
// version+1 and increments g.Version; a stale version is
// storage.ErrConflict, a missing group or company storage.ErrNotFound.
func (s *Store) UpdateGroup(ctx context.Context, g *group.Group) error {
	// The EXISTS guard turns a missing company into "no row" rather than a
	// foreign key violation that would abort the caller's transaction.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_groups SET
		company_id = $3, name = $4, profile = $5, created_at = $6, version = version + 1
		WHERE id = $1 AND version = $2
		AND EXISTS (SELECT 1 FROM {s}babillard_companies WHERE id = $3)`),
		g.ID, g.Version, g.CompanyID, g.Name, g.Profile, g.CreatedAt)
	if err != nil {
		return mapErr("update group", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "group", g.ID, g.Version, []ref{{"company", `babillard_companies WHERE id = $1`, g.CompanyID}},
			`SELECT version FROM {s}babillard_groups WHERE id = $1`, g.ID)
	}
	g.Version++
	return nil
}

// GroupsOfCompany returns a company's groups ordered by creation time then
// ID.
func (s *Store) GroupsOfCompany(ctx context.Context, companyID uuid.UUID) ([]group.Group, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+groupColumns+` FROM {s}babillard_groups
		WHERE company_id = $1 ORDER BY created_at, id`), companyID)
	if err != nil {
		return nil, mapErr("groups of company", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.Group, error) { return scanGroup(row) })
	if err != nil {
		return nil, mapErr("groups of company", err)
	}
	return out, nil
}

// ref is a record that a new record references: its name for errors, the
// table and condition that find it ("babillard_users WHERE id = $1"), and
// the key ($1).
type ref struct {
	what  string
	where string
	key   uuid.UUID
}

// createMiss tells why an INSERT … WHERE EXISTS … ON CONFLICT DO NOTHING
// stored no row: a missing referenced record is storage.ErrNotFound;
// otherwise the ID or a unique key is taken, storage.ErrDuplicate.
func (s *Store) createMiss(ctx context.Context, what string, key any, refs ...ref) error {
	if err := s.missingRef(ctx, "create "+what, key, refs); err != nil {
		return err
	}
	return fmt.Errorf("postgres: create %s %v: %w", what, key, storage.ErrDuplicate)
}

// missingRef returns storage.ErrNotFound, wrapped, for the first of refs
// that does not exist, and nil if they all do.
func (s *Store) missingRef(ctx context.Context, op string, key any, refs []ref) error {
	for _, r := range refs {
		var found bool
		err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT EXISTS (SELECT 1 FROM {s}`+r.where+`)`), r.key).Scan(&found)
		if err != nil {
			return mapErr(fmt.Sprintf("%s %v", op, key), err)
		}
		if !found {
			return fmt.Errorf("postgres: %s %v: %s %s: %w", op, key, r.what, r.key, storage.ErrNotFound)
		}
	}
	return nil
}
