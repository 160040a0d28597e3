package postgres_test

// The one place that decides whether the PostgreSQL tests run.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/babillard/babillard/storage/postgres"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// defaultDSN is the database the tests use when BABILLARD_POSTGRES_URL is
// not set.
const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// testDSN returns the connection string of the test database.
func testDSN() string {
	if dsn := os.Getenv("BABILLARD_POSTGRES_URL"); dsn != "" {
		return dsn
	}
	return defaultDSN
}

// redacted returns dsn without its password, for messages.
func redacted(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return "BABILLARD_POSTGRES_URL"
}

// requireDB returns the test database's connection string once it has
// checked that the database answers. When it does not, the test fails if
// CI=true (CI must always run these tests) and is skipped otherwise.
func requireDB(t testing.TB) string {
	t.Helper()
	dsn := testDSN()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err == nil {
		err = conn.Ping(ctx)
		_ = conn.Close(ctx)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL unreachable at %s, and CI=true requires the PostgreSQL tests to run: %v", redacted(dsn), err)
		}
		t.Skipf("skipping PostgreSQL tests: no database at %s (start one there or set BABILLARD_POSTGRES_URL to enable them)", redacted(dsn))
	}
	return dsn
}

// newSchema returns a fresh schema name, dropped (with everything in it) when
// the test ends.
func newSchema(t testing.TB, dsn string) string {
	t.Helper()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "babillard_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer func() { _ = conn.Close(ctx) }()
		if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return schema
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

// newStore returns a store over a pool of its own in a fresh schema, or
// skips the test (see requireDB).
func newStore(t testing.TB) *postgres.Store {
	t.Helper()
	dsn := requireDB(t)
	schema := newSchema(t, dsn)
	s, err := postgres.New(context.Background(), newPool(t, dsn), &postgres.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
