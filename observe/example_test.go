package observe_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage/memory"
)

// counters is a Metrics a host would bridge to Prometheus or
// OpenTelemetry; this one keeps totals.
type counters struct {
	mu    sync.Mutex
	total map[string]int64
}

func (c *counters) Count(_ context.Context, name string, n int64, attrs ...slog.Attr) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := []string{name}
	for _, a := range attrs {
		key = append(key, a.String())
	}
	c.total[strings.Join(key, " ")] += n
}

func (c *counters) Observe(context.Context, string, time.Duration, ...slog.Attr) {}

// A board's logger and metrics: refusals logged at Info with their code and
// detail (left out here), actions counted by outcome.
func Example() {
	metrics := &counters{total: map[string]int64{}}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelInfo,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			switch a.Key {
			case slog.TimeKey, observe.KeyDuration, observe.KeyActor, observe.KeyGroup, observe.KeyOffer, observe.KeyDetail:
				return slog.Attr{} // left out to keep the output stable
			}
			return a
		},
	}))
	// In a test, babillardtest.NewBoard(t, …).
	b, err := babillardtest.New(memory.New(), babillardtest.WithOptions(babillard.Options{Logger: logger, Metrics: metrics}))
	if err != nil {
		fmt.Println(err)
		return
	}
	o := b.Publish(babillardtest.ValidContent())

	// A Finance manager may not end a publication.
	_, err = b.Offers.End(context.Background(), b.FinanceManager, o.ID)
	fmt.Println(errors.Is(err, group.ErrForbidden))
	fmt.Println(metrics.total["babillard.actions service=offer action=approve outcome=ok"], "approval")
	// Output:
	// level=INFO msg=refused service=offer action=end outcome=refused code=action.forbidden
	// true
	// 1 approval
}
