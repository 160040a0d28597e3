package babillard_test

import (
	"context"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/storage/memory"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/jackc/pgx/v5"
)

// postgresDSN returns the test database's connection string (see the
// README), and whether it answers.
func postgresDSN() (string, error) {
	dsn := babillardtest.PostgresURL()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return dsn, err
	}
	return dsn, conn.Close(ctx)
}

// openPostgres opens a store in a fresh schema, dropped when tb ends.
func openPostgres(tb testing.TB, _ string) *postgres.Store {
	tb.Helper()
	return babillardtest.Postgres(tb)
}

// onEveryStore runs f on the memory store and on PostgreSQL. Without a
// database the PostgreSQL run is skipped with one line, except under
// CI=true, where it fails: CI always runs it.
func onEveryStore(t *testing.T, f func(t *testing.T, store babillard.Store)) {
	t.Run("memory", func(t *testing.T) { f(t, memory.New()) })
	t.Run("postgres", func(t *testing.T) { f(t, schemas.Store(t)) })
}
