// Package clocktest is the library's own name for babillardtest.Clock, kept
// for the tests that import it.
package clocktest

import (
	"time"

	"github.com/babillard/babillard/babillardtest"
)

// Clock is babillardtest.Clock.
type Clock = babillardtest.Clock

// New returns a clock set to now.
func New(now time.Time) *Clock { return babillardtest.NewClock(now) }
