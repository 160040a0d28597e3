package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrationsFS returns the store's migrations, for hosts that run their own
// migration tool (with Options.SkipMigrations): plain SQL files at the root
// of the returned file system, named NNNN_name.sql ("0001_groups.sql"), to
// be applied in the order of their numbers, each in a transaction. Their
// tables are unqualified and land in the first schema of the search_path;
// all their names start with babillard_.
func MigrationsFS() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		// fs.Sub fails only on an invalid directory name, and "migrations"
		// is valid.
		panic(err)
	}
	return sub
}

// migration is one file of MigrationsFS.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads fsys's NNNN_name.sql files in the order of their
// numbers, which must be positive and distinct.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		num, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("postgres: migration %q: want NNNN_name.sql", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: version, name: strings.TrimSuffix(path.Base(name), ".sql"), sql: string(body)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("postgres: migrations %q and %q share version %d", out[i-1].name, out[i].name, out[i].version)
		}
	}
	return out, nil
}

// migrationLockKey is the key of the transaction-level advisory lock that
// serialises migrations ("babillar" in ASCII), whatever the schema.
const migrationLockKey int64 = 0x626162696c6c6172

// Migrate applies the pending migrations of MigrationsFS in order, in one
// transaction under an advisory lock (pg_advisory_xact_lock), so that
// concurrent calls, from several processes too, apply each migration once.
// It creates Options.Schema if it is missing and records the applied
// versions in its babillard_schema_migrations table. Migrate is idempotent;
// Open and New call it unless Options.SkipMigrations. Versions recorded by a
// newer release of the library are left alone.
func (s *Store) Migrate(ctx context.Context) error {
	migrations, err := loadMigrations(MigrationsFS())
	if err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()

	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLockKey); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	// Existence is checked first: CREATE … IF NOT EXISTS requires the
	// CREATE privilege even when there is nothing to create, which the role
	// of an already migrated database may lack.
	if s.schema != "" {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, s.schema).Scan(&exists); err != nil {
			return fmt.Errorf("postgres: migrate: find schema: %w", err)
		}
		// Identifiers cannot be placeholders; quoteIdent escapes the name.
		if !exists {
			if _, err := tx.Exec(ctx, `CREATE SCHEMA `+quoteIdent(s.schema)); err != nil {
				return fmt.Errorf("postgres: migrate: create schema: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `SET LOCAL search_path TO `+quoteIdent(s.schema)); err != nil {
			return fmt.Errorf("postgres: migrate: set search_path: %w", err)
		}
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass('babillard_schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("postgres: migrate: find babillard_schema_migrations: %w", err)
	}
	if !exists {
		if _, err := tx.Exec(ctx, `CREATE TABLE babillard_schema_migrations (
			version    integer PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`); err != nil {
			return fmt.Errorf("postgres: migrate: create babillard_schema_migrations: %w", err)
		}
	}
	rows, err := tx.Query(ctx, `SELECT version FROM babillard_schema_migrations`)
	if err != nil {
		return fmt.Errorf("postgres: migrate: read versions: %w", err)
	}
	applied := make(map[int]bool)
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: migrate: read versions: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: migrate: read versions: %w", err)
	}
	for _, m := range migrations {
		if applied[m.version] {
			continue
		}
		// Without arguments, Exec runs the file as a simple query, which may
		// hold several statements.
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("postgres: migrate: apply %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO babillard_schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return fmt.Errorf("postgres: migrate: record %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: commit: %w", err)
	}
	return nil
}
