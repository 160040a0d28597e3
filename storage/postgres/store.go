package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/babillard/babillard/group"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options configures a Store. A nil *Options is valid and means the zero
// value.
type Options struct {
	// Schema, when set, is the PostgreSQL schema that holds the store's
	// tables: the store creates it if it is missing (unless SkipMigrations),
	// migrates into it, and qualifies every table it queries with it, so
	// that it works whatever the search_path of the connections it is given
	// (a host's pool, a host's transaction). Open also puts it on the
	// search_path of every connection of the pool it creates. Tests use it
	// to give each store a schema of its own. Empty means the first schema
	// of the connections' search_path (usually public).
	Schema string `json:"schema,omitempty"`
	// SkipMigrations leaves the database as it is: for hosts that apply the
	// SQL of MigrationsFS with their own migration tool. The store then
	// creates no schema either.
	SkipMigrations bool `json:"skip_migrations,omitempty"`
}

// Store is the PostgreSQL store. It implements group.Store, billing.Store
// and offer.Store (and so storage.Transactor and storage.Outbox); one Store
// serves every domain package, so that one transaction can span them. It is safe for
// concurrent use.
type Store struct {
	pool *pgxpool.Pool
	// owned is true when Open created the pool, which Close then closes.
	owned bool
	// schema is Options.Schema; prefix is its quoted form followed by a dot
	// ("" without a schema), put before every table name.
	schema string
	prefix string
}

var _ group.Store = (*Store)(nil)

// Open connects to the database at dsn (a PostgreSQL URL or key/value
// connection string, as pgxpool.ParseConfig reads it, pool settings such as
// pool_max_conns included), applies the pending migrations unless
// opts.SkipMigrations, and returns a store that owns its pool: Close closes
// it.
func Open(ctx context.Context, dsn string, opts *Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse connection string: %w", err)
	}
	if opts != nil && opts.Schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = quoteIdent(opts.Schema)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: create pool: %w", err)
	}
	s, err := New(ctx, pool, opts)
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// New returns a store over the host's pool, which the store never closes.
// Unless opts.SkipMigrations, it first applies the pending migrations (see
// Migrate).
func New(ctx context.Context, pool *pgxpool.Pool, opts *Options) (*Store, error) {
	if pool == nil {
		return nil, errors.New("postgres: New: nil pool")
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	s := &Store{pool: pool, schema: o.Schema}
	if o.Schema != "" {
		s.prefix = quoteIdent(o.Schema) + "."
	}
	if !o.SkipMigrations {
		if err := s.Migrate(ctx); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Close closes the pool if Open created it; a pool given to New is the
// host's to close. Close is idempotent.
func (s *Store) Close() {
	if s.owned {
		s.pool.Close()
	}
}

// Pool returns the pool the store runs on, for hosts that begin their own
// transactions on it (see WithTx).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// txKey is the context key under which a Store keeps its transaction; it
// holds the store, so that a store sees only its own transactions.
type txKey struct{ s *Store }

// WithTx returns a context that makes every call of the store with it part
// of tx, a transaction the host began (on the store's pool or on any
// connection to the same database) and will commit or roll back itself:
// the library's writes then commit with the host's own, or not at all.
//
//	tx, err := store.Pool().Begin(ctx)
//	if err != nil { … }
//	defer tx.Rollback(ctx)
//	// … the host's own writes through tx …
//	if _, err := groups.ApproveJoinRequest(store.WithTx(ctx, tx), principal, requestID); err != nil { … }
//	return tx.Commit(ctx)
//
// Atomic called with such a context joins tx: it neither commits nor rolls
// it back.
func (s *Store) WithTx(ctx context.Context, tx pgx.Tx) context.Context {
	return context.WithValue(ctx, txKey{s}, tx)
}

// txFrom returns the store's transaction carried by ctx, if any.
func (s *Store) txFrom(ctx context.Context) (pgx.Tx, bool) {
	tx, ok := ctx.Value(txKey{s}).(pgx.Tx)
	return tx, ok && tx != nil
}

// Atomic runs fn in a transaction (READ COMMITTED; the store takes row locks
// where invariants need them, see LockGroup and ClaimEvents). Every call of
// the store with the context fn receives takes part in it. If fn returns
// nil, the transaction commits; if fn returns an error or panics, it rolls
// back and Atomic returns that error or panics again. Called with a
// context that already carries a transaction of this store (from Atomic or
// WithTx), Atomic joins it and only runs fn.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := s.txFrom(ctx); ok {
		return fn(ctx)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	done := false
	defer func() {
		// Reached without done on a panic (or runtime.Goexit) in fn: roll
		// back and let the panic go on.
		if !done {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err := fn(s.WithTx(ctx, tx)); err != nil {
		done = true
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	done = true
	if err := tx.Commit(ctx); err != nil {
		return mapErr("commit", err)
	}
	return nil
}

// querier is what the pool and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// db returns the transaction ctx carries, or the pool.
func (s *Store) db(ctx context.Context) querier {
	if tx, ok := s.txFrom(ctx); ok {
		return tx
	}
	return s.pool
}

// sql puts the schema before the table names of query, written {s}table.
func (s *Store) sql(query string) string {
	return strings.ReplaceAll(query, "{s}", s.prefix)
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(name string) string { return pgx.Identifier{name}.Sanitize() }
