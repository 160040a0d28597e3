// Command dropschemas drops every schema whose name starts with a prefix
// on the database at BABILLARD_POSTGRES_URL: .ci/run calls it on exit with
// the prefix its test run gave babillardtest (BABILLARD_TEST_SCHEMA_PREFIX),
// so that a run killed halfway leaves nothing behind on a shared server.
// It lives under .ci, which go test ./... does not visit.
//
//	go run ./.ci/dropschemas babillardtest_ci_1234_
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	if len(os.Args) != 2 || len(os.Args[1]) < 8 {
		fmt.Fprintln(os.Stderr, "usage: dropschemas PREFIX (at least 8 characters)")
		os.Exit(2)
	}
	prefix := os.Args[1]
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, os.Getenv("BABILLARD_POSTGRES_URL"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "dropschemas:", err)
		os.Exit(1)
	}
	defer func() { _ = conn.Close(ctx) }()
	// LIKE would read "_" as a wildcard: compare the prefix itself.
	rows, err := conn.Query(ctx, `SELECT nspname FROM pg_namespace WHERE left(nspname, length($1)) = $1 ORDER BY nspname`, prefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dropschemas:", err)
		os.Exit(1)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		fmt.Fprintln(os.Stderr, "dropschemas:", err)
		os.Exit(1)
	}
	failed := false
	for _, name := range names {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{name}.Sanitize()+` CASCADE`); err != nil {
			fmt.Fprintf(os.Stderr, "dropschemas: %s: %v\n", name, err)
			failed = true
		}
	}
	if len(names) > 0 {
		fmt.Printf("ci: dropped %d schemas left by the run\n", len(names))
	}
	if failed {
		os.Exit(1)
	}
}
