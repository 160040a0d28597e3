package babillardtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/storage/postgres"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultPostgresURL is the test database PostgresURL returns when
// BABILLARD_POSTGRES_URL is not set: a local server's database "test".
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresURL returns the test database's connection string:
// BABILLARD_POSTGRES_URL, or DefaultPostgresURL.
func PostgresURL() string {
	if dsn := os.Getenv("BABILLARD_POSTGRES_URL"); dsn != "" {
		return dsn
	}
	return DefaultPostgresURL
}

// SchemaPrefix starts the name of every schema the package creates; the
// environment variable BABILLARD_TEST_SCHEMA_PREFIX, when set, replaces
// it, so that a CI run can find and drop whatever a killed test left on a
// shared server.
func SchemaPrefix() string {
	if p := os.Getenv("BABILLARD_TEST_SCHEMA_PREFIX"); p != "" {
		return p
	}
	return "babillardtest_"
}

// redacted returns dsn without its password, for messages.
func redacted(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return "BABILLARD_POSTGRES_URL"
}

// admin is the process's pool for creating and dropping schemas, opened on
// the first use and checked once.
var admin struct {
	sync.Mutex
	dsn  string
	pool *pgxpool.Pool
	err  error
}

// adminPool returns the administration pool on dsn, or why the database
// does not answer.
func adminPool(dsn string) (*pgxpool.Pool, error) {
	admin.Lock()
	defer admin.Unlock()
	if admin.dsn == dsn && (admin.pool != nil || admin.err != nil) {
		return admin.pool, admin.err
	}
	if admin.pool != nil {
		admin.pool.Close() // the pool of another database
	}
	admin.dsn, admin.pool, admin.err = dsn, nil, nil
	cfg, err := poolConfig(dsn, "")
	if err == nil {
		cfg.MaxConns = 2
		admin.pool, err = pgxpool.NewWithConfig(context.Background(), cfg)
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.pool.Ping(ctx)
		cancel()
		if err != nil {
			admin.pool.Close()
			admin.pool = nil
		}
	}
	admin.err = err
	return admin.pool, err
}

// poolConfig parses dsn for a test pool: commits do not wait for the disk
// (synchronous_commit off: a crash may lose the last test transactions,
// never corrupt anything), and schema, when set, is the search_path.
func poolConfig(dsn, schema string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("babillardtest: parse %s: %w", redacted(dsn), err)
	}
	cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	if schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = pgx.Identifier{schema}.Sanitize()
	}
	return cfg, nil
}

// RequirePostgres returns the test database's connection string
// (PostgresURL) once it has checked that the database answers. When it
// does not, the test is skipped with one line, or fails if the environment
// variable CI is "true": CI always runs the PostgreSQL tests.
func RequirePostgres(tb testing.TB) string {
	tb.Helper()
	dsn := PostgresURL()
	if _, err := adminPool(dsn); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL unreachable at %s, and CI=true requires the PostgreSQL tests to run: %v", redacted(dsn), err)
		}
		tb.Skipf("skipping PostgreSQL: no database at %s (start one there or set BABILLARD_POSTGRES_URL)", redacted(dsn))
	}
	return dsn
}

// PostgresSchema returns the name of a fresh schema on the test database,
// not yet created, and drops it (with everything in it) when the test
// ends. It skips or fails the test as RequirePostgres does.
func PostgresSchema(tb testing.TB) string {
	tb.Helper()
	dsn := RequirePostgres(tb)
	raw := make([]byte, 8)
	_, _ = rand.Read(raw)
	schema := SchemaPrefix() + hex.EncodeToString(raw)
	tb.Cleanup(func() {
		if err := dropSchema(dsn, schema); err != nil {
			tb.Errorf("babillardtest: %v", err)
		}
	})
	return schema
}

func dropSchema(dsn, schema string) error {
	pool, err := adminPool(dsn)
	if err != nil {
		return fmt.Errorf("drop schema %s: %w", schema, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := pool.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		return fmt.Errorf("drop schema %s: %w", schema, err)
	}
	return nil
}

// openStore opens a store in schema over a pool of its own, closed when
// the test ends.
func openStore(tb testing.TB, dsn, schema string, skipMigrations bool) *postgres.Store {
	tb.Helper()
	cfg, err := poolConfig(dsn, schema)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("babillardtest: %v", err)
	}
	tb.Cleanup(pool.Close)
	s, err := postgres.New(context.Background(), pool, &postgres.Options{Schema: schema, SkipMigrations: skipMigrations})
	if err != nil {
		tb.Fatalf("babillardtest: %v", err)
	}
	return s
}

// Postgres returns a migrated, empty PostgreSQL store in a schema of its
// own on the test database (PostgresURL), over a pool of its own; the pool
// is closed and the schema dropped when the test ends. Without a database
// the test is skipped with one line, or fails under CI=true (see
// RequirePostgres).
func Postgres(tb testing.TB) *postgres.Store {
	tb.Helper()
	schema := PostgresSchema(tb)
	return openStore(tb, PostgresURL(), schema, false)
}

// Schemas hands out migrated PostgreSQL schemas and takes them back
// emptied (every row deleted, the migrations' record kept), so that many
// tests migrate a schema once rather than each time: a conformance suite
// run this way is several times faster. Every schema is dropped when the
// Schemas is closed: at the end of the test that made it
// (PostgresSchemas), or by TestMain (NewSchemas). A test that changes a
// schema's tables (DDL) needs Postgres instead.
type Schemas struct {
	dsn  string
	mu   sync.Mutex
	idle []string
	// order is, per schema, its tables in an order that empties them
	// without breaking a foreign key (referencing tables first).
	order map[string][]string
}

