package postgres_test

// The one place that decides whether the PostgreSQL tests run: the
// babillardtest helpers (BABILLARD_POSTGRES_URL, skipped without a
// database, failing under CI=true).

import (
	"context"
	"testing"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/jackc/pgx/v5/pgxpool"
)

// requireDB returns the test database's connection string once it has
// checked that the database answers. When it does not, the test fails if
// CI=true (CI must always run these tests) and is skipped otherwise.
func requireDB(t testing.TB) string {
	t.Helper()
	return babillardtest.RequirePostgres(t)
}

// newSchema returns a fresh schema name, dropped (with everything in it) when
// the test ends.
func newSchema(t testing.TB, _ string) string {
	t.Helper()
	return babillardtest.PostgresSchema(t)
}

// newPool returns a small pool on the test database, closed when the test
// ends (before its schemas are dropped).
func newPool(t testing.TB, dsn string) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// newStore returns an empty store over a pool of its own, in a schema
// migrated once for the package and emptied between tests, or skips the
// test (see requireDB).
func newStore(t testing.TB) *postgres.Store {
	t.Helper()
	return schemas.Store(t)
}
