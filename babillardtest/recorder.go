package babillardtest

import (
	"context"
	"testing"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Recorder reads the events a store's outbox received since the recorder
// was made, without claiming them: delivery workers under test see every
// event as if the recorder were not there, and the recorder sees events
// already delivered.
type Recorder struct {
	tb     testing.TB
	reader storage.OutboxReader
	before map[uuid.UUID]bool
}

// Record returns a recorder of store's outbox that skips the events
// already there. store must implement storage.OutboxReader, as
// storage/memory and storage/postgres stores do (a *Ready's Store does);
// the test fails otherwise.
func Record(tb testing.TB, store any) *Recorder {
	tb.Helper()
	reader, ok := store.(storage.OutboxReader)
	if !ok {
		tb.Fatalf("babillardtest: Record: %T does not implement storage.OutboxReader", store)
	}
	r := &Recorder{tb: tb, reader: reader, before: make(map[uuid.UUID]bool)}
	for _, e := range r.read(storage.EventQuery{}) {
		r.before[e.ID] = true
	}
	return r
}

// EventFilter narrows what a Recorder returns.
type EventFilter func(*storage.EventQuery)

// Topic keeps the events of topic.
func Topic(topic string) EventFilter { return func(q *storage.EventQuery) { q.Topic = topic } }

// Aggregate keeps the events about the aggregate id (an offer, a join
// request, a lot…: the events' Subject).
func Aggregate(id uuid.UUID) EventFilter { return func(q *storage.EventQuery) { q.Subject = id } }

// InGroup keeps the events of the group id.
func InGroup(id uuid.UUID) EventFilter { return func(q *storage.EventQuery) { q.GroupID = id } }

// Events returns the events appended since Record and kept by every
// filter, oldest first (the order workers claim them). It fails the test
// if the store cannot be read.
func (r *Recorder) Events(filters ...EventFilter) []storage.Event {
	r.tb.Helper()
	var q storage.EventQuery
	for _, f := range filters {
		f(&q)
	}
	var out []storage.Event
	for _, e := range r.read(q) {
		if !r.before[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// Topics returns the topics of Events(filters...), in the same order.
func (r *Recorder) Topics(filters ...EventFilter) []string {
	r.tb.Helper()
	events := r.Events(filters...)
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Topic
	}
	return out
}

func (r *Recorder) read(q storage.EventQuery) []storage.Event {
	r.tb.Helper()
	events, err := r.reader.ReadEvents(context.Background(), q)
	if err != nil {
		r.tb.Fatalf("babillardtest: read the outbox: %v", err)
	}
	return events
}
