package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/babillard/babillard/storage"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes the store maps to the storage errors.
const (
	codeUniqueViolation      = "23505"
	codeForeignKeyViolation  = "23503"
	codeSerializationFailure = "40001"
	codeDeadlockDetected     = "40P01"
)

// mapErr wraps err, from operation op, so that errors.Is finds the storage
// error it means: no rows is storage.ErrNotFound, a unique violation
// storage.ErrDuplicate, a foreign key violation (a missing referenced
// record) storage.ErrNotFound, a serialization failure or a deadlock
// storage.ErrConflict. The *pgconn.PgError stays reachable with errors.As.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: %s: %w", op, storage.ErrNotFound)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case codeUniqueViolation:
			return fmt.Errorf("postgres: %s: %w: %w", op, storage.ErrDuplicate, err)
		case codeForeignKeyViolation:
			return fmt.Errorf("postgres: %s: referenced record: %w: %w", op, storage.ErrNotFound, err)
		case codeSerializationFailure, codeDeadlockDetected:
			return fmt.Errorf("postgres: %s: %w: %w", op, storage.ErrConflict, err)
		}
	}
	return fmt.Errorf("postgres: %s: %w", op, err)
}

// queryOne runs a query that returns one row and scans it; op names the operation in the error
// (no row: storage.ErrNotFound, see mapErr).
func queryOne[T any](ctx context.Context, s *Store, scan func(pgx.Row) (T, error), op, query string, args ...any) (T, error) {
	v, err := scan(s.db(ctx).QueryRow(ctx, s.sql(query), args...))
	if err != nil {
		var zero T
		return zero, mapErr(op, err)
	}
	return v, nil
}
