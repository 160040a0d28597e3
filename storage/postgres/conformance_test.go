package postgres_test

import (
	"testing"

	"github.com/babillard/babillard/storage/storagetest"
)

// TestConformance runs the storage conformance suite, each subtest on an
// empty store (see newStore).
func TestConformance(t *testing.T) {
	requireDB(t)
	storagetest.Run(t, func(t *testing.T) storagetest.Store { return newStore(t) })
}
