package memory

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// ErrTxDone is returned when a store method or Atomic is called with the
// context of a transaction that has already committed or rolled back (a
// context kept beyond the end of the function given to Atomic).
var ErrTxDone = errors.New("memory: the transaction has already committed or rolled back")

// tx is a running transaction: the undo log of the writes made so far. The
// Store's exclusive lock is held for as long as the transaction runs.
type tx struct {
	// mu serialises the calls made with the transaction's context, in case
	// fn hands it to several goroutines.
	mu    sync.Mutex
	undo  []func()
	ended atomic.Bool
}

// onUndo records how to undo a write.
func (t *tx) onUndo(f func()) { t.undo = append(t.undo, f) }

// rollbackTo undoes, newest first, the writes recorded after the first mark.
func (t *tx) rollbackTo(mark int) {
	for i := len(t.undo) - 1; i >= mark; i-- {
		t.undo[i]()
	}
	clear(t.undo[mark:])
	t.undo = t.undo[:mark]
}

// txKey is the context key of a Store's transaction: keyed to the store
// instance, so that transactions of two stores never mix.
type txKey struct{ s *Store }

// txFrom returns the transaction of s that ctx carries, or nil.
func (s *Store) txFrom(ctx context.Context) *tx {
	t, _ := ctx.Value(txKey{s}).(*tx)
	return t
}

// Atomic runs fn in a transaction (see storage.Transactor). It holds the
// store's exclusive lock for the whole of fn: every other call to the store
// waits until fn returns. If fn returns nil, its writes commit; if fn
// returns an error, or panics, or ctx is done when fn returns, every write
// made through fn's context is undone and Atomic returns the error (ctx's
// error in the last case) or re-panics.
//
// Called with a context that carries a transaction of this store, Atomic
// joins it: fn runs in the outer transaction, and its writes commit or roll
// back with it (an error returned by the inner fn undoes nothing by itself;
// the outer function decides).
//
// fn must pass its own context to the store: calling the store with any
// other context from inside fn deadlocks (see the package documentation).
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if t := s.txFrom(ctx); t != nil {
		if t.ended.Load() {
			return ErrTxDone
		}
		return fn(ctx)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	t := new(tx)
	committed := false
	defer func() {
		t.mu.Lock()
		if !committed {
			t.rollbackTo(0)
		}
		t.undo = nil
		t.ended.Store(true)
		t.mu.Unlock()
		s.mu.Unlock()
	}()
	err := fn(context.WithValue(ctx, txKey{s}, t))
	if err == nil {
		err = ctx.Err()
	}
	committed = err == nil
	return err
}

// read runs fn under the read lock, or within the transaction ctx carries.
func (s *Store) read(ctx context.Context, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if t := s.txFrom(ctx); t != nil {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.ended.Load() {
			return ErrTxDone
		}
		return fn()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn()
}

// write runs fn under the write lock, or within the transaction ctx
// carries. Every call is atomic by itself: if fn returns an error (or
// panics), the writes it made are undone, and only those.
func (s *Store) write(ctx context.Context, fn func(t *tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := s.txFrom(ctx)
	if t != nil {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.ended.Load() {
			return ErrTxDone
		}
	} else {
		s.mu.Lock()
		defer s.mu.Unlock()
		t = new(tx)
	}
	mark := len(t.undo)
	ok := false
	defer func() {
		if !ok {
			t.rollbackTo(mark)
		}
	}()
	err := fn(t)
	ok = err == nil
	return err
}
