// Package storage holds what every store of the library shares: the errors
// all stores return, the transaction contract and the transactional outbox
// contract.
//
// Each domain package declares the store it needs as an interface (for
// example group.Store); a store implementation such as storage/memory or
// storage/postgres implements all of them on one value, so that one
// transaction can span several aggregates: submitting an offer and reserving
// its credit commit together or not at all. The conformance suite in
// storage/storagetest proves an implementation.
//
// # Transactions
//
// Atomic runs a function in a transaction and hands it a context that
// carries the transaction. Every store method called with that context takes
// part in the transaction; called with any other context, a method runs on
// its own. A nested Atomic call with a transaction context joins the outer
// transaction (there are no savepoints: the outer function decides). A store
// method that fails inside a transaction writes nothing and leaves the
// transaction usable, so a caller may recover from storage.ErrDuplicate and
// go on. This keeps the domain packages' store interfaces free of
// transaction types, so that one transaction can serve several packages, each
// of which knows only its own interface.
package storage

import (
	"context"
	"errors"
)

// Errors every store returns, so that services and hosts can tell them apart
// with errors.Is whatever the implementation.
var (
	// ErrNotFound: the record does not exist (or is outside the caller's
	// scope).
	ErrNotFound = errors.New("storage: not found")
	// ErrConflict: the record changed since it was read (its version is
	// stale); read it again and retry.
	ErrConflict = errors.New("storage: conflict: the record changed since it was read")
	// ErrDuplicate: a record with the same identity or unique key already
	// exists.
	ErrDuplicate = errors.New("storage: duplicate")
)

// Transactor runs functions in transactions.
type Transactor interface {
	// Atomic runs fn in a transaction: if fn returns nil, everything it wrote
	// through ctx commits; if it returns an error or panics, nothing does,
	// and Atomic returns that error (or re-panics). Called with a context
	// that already carries a transaction of the same store, Atomic joins it.
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error
}
