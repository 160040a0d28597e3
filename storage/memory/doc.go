// Package memory is the library's in-memory store, its embedded default. One
// Store implements every domain package's store interface (group.Store,
// billing.Store and offer.Store today, more as the domains grow) together
// with storage.Transactor and storage.Outbox, so that one transaction can span several aggregates.
//
// A Store is safe for concurrent use. It keeps deep copies: no slice or JSON
// payload is ever shared between the caller and the store. Every time.Time is
// stored and returned in UTC truncated to the microsecond, as PostgreSQL
// keeps it, so that code tested on this store behaves the same on
// storage/postgres.
//
// # Transactions
//
// Atomic takes the store's single exclusive lock for the whole of fn and
// hands fn a context carrying the transaction: every method called with that
// context (or one derived from it) takes part in the transaction without
// locking again; every write it makes is recorded in an undo log, replayed
// backwards if fn returns an error or panics. Transactions are therefore
// serialisable: they run one at a time, and a method called without a
// transaction context waits until the running transaction ends (reads share
// a read lock, writes take the write lock, each for the one call).
//
// Inside fn, always pass fn's context (or one derived from it) to the
// store. Calling the same Store with a context that does not carry its
// transaction, such as context.Background() or the context given to Atomic,
// waits for the lock that fn itself holds: it deadlocks. The store does not
// try to detect this.
//
// The outbox keeps acknowledged events (so that an acknowledgement stays
// idempotent and an event ID is never reused); a long-running process that
// appends many events grows accordingly.
package memory
