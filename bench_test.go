package babillard_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// Benchmarks of the offer service, each beside its baseline in the same
// run; docs/PERFORMANCE.md records the figures and this command:
//
//	go test -run '^$' -bench . -benchtime=2s .
//
// The PostgreSQL variants run when BABILLARD_POSTGRES_URL (default: the
// local test database) answers, each in a schema of its own.

// stores returns the stores to compare: memory, the baseline, and
// PostgreSQL when reachable.
func stores(b *testing.B) map[string]func(*testing.B) babillard.Store {
	out := map[string]func(*testing.B) babillard.Store{"memory": func(*testing.B) babillard.Store { return memory.New() }}
	dsn, err := postgresDSN()
	if err != nil {
		b.Logf("PostgreSQL variants skipped: %v", err)
		return out
	}
	out["postgres"] = func(b *testing.B) babillard.Store { return openPostgres(b, dsn) }
	return out
}

// BenchmarkSubmitApprove measures one submission (content checks, credit
// reservation, history, event) plus one approval (credit consumed,
// publication), per op.
func BenchmarkSubmitApprove(b *testing.B) {
	for _, name := range []string{"memory", "postgres"} {
		open, ok := stores(b)[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			const batch = 200
			b.ReportAllocs()
			for done := 0; done < b.N; done += batch {
				b.StopTimer()
				w := newWorldTB(b, open(b))
				w.grant(billing.EngineerPosting, batch)
				ids := make([]uuid.UUID, min(batch, b.N-done))
				for i := range ids {
					o, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
					if err != nil {
						b.Fatal(err)
					}
					ids[i] = o.ID
				}
				b.StartTimer()
				for _, id := range ids {
					if _, err := w.board.Offers.Submit(w.ctx, w.jean, id); err != nil {
						b.Fatal(err)
					}
					if _, err := w.board.Offers.Approve(w.ctx, w.moderator, id); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkRecordHits compares recording 100 hits in one call (one write)
// with the naive way, one call (one transaction) per hit. ns/op is per 100
// hits either way.
func BenchmarkRecordHits(b *testing.B) {
	for _, name := range []string{"memory", "postgres"} {
		open, ok := stores(b)[name]
		if !ok {
			continue
		}
		w := newWorldTB(b, open(b))
		o := w.published(jobContent())
		hits := make([]offer.Hit, 100)
		for i := range hits {
			hits[i] = offer.Hit{OfferID: o.ID, Metric: offer.Views, At: w.clock.Now()}
		}
		b.Run(name+"/batch_of_100", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := w.board.Offers.Record(w.ctx, hits...); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/one_per_call_baseline", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, h := range hits {
					if _, err := w.board.Offers.Record(w.ctx, h); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkAdvance100k runs Advance over 100,000 published offers: when
// nothing is due (the baseline: the cost of finding work), and when 1,000
// of them expire.
func BenchmarkAdvance100k(b *testing.B) {
	const live, due = 100_000, 1_000
	store := memory.New()
	w := newWorldTB(b, store)
	now := w.clock.Now().UTC()
	seed := func(ctx context.Context) error {
		for i := range live {
			o := offer.Offer{ID: uuid.New(), GroupID: w.marie.GroupID, Status: offer.Published, Content: jobContent(),
				PublishedAt: now, ExpiresAt: now.Add(30 * 24 * time.Hour), WarnedExpiry: true, CreatedAt: now}
			if i < due {
				o.ExpiresAt = now.Add(time.Hour)
			}
			if err := store.CreateOffer(ctx, &o); err != nil {
				return err
			}
		}
		return nil
	}
	if err := store.Atomic(w.ctx, seed); err != nil {
		b.Fatal(err)
	}
	b.Run("nothing_due_baseline", func(b *testing.B) {
		for b.Loop() {
			if n, err := w.board.Offers.Advance(w.ctx, now.Add(time.Minute)); err != nil || n != 0 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run(fmt.Sprintf("%d_due", due), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			fresh := memory.New()
			fw := newWorldTB(b, fresh)
			fnow := fw.clock.Now().UTC()
			_ = fresh.Atomic(fw.ctx, func(ctx context.Context) error {
				for i := range live {
					o := offer.Offer{ID: uuid.New(), GroupID: fw.marie.GroupID, Status: offer.Published, Content: jobContent(),
						PublishedAt: fnow, ExpiresAt: fnow.Add(30 * 24 * time.Hour), WarnedExpiry: true, CreatedAt: fnow}
					if i < due {
						o.ExpiresAt = fnow.Add(time.Hour)
					}
					if err := fresh.CreateOffer(ctx, &o); err != nil {
						return err
					}
				}
				return nil
			})
			b.StartTimer()
			if n, err := fw.board.Offers.Advance(fw.ctx, fnow.Add(2*time.Hour)); err != nil || n != due {
				b.Fatal(n, err)
			}
		}
	})
}
