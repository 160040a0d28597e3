package babillardtest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
)

// A ready board: publish an offer, then let a month go by. In a test, pass
// the test's t instead of a testing.TB made for the example.
func ExampleNewBoard() {
	t := &testing.T{}
	b := babillardtest.NewBoard(t, memory.New())
	o := b.Publish(babillardtest.ValidContent())
	fmt.Println(o.Status)

	bal, _ := b.Billing.Balance(context.Background(), b.Principal, billing.EngineerPosting)
	fmt.Println(bal.Available, "posting credits left")

	b.Clock.Advance(31 * 24 * time.Hour)
	_, _ = b.Offers.Advance(context.Background(), b.Clock.Now())
	o, _ = b.Offers.Get(context.Background(), b.PostingManager, o.ID)
	fmt.Println(o.Status)
	// Output:
	// published
	// 9 posting credits left
	// expired
}

// The events of one offer, read from the outbox without consuming them.
func ExampleRecord() {
	t := &testing.T{}
	b := babillardtest.NewBoard(t, memory.New())
	rec := babillardtest.Record(t, b.Store)
	o := b.Publish(babillardtest.ValidContent())
	fmt.Println(rec.Topics(babillardtest.Aggregate(o.ID)))
	fmt.Println(len(rec.Events(babillardtest.Topic(offer.TopicPublished))))
	// Output:
	// [offer.submitted offer.approved offer.published]
	// 1
}

// A store in a schema of its own, dropped when the test ends; the test is
// skipped without a database (and fails under CI=true).
func ExamplePostgres() {
	t := &testing.T{}
	store := babillardtest.Postgres(t)
	b := babillardtest.NewBoard(t, store)
	fmt.Println(b.Company.LegalName)
}

// Subtests that each need an empty store share migrated schemas.
func ExamplePostgresSchemas() {
	t := &testing.T{} // in a test, the test's own
	pg := babillardtest.PostgresSchemas(t)
	t.Run("one", func(t *testing.T) {
		store := pg.Store(t)
		_ = babillardtest.NewBoard(t, store)
	})
}

// A clock for a service's Now option, moved by the test.
func ExampleClock() {
	c := babillardtest.NewClock(time.Date(2026, 3, 7, 15, 0, 0, 0, time.UTC))
	c.Advance(24 * time.Hour)
	fmt.Println(c.Now().Format(time.DateTime))
	c.Set(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(c.Now().Format(time.DateTime))
	// Output:
	// 2026-03-08 15:00:00
	// 2026-11-01 12:00:00
}
