// Package postgres is the PostgreSQL store of the library, on pgx v5: one
// Store implements every store contract (group.Store, billing.Store and
// offer.Store, with storage.Transactor and storage.Outbox), so that one
// transaction spans several aggregates and the outbox. storage/storagetest
// proves it, as it proves storage/memory.
//
// # Opening
//
// Open creates a pool from a connection string and migrates the database;
// New takes the host's *pgxpool.Pool instead (and never closes it):
//
//	store, err := postgres.Open(ctx, "postgres://app@db:5432/portal", nil)
//	if err != nil { … }
//	defer store.Close()
//	groups := group.New(store, nil)
//
// Options.Schema puts the tables in a schema of their own, created if
// missing; the store qualifies every table with it, so it works on any
// connection whatever its search_path. Without it, the tables go to the
// first schema of the search_path (usually public). Every table name starts
// with babillard_.
//
// # Migrations
//
// Open and New apply the pending migrations (Migrate): the files of
// MigrationsFS, plain numbered SQL, in order, in one transaction under a
// transaction-level advisory lock, so that several processes starting at
// once apply each migration once; the versions applied are recorded in
// babillard_schema_migrations. A host that runs its own migration tool sets
// Options.SkipMigrations and applies the files of MigrationsFS itself.
//
// # Transactions
//
// Atomic begins a transaction and hands its function a context that carries
// it; every store call with that context takes part in it, and a nested
// Atomic joins it. The transactions are READ COMMITTED: versions make
// updates optimistic (a stale one is storage.ErrConflict), LockGroup takes a
// row lock, and the outbox claims with FOR UPDATE SKIP LOCKED.
//
// A host can make the library's writes part of its own transaction with
// WithTx, as River inserts jobs in the caller's transaction: begin a
// pgx.Tx, pass store.WithTx(ctx, tx) to the library, commit or roll back.
//
// # Errors
//
// A missing record is storage.ErrNotFound, and so is a missing referenced
// record (a group's company…); a taken ID or unique key (a user's e-mail, an
// invitation's token hash) is storage.ErrDuplicate; a stale version is
// storage.ErrConflict, and so are a serialization failure and a deadlock.
// These expected errors do not abort the transaction they happen in: the
// store checks for them within its statements (ON CONFLICT DO NOTHING,
// EXISTS guards) rather than letting a constraint fail, so a caller may
// handle one and go on; the constraints remain as the last guard against
// races. The underlying *pgconn.PgError, when there is one, is reachable
// with errors.As.
//
// # Data
//
// uuid.Nil references, zero times and empty byte slices are NULL; times come
// back in UTC, to the microsecond (PostgreSQL's precision). Addresses and
// group profiles are JSONB; roles are a text[] that a CHECK constraint
// keeps to the three roles; event payloads are json and come back byte for
// byte. Company searches match a folded search_text column, written from
// group.Company.SearchText, and a registry_numbers text[] column (GIN
// index), written from group.Company.RegistryNumbers without spaces or
// hyphens. Lists by name are ordered byte-wise (COLLATE "C"), as Go
// compares strings.
//
// # Tests
//
// The package's tests use the database at BABILLARD_POSTGRES_URL
// (postgres://postgres@127.0.0.1:5432/test?sslmode=disable by default), each
// store in a fresh schema dropped afterwards. Without a database they are
// skipped, unless CI=true, where they fail.
package postgres
