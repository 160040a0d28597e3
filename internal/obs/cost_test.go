package obs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
)

// noMetrics is a Metrics that does nothing: what a host bridge costs at
// the least.
type noMetrics struct{}

func (noMetrics) Count(context.Context, string, int64, ...slog.Attr)           {}
func (noMetrics) Observe(context.Context, string, time.Duration, ...slog.Attr) {}

// TestANilLoggerAndMetricsCostNothing checks that a sink made without a
// logger and without metrics is off: Done allocates nothing and reports
// Off, so that callers build no attributes.
func TestANilLoggerAndMetricsCostNothing(t *testing.T) {
	ctx := context.Background()
	for name, s := range map[string]obs.Sink{"zero": {}, "New(nil, nil)": obs.New("x", nil, nil)} {
		if !s.Off() {
			t.Errorf("%s: not Off", name)
		}
		start := time.Now()
		if n := testing.AllocsPerRun(100, func() { s.Done(ctx, "x", start, nil, observe.OutcomeOK) }); n != 0 {
			t.Errorf("%s: Done allocates %v times", name, n)
		}
		if s.Logger() == nil {
			t.Errorf("%s: Logger is nil", name)
		}
	}
	if obs.New("x", slog.New(slog.DiscardHandler), nil).Off() || obs.New("x", nil, noMetrics{}).Off() {
		t.Error("a sink with a logger or metrics is Off")
	}
}

// BenchmarkDone compares, in one run, an action's end reported to no
// logger and no metrics (the default) against the baseline of not
// reporting it at all, and against a logger and metrics that are on.
func BenchmarkDone(b *testing.B) {
	ctx := context.Background()
	attrs := func() []slog.Attr {
		return []slog.Attr{slog.String(observe.KeyOffer, "0190c3a2-0000-7000-8000-000000000000")}
	}
	for _, c := range []struct {
		name string
		sink *obs.Sink
	}{
		{"baseline none", nil},
		{"nil logger and metrics", &obs.Sink{}},
		{"discarding logger", ptr(obs.New("x", slog.New(slog.DiscardHandler), nil))},
		{"debug JSON logger and metrics", ptr(obs.New("x", slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug})), noMetrics{}))},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				start := time.Now()
				if c.sink == nil || c.sink.Off() {
					continue // what a caller does: no attributes built
				}
				c.sink.Done(ctx, "approve", start, nil, observe.OutcomeOK, attrs()...)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
