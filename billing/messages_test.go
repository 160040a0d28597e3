package billing

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryMessageCodeIsInTheCatalog reads the package's sources for the
// message codes they use and checks each exists in both languages.
func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	files, err := os.ReadDir(".")
	assert.NoError(t, err)
	uses := regexp.MustCompile(`(?:messages\.Error\([A-Za-z.]+, |\.Add\([^,]+, |\.Check\([^,]+, [^,]+, )"([a-z_.]+)"`)
	found := 0
	for _, f := range files {
		if f.IsDir() || !regexp.MustCompile(`^[a-z_]+\.go$`).MatchString(f.Name()) || regexp.MustCompile(`_test\.go$`).MatchString(f.Name()) {
			continue
		}
		src, err := os.ReadFile(f.Name())
		assert.NoError(t, err)
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			found++
			assert.True(t, messages.Has(m[1]), "%s uses unknown code %q", f.Name(), m[1])
		}
	}
	assert.Greater(t, found, 20)
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
