package billing

import (
	"testing"

	"github.com/babillard/babillard/internal/catalogtest"
	"github.com/stretchr/testify/assert"
)

// TestEveryMessageCodeIsInTheCatalog checks that every message code the
// package's sources use exists in its catalog, in both languages.
func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	catalogtest.CheckSources(t, ".", messages.Has, 20)
}

func TestCheckedRecords(t *testing.T) {
	ok := Ledger{Granted: 5, TransferredIn: 1, Available: 2, Reserved: 1, Consumed: 1, Expired: 1, TransferredOut: 1}
	assert.NoError(t, ok.Check())
	assert.True(t, ok.Balance().Balanced())
	due := ok
	due.Due = 2
	assert.NoError(t, due.Check())
	assert.Equal(t, Balance{Granted: 5, TransferredIn: 1, Available: 0, Reserved: 1, Consumed: 1, Expired: 3, TransferredOut: 1}, due.Balance())
	due.Due = 3
	assert.ErrorIs(t, due.Check(), ErrInconsistent)
	bad := ok
	bad.Available++
	assert.ErrorIs(t, bad.Check(), ErrInconsistent)
	assert.False(t, Balance{Granted: 1, Available: 2, Reserved: -1}.Balanced())

	assert.NoError(t, Lot{Quantity: 3, Remaining: 3, Source: SourceBoard}.Check())
	assert.ErrorIs(t, Lot{Quantity: MaxQuantity + 1, Remaining: 1, Source: SourceBoard}.Check(), ErrInconsistent)
	assert.ErrorIs(t, Reservation{Status: "x"}.Check(), ErrInconsistent)
	assert.ErrorIs(t, Entry{Kind: KindGrant}.Check(), ErrInconsistent)
	assert.Len(t, EntryKinds(), 7)
	for _, k := range EntryKinds() {
		assert.NoError(t, Entry{Kind: k, Quantity: 1}.Check())
	}
}
