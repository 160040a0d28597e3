package offer

import (
	"testing"

	"github.com/babillard/babillard/internal/catalogtest"
)

// TestEveryMessageCodeIsInACatalog checks that every message code the
// package's sources use exists in one of its catalogs.
func TestEveryMessageCodeIsInACatalog(t *testing.T) {
	has := func(code string) bool {
		return messages.Has(code) || contentMessages.Has(code) || machineMessages.Has(code) || descriptionMessages.Has(code) || privacyMessages.Has(code) ||
			keyMessages.Has(code)
	}
	catalogtest.CheckSources(t, ".", has, 40)
}
