package group

import (
	"testing"

	"github.com/babillard/babillard/internal/catalogtest"
)

// TestEveryMessageCodeIsInTheCatalog checks that every message code the
// package's sources use exists in its catalog, in both languages.
func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	catalogtest.CheckSources(t, ".", func(code string) bool { return messages.Has(code) || staffMessages.Has(code) }, 30)
}
