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

// A ready board outside a test (an example, a demo): publish an offer,
// then let a month go by. In a test, NewBoard(t, store) does the same and
// fails the test where New returns an error.
func ExampleNew() {
	b, err := babillardtest.New(memory.New())
	if err != nil {
		fmt.Println(err)
		return
	}
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

// A test over a ready board: the board's helpers fail the test when the
// library refuses what they ask.
func ExampleNewBoard() {
	testOffer := func(t *testing.T) { // func TestOffer(t *testing.T) in a _test.go file
		b := babillardtest.NewBoard(t, memory.New())
		o := b.Publish(babillardtest.ValidContent())
		if o.Status != offer.Published {
			t.Errorf("status %s, want published", o.Status)
		}
	}
	_ = testOffer
}

// The events of one offer, read from the outbox without consuming them.
func ExampleRecord() {
	testEvents := func(t *testing.T) { // func TestEvents(t *testing.T) in a _test.go file
		b := babillardtest.NewBoard(t, memory.New())
		rec := babillardtest.Record(t, b.Store)
		o := b.Publish(babillardtest.ValidContent())
		got := rec.Topics(babillardtest.Aggregate(o.ID))
		// [offer.submitted offer.approved offer.published]
		if len(got) != 3 || len(rec.Events(babillardtest.Topic(offer.TopicPublished))) != 1 {
			t.Errorf("events %v", got)
		}
	}
	_ = testEvents
}

// A store in a schema of its own, dropped when the test ends; the test is
// skipped without a database (and fails under CI=true).
func ExamplePostgres() {
	testOnPostgres := func(t *testing.T) { // func TestOnPostgres(t *testing.T) in a _test.go file
		store := babillardtest.Postgres(t)
		b := babillardtest.NewBoard(t, store)
		_ = b.Publish(babillardtest.ValidContent())
	}
	_ = testOnPostgres
}

// Subtests that each need an empty store share migrated schemas.
func ExamplePostgresSchemas() {
	testOnSchemas := func(t *testing.T) { // func TestOnSchemas(t *testing.T) in a _test.go file
		pg := babillardtest.PostgresSchemas(t)
		t.Run("one", func(t *testing.T) {
			store := pg.Store(t)
			_ = babillardtest.NewBoard(t, store)
		})
	}
	_ = testOnSchemas
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
