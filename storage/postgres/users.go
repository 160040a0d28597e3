package postgres

import (
	"context"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const userColumns = `id, email, first_name, last_name, function, phone, extension, company_id,
	pending_email, pending_email_hash, pending_email_expires, created_at, version`

func scanUser(row pgx.Row) (group.User, error) {
	var u group.User
	err := row.Scan(&u.ID, &u.Email, &u.FirstName, &u.LastName, &u.Function, &u.Phone, &u.Extension,
		scanID(&u.CompanyID), &u.PendingEmail, &u.PendingEmailHash, scanTime(&u.PendingEmailExpires),
		scanTime(&u.CreatedAt), &u.Version)
	return u, err
}

// CreateUser stores a new user with version 1 (setting u.Version); a taken
// ID or e-mail is storage.ErrDuplicate.
func (s *Store) CreateUser(ctx context.Context, u *group.User) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_users
		(id, email, first_name, last_name, function, phone, extension, company_id,
		 pending_email, pending_email_hash, pending_email_expires, created_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
		ON CONFLICT DO NOTHING`),
		u.ID, u.Email, u.FirstName, u.LastName, u.Function, u.Phone, u.Extension, nullID(u.CompanyID),
		u.PendingEmail, nullBytes(u.PendingEmailHash), nullTime(u.PendingEmailExpires), u.CreatedAt)
	if err != nil {
		return mapErr("create user", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: create user %s: ID or e-mail taken: %w", u.ID, storage.ErrDuplicate)
	}
	u.Version = 1
	return nil
}

// User returns a user by ID.
func (s *Store) User(ctx context.Context, id uuid.UUID) (group.User, error) {
	return s.oneUser(ctx, "user "+id.String(), `id = $1`, id)
}

// UserByEmail returns the user whose login e-mail is email, compared
// exactly (the caller normalises it).
func (s *Store) UserByEmail(ctx context.Context, email string) (group.User, error) {
	// Deleted accounts share the empty e-mail: it names nobody.
	return s.oneUser(ctx, "user by e-mail", `email = $1 AND email <> ''`, email)
}

// UserByPendingEmailHash returns the user whose pending e-mail change has
// this token hash; an empty hash finds no one.
func (s *Store) UserByPendingEmailHash(ctx context.Context, hash []byte) (group.User, error) {
	if len(hash) == 0 {
		return group.User{}, fmt.Errorf("postgres: user by pending e-mail hash: empty hash: %w", storage.ErrNotFound)
	}
	return s.oneUser(ctx, "user by pending e-mail hash", `pending_email_hash = $1`, hash)
}

// oneUser returns the first user, by ID, matching cond (a constant
// condition on $1).
func (s *Store) oneUser(ctx context.Context, op, cond string, arg any) (group.User, error) {
	return queryOne(ctx, s, scanUser, op, `SELECT `+userColumns+` FROM {s}babillard_users
		WHERE `+cond+` ORDER BY id LIMIT 1`, arg)
}

// UpdateUser writes a user if u.Version is the stored version, stores
// version+1 and increments u.Version; a stale version is
// storage.ErrConflict, a missing user storage.ErrNotFound, an e-mail taken
// by another user storage.ErrDuplicate.
func (s *Store) UpdateUser(ctx context.Context, u *group.User) error {
	// The NOT EXISTS guard turns a taken e-mail into "no row" rather than a
	// unique violation that would abort the caller's transaction; the
	// unique constraint still guards against races.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_users SET
		email = $3, first_name = $4, last_name = $5, function = $6, phone = $7, extension = $8,
		company_id = $9, pending_email = $10, pending_email_hash = $11, pending_email_expires = $12,
		created_at = $13, version = version + 1
		WHERE id = $1 AND version = $2
		AND NOT EXISTS (SELECT 1 FROM {s}babillard_users o WHERE o.email = $3 AND o.id <> $1)`),
		u.ID, u.Version, u.Email, u.FirstName, u.LastName, u.Function, u.Phone, u.Extension,
		nullID(u.CompanyID), u.PendingEmail, nullBytes(u.PendingEmailHash), nullTime(u.PendingEmailExpires),
		u.CreatedAt)
	if err != nil {
		return mapErr("update user", err)
	}
	if tag.RowsAffected() == 0 {
		var version int64
		var taken bool
		err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT version,
			EXISTS (SELECT 1 FROM {s}babillard_users o WHERE o.email = $2 AND o.id <> $1)
			FROM {s}babillard_users WHERE id = $1`), u.ID, u.Email).Scan(&version, &taken)
		switch {
		case err != nil:
			return mapErr("update user "+u.ID.String(), err)
		case version != u.Version:
			return fmt.Errorf("postgres: update user %s: stored version is %d: %w", u.ID, version, storage.ErrConflict)
		case taken:
			return fmt.Errorf("postgres: update user %s: e-mail taken: %w", u.ID, storage.ErrDuplicate)
		default:
			// Changed between the two statements.
			return fmt.Errorf("postgres: update user %s: %w", u.ID, storage.ErrConflict)
		}
	}
	u.Version++
	return nil
}
