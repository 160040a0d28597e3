package storage

import (
	"context"

	"github.com/google/uuid"
)

// EventQuery selects the events ReadEvents returns; its zero value selects
// every event.
type EventQuery struct {
	// Topic, when set, keeps the events of that topic only.
	Topic string `json:"topic,omitempty"`
	// GroupID, when set, keeps the events of that group only.
	GroupID uuid.UUID `json:"group_id,omitzero"`
	// Subject, when set, keeps the events about that aggregate only.
	Subject uuid.UUID `json:"subject,omitzero"`
}

// OutboxReader reads the outbox without claiming anything: no lease is
// taken, no Attempts counter moves, acknowledged events are still read.
// It serves tests (babillardtest.Recorder) and operators' tools, not
// delivery, which goes through Outbox.ClaimEvents. storage/memory and
// storage/postgres implement it; it is not part of the store contracts.
type OutboxReader interface {
	// ReadEvents returns the events q selects, delivered or not, in the
	// order ClaimEvents hands them out (OccurredAt, then the order they
	// were appended), with their Attempts as they stand. With a
	// transaction context it sees the transaction's own events.
	ReadEvents(ctx context.Context, q EventQuery) ([]Event, error)
}
