package postgres_test

import (
	"testing"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/storage/storagetest"
)

// TestConformance runs the storage conformance suite, each subtest on an
// empty store: the suite's schemas are migrated once and emptied between
// subtests, and dropped when the suite ends.
func TestConformance(t *testing.T) {
	schemas := babillardtest.PostgresSchemas(t)
	storagetest.Run(t, func(t *testing.T) storagetest.Store { return schemas.Store(t) })
}
