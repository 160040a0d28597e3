package storagetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// testReadEvents checks storage.OutboxReader, for stores that implement it
// (it is optional: the subtest is skipped for the others).
func (su *suite) testReadEvents(t *testing.T) {
	f := su.fixture(t)
	r, ok := f.s.(storage.OutboxReader)
	if !ok {
		t.Skip("the store does not implement storage.OutboxReader")
	}
	read := func(q storage.EventQuery) []storage.Event {
		t.Helper()
		got, err := r.ReadEvents(f.ctx, q)
		f.must(err, "ReadEvents")
		return got
	}
	if got := read(storage.EventQuery{}); len(got) != 0 {
		t.Errorf("ReadEvents of an empty outbox = %v, want nothing", ids(got, eventID))
	}
	e := make([]storage.Event, 4)
	for i, m := range []int{5, 1, 5, 3} {
		e[i] = newEvent(at(m), i)
	}
	e[1].Topic = "group.other.happened"
	e[2].GroupID, e[2].Subject = e[0].GroupID, e[0].Subject
	e[3].GroupID, e[3].Subject, e[3].Payload = uuid.Nil, uuid.Nil, nil
	f.appendEvents(e[0], e[1])
	f.appendEvents(e[2], e[3])

	wantEqual(t, "every event, oldest first", read(storage.EventQuery{}), []storage.Event{e[1], e[3], e[0], e[2]})
	wantIDs(t, "by topic", ids(read(storage.EventQuery{Topic: "group.test.happened"}), eventID),
		[]uuid.UUID{e[3].ID, e[0].ID, e[2].ID})
	wantIDs(t, "by subject", ids(read(storage.EventQuery{Subject: e[0].Subject}), eventID), []uuid.UUID{e[0].ID, e[2].ID})
	wantIDs(t, "by group and topic", ids(read(storage.EventQuery{GroupID: e[0].GroupID, Topic: "group.other.happened"}), eventID), nil)

	// Reading claims nothing: every event is still there for a worker,
	// and claimed or acknowledged events are still read, Attempts as they
	// stand.
	claimed := f.claim("w", 10, time.Minute, at(100))
	if len(claimed) != 4 {
		t.Fatalf("ClaimEvents after ReadEvents claimed %d events, want 4", len(claimed))
	}
	f.must(f.s.AckEvents(f.ctx, "w", e[1].ID), "AckEvents")
	got := read(storage.EventQuery{})
	wantIDs(t, "after a claim and an acknowledgement", ids(got, eventID), []uuid.UUID{e[1].ID, e[3].ID, e[0].ID, e[2].ID})
	for _, ev := range got {
		if ev.Attempts != 1 {
			t.Errorf("event %v read with Attempts %d, want 1", ev.ID, ev.Attempts)
		}
	}

	// Inside a transaction, its own events are read; after a rollback they
	// are gone.
	inTx := newEvent(at(200), 9)
	rollback := errors.New("rollback")
	err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
		f.must(f.s.AppendEvents(ctx, inTx), "AppendEvents in a transaction")
		got, err := r.ReadEvents(ctx, storage.EventQuery{Subject: inTx.Subject})
		f.must(err, "ReadEvents in a transaction")
		wantIDs(t, "the transaction's own event", ids(got, eventID), []uuid.UUID{inTx.ID})
		return rollback
	})
	wantErr(t, "Atomic", err, rollback)
	if got := read(storage.EventQuery{Subject: inTx.Subject}); len(got) != 0 {
		t.Errorf("an event of a rolled back transaction is read: %v", ids(got, eventID))
	}
}
