package memory_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/babillard/babillard/storage/storagetest"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(*testing.T) storagetest.Store { return memory.New() })
}

func newCompany() *group.Company {
	return &group.Company{
		ID:        uuid.New(),
		LegalName: "Acme",
		Status:    group.CompanyActive,
		CreatedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
	}
}

func TestTxContextAfterEnd(t *testing.T) {
	s := memory.New()
	var kept context.Context
	require.NoError(t, s.Atomic(t.Context(), func(ctx context.Context) error {
		kept = ctx
		return nil
	}))
	_, err := s.Company(kept, uuid.New())
	assert.ErrorIs(t, err, memory.ErrTxDone)
	assert.ErrorIs(t, s.CreateCompany(kept, newCompany()), memory.ErrTxDone)
	assert.ErrorIs(t, s.Atomic(kept, func(context.Context) error { return nil }), memory.ErrTxDone)
}

func TestCanceledContext(t *testing.T) {
	s := memory.New()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.ErrorIs(t, s.CreateCompany(ctx, newCompany()), context.Canceled)
	_, err := s.SearchCompanies(ctx, group.CompanyQuery{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, s.Atomic(ctx, func(context.Context) error { return nil }), context.Canceled)
}

func TestCanceledDuringTransactionRollsBack(t *testing.T) {
	s := memory.New()
	ctx, cancel := context.WithCancel(t.Context())
	c := newCompany()
	err := s.Atomic(ctx, func(ctx context.Context) error {
		if err := s.CreateCompany(ctx, c); err != nil {
			return err
		}
		cancel()
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	_, err = s.Company(t.Context(), c.ID)
	assert.ErrorIs(t, err, storage.ErrNotFound)
}

func TestTwoStoresTransactionsAreIndependent(t *testing.T) {
	a, b := memory.New(), memory.New()
	ca, cb := newCompany(), newCompany()
	boom := errors.New("boom")
	err := a.Atomic(t.Context(), func(ctx context.Context) error {
		require.NoError(t, a.CreateCompany(ctx, ca))
		// b's Atomic does not join a's transaction: it has its own, which
		// commits although a's rolls back; and a's context still works with
		// a from inside b's function.
		require.NoError(t, b.Atomic(ctx, func(ctx context.Context) error {
			_, err := a.Company(ctx, ca.ID)
			require.NoError(t, err)
			return b.CreateCompany(ctx, cb)
		}))
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = a.Company(t.Context(), ca.ID)
	assert.ErrorIs(t, err, storage.ErrNotFound)
	_, err = b.Company(t.Context(), cb.ID)
	assert.NoError(t, err)
}

func TestFailedCallInTransactionUndoesOnlyItself(t *testing.T) {
	// A statement that fails inside a transaction leaves the transaction's
	// earlier writes alone, as a failed SQL statement would not (PostgreSQL
	// aborts the whole transaction); the function decides.
	s := memory.New()
	first := storage.Event{ID: uuid.New(), OccurredAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	second := storage.Event{ID: uuid.New(), OccurredAt: first.OccurredAt}
	require.NoError(t, s.Atomic(t.Context(), func(ctx context.Context) error {
		require.NoError(t, s.AppendEvents(ctx, first))
		err := s.AppendEvents(ctx, second, first)
		require.ErrorIs(t, err, storage.ErrDuplicate)
		return nil
	}))
	got, err := s.ClaimEvents(t.Context(), "w", 10, time.Minute, first.OccurredAt)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, first.ID, got[0].ID)
}

func TestConcurrentUseOfTransactionContext(t *testing.T) {
	// Goroutines started by the function may share its context.
	s := memory.New()
	require.NoError(t, s.Atomic(t.Context(), func(ctx context.Context) error {
		done := make(chan error, 10)
		for range 10 {
			go func() { done <- s.CreateCompany(ctx, newCompany()) }()
		}
		for range 10 {
			if err := <-done; err != nil {
				return err
			}
		}
		return nil
	}))
	got, err := s.SearchCompanies(t.Context(), group.CompanyQuery{})
	require.NoError(t, err)
	assert.Len(t, got, 10)
}
