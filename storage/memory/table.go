package memory

import (
	"context"
	"iter"
	"maps"
	"slices"
)

// table is one kind of record, or one index, keyed by K. The store owns the
// values it holds: they are deep copies, never mutated in place, only
// replaced through put, so that the undo log can keep the previous value.
// The zero table is empty and ready to use. A table does no locking: the
// Store's lock (or its running transaction) guards it.
type table[K comparable, V any] struct {
	rows map[K]V
}

// get returns the row stored under k.
func (tb *table[K, V]) get(k K) (V, bool) {
	v, ok := tb.rows[k]
	return v, ok
}

// put stores v under k, recording in tx how to undo it.
func (tb *table[K, V]) put(tx *tx, k K, v V) {
	if tb.rows == nil {
		tb.rows = make(map[K]V)
	}
	old, had := tb.rows[k]
	tx.onUndo(func() {
		if had {
			tb.rows[k] = old
		} else {
			delete(tb.rows, k)
		}
	})
	tb.rows[k] = v
}

// delete removes the row stored under k, if any, recording in tx how to
// undo it.
func (tb *table[K, V]) delete(tx *tx, k K) {
	old, had := tb.rows[k]
	if !had {
		return
	}
	tx.onUndo(func() { tb.rows[k] = old })
	delete(tb.rows, k)
}

// all iterates over the rows in no particular order.
func (tb *table[K, V]) all() iter.Seq2[K, V] { return maps.All(tb.rows) }

// selectRows returns, from one read of the store, the rows of tb that keep
// accepts, sorted by order (nil: unsorted), each made into a result by out (which copies
// what the caller may change); the result is never nil.
func selectRows[K comparable, V, T any](ctx context.Context, s *Store, tb *table[K, V], keep func(V) bool, order func(a, b V) int, out func(V) T) ([]T, error) {
	var rows []V
	err := s.read(ctx, func() error {
		for _, v := range tb.all() {
			if keep(v) {
				rows = append(rows, v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if order != nil {
		slices.SortFunc(rows, order)
	}
	res := make([]T, len(rows))
	for i, v := range rows {
		res[i] = out(v)
	}
	return res, nil
}
