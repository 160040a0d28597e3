package babillardtest

import (
	"sync"
	"time"
)

// Clock is a settable clock: its Now method fits the Now options of the
// Board and of every service. It is safe for concurrent use. The zero
// value tells the zero time until set.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock set to now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the time the clock is set to.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Advance moves the clock by d (backwards when d is negative) and returns
// the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}
