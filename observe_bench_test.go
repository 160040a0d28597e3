package babillard_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/storage/memory"
)

// nopMetrics is the cheapest Metrics a host could plug in.
type nopMetrics struct{}

func (nopMetrics) Count(context.Context, string, int64, ...slog.Attr)           {}
func (nopMetrics) Observe(context.Context, string, time.Duration, ...slog.Attr) {}

// BenchmarkActionObservability times one action (a draft's edit, on the
// memory store) without a logger and metrics (the default), and with them,
// in the same run: the first is the baseline a host that observes nothing
// pays (see internal/obs BenchmarkDone for the reporting alone).
func BenchmarkActionObservability(b *testing.B) {
	for _, c := range []struct {
		name string
		opts babillard.Options
	}{
		{"nil logger and metrics", babillard.Options{}},
		{"Info JSON logger and metrics", babillard.Options{
			Logger:  slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})),
			Metrics: nopMetrics{}}},
		{"Debug JSON logger and metrics", babillard.Options{
			Logger:  slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug})),
			Metrics: nopMetrics{}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := babillardtest.NewBoard(b, memory.New(), babillardtest.WithOptions(c.opts))
			ctx := context.Background()
			content := babillardtest.ValidContent()
			o, _, err := r.Offers.Create(ctx, r.PostingManager, content)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := r.Offers.Edit(ctx, r.PostingManager, o.ID, content); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
