package offer

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// TestNoLoggerNoMetricsNoCost checks that a service without a logger and
// without metrics (the default) builds nothing to report an action: no
// allocation, refusals and failures included.
func TestNoLoggerNoMetricsNoCost(t *testing.T) {
	s, err := New(nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, id, start := context.Background(), uuid.New(), time.Now()
	a := group.Actor{UserID: uuid.New(), GroupID: uuid.New()}
	fail := errors.New("store down")
	if n := testing.AllocsPerRun(100, func() {
		s.done(ctx, ActionApprove, id, member(a), start, nil)
		s.done(ctx, ActionEnd, id, member(a), start, fail)
		s.otherGroup(ctx, a, uuid.Nil)
	}); n != 0 {
		t.Errorf("reporting without a logger or metrics allocates %v times", n)
	}
}