// PostgresSchemas returns a Schemas whose schemas live until tb ends. It
// skips or fails tb as RequirePostgres does.
func PostgresSchemas(tb testing.TB) *Schemas {
	tb.Helper()
	s := &Schemas{dsn: RequirePostgres(tb), order: make(map[string][]string)}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("babillardtest: %v", err)
		}
	})
	return s
}

// NewSchemas returns a Schemas bound to no test, for a whole test binary:
// TestMain makes it and closes it after the tests ran, and every test of
// the package takes its stores from it. Close drops the schemas; a binary
// killed before leaves them, named with SchemaPrefix.
//
//	var pg = babillardtest.NewSchemas()
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		if err := pg.Close(); err != nil {
//			log.Print(err)
//		}
//		os.Exit(code)
//	}
func NewSchemas() *Schemas { return &Schemas{order: make(map[string][]string)} }

// Close drops every schema s made. It is idempotent; s may be used again
// afterwards (with new schemas).
func (s *Schemas) Close() error { return s.drop() }

// Store returns a migrated, empty store over a pool of its own, closed
// when tb ends; its schema is then emptied and handed to the next caller.
// tb is a test (or subtest) that ends before s is closed. Calls may come
// from parallel tests. It skips or fails tb as RequirePostgres does.
func (s *Schemas) Store(tb testing.TB) *postgres.Store {
	tb.Helper()
	dsn := RequirePostgres(tb)
	s.mu.Lock()
	if s.dsn == "" {
		s.dsn = dsn
	}
	var schema string
	if n := len(s.idle); n > 0 {
		schema, s.idle = s.idle[n-1], s.idle[:n-1]
	}
	s.mu.Unlock()
	fresh := schema == ""
	if fresh {
		schema = s.newSchema()
	}
	// Registered before the store's pool, so that it runs after the pool
	// is closed: no session of the test is left holding a lock.
	tb.Cleanup(func() {
		if err := s.empty(schema); err != nil {
			tb.Errorf("babillardtest: empty schema %s: %v (it is dropped with its test)", schema, err)
			return
		}
		s.mu.Lock()
		s.idle = append(s.idle, schema)
		s.mu.Unlock()
	})
	return openStore(tb, dsn, schema, !fresh)
}

// newSchema names a new schema (Store creates it) and records it for
// dropping when the test that made s ends.
func (s *Schemas) newSchema() string {
	raw := make([]byte, 8)
	_, _ = rand.Read(raw)
	schema := SchemaPrefix() + hex.EncodeToString(raw)
	s.mu.Lock()
	s.order[schema] = nil
	s.mu.Unlock()
	return schema
}

// drop drops every schema s made, when the test that made s ends.
func (s *Schemas) drop() error {
	s.mu.Lock()
	names := make([]string, 0, len(s.order))
	for name := range s.order {
		names = append(names, name)
	}
	s.order = make(map[string][]string)
	s.idle = nil
	dsn := s.dsn
	s.mu.Unlock()
	var errs []string
	for _, name := range names {
		if err := dropSchema(dsn, name); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// empty deletes every row of schema's tables but the migrations' record.
func (s *Schemas) empty(schema string) error {
	s.mu.Lock()
	dsn, tables := s.dsn, s.order[schema]
	s.mu.Unlock()
	pool, err := adminPool(dsn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if tables == nil {
		if tables, err = deleteOrder(ctx, pool, schema); err != nil {
			return err
		}
		if len(tables) == 0 {
			return fmt.Errorf("schema %s has no tables (its migration failed?)", schema)
		}
		s.mu.Lock()
		s.order[schema] = tables
		s.mu.Unlock()
	}
	var sql strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&sql, "DELETE FROM %s;\n", pgx.Identifier{schema, t}.Sanitize())
	}
	// One simple query: one round trip, one transaction.
	_, err = pool.Exec(ctx, sql.String())
	return err
}

// deleteOrder returns schema's tables, but the migrations' record, each
// after every table that references it.
func deleteOrder(ctx context.Context, pool *pgxpool.Pool, schema string) ([]string, error) {
	rows, err := pool.Query(ctx, `SELECT c.relname, COALESCE(array_agg(r.relname) FILTER (WHERE r.relname IS NOT NULL AND r.oid <> c.oid), '{}')
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_constraint f ON f.confrelid = c.oid AND f.contype = 'f'
		LEFT JOIN pg_class r ON r.oid = f.conrelid
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> 'babillard_schema_migrations'
		GROUP BY c.relname ORDER BY c.relname`, schema)
	if err != nil {
		return nil, err
	}
	referencedBy := make(map[string][]string)
	var names []string
	for rows.Next() {
		var name string
		var refs []string
		if err := rows.Scan(&name, &refs); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, name)
		referencedBy[name] = refs
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	done := make(map[string]bool)
	var visit func(string)
	visit = func(name string) {
		if done[name] {
			return
		}
		done[name] = true
		for _, r := range referencedBy[name] {
			visit(r)
		}
		out = append(out, name)
	}
	for _, name := range names {
		visit(name)
	}
	return out, nil
}
