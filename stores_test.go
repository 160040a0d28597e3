package babillard_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/storage/memory"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/jackc/pgx/v5"
)

// postgresDSN returns the test database's connection string (see the
// README), and whether it answers.
func postgresDSN() (string, error) {
	dsn := os.Getenv("BABILLARD_POSTGRES_URL")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return dsn, err
	}
	return dsn, conn.Close(ctx)
}

// openPostgres opens a store in a fresh schema, dropped when tb ends.
func openPostgres(tb testing.TB, dsn string) *postgres.Store {
	tb.Helper()
	raw := make([]byte, 6)
	_, _ = rand.Read(raw)
	schema := "babillard_root_" + hex.EncodeToString(raw)
	s, err := postgres.Open(context.Background(), dsn, &postgres.Options{Schema: schema})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_, _ = s.Pool().Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
		s.Close()
	})
	return s
}

// onEveryStore runs f on the memory store and on PostgreSQL. Without a
// database the PostgreSQL run is skipped with one line, except under
// CI=true, where it fails: CI always runs it.
func onEveryStore(t *testing.T, f func(t *testing.T, store babillard.Store)) {
	t.Run("memory", func(t *testing.T) { f(t, memory.New()) })
	t.Run("postgres", func(t *testing.T) {
		dsn, err := postgresDSN()
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("PostgreSQL unreachable and CI=true requires it: %v", err)
			}
			t.Skip("skipping PostgreSQL: no database (set BABILLARD_POSTGRES_URL to enable)")
		}
		f(t, openPostgres(t, dsn))
	})
}
