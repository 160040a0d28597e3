package storage

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Event is a domain event recorded in the outbox in the same transaction as
// the change it reports, and delivered later by workers.
type Event struct {
	// ID identifies the event; delivery code uses it as an idempotency key.
	ID uuid.UUID `json:"id"`
	// Topic names what happened, "group.join_request.approved".
	Topic string `json:"topic"`
	// GroupID is the employer group the event belongs to (uuid.Nil for
	// board-wide events).
	GroupID uuid.UUID `json:"group_id"`
	// Subject is the aggregate the event is about (a request, an offer…).
	Subject uuid.UUID `json:"subject"`
	// Payload is the event's JSON document.
	Payload json.RawMessage `json:"payload,omitempty"`
	// OccurredAt is when the change happened.
	OccurredAt time.Time `json:"occurred_at"`
	// Attempts counts the claims of the event so far (1 on its first
	// delivery); stores set it.
	Attempts int `json:"attempts"`
}

// Outbox is the transactional outbox contract. Several workers may claim at
// once: a claimed event is never handed to two workers while its lease runs;
// an event that is not acknowledged before its lease ends is handed out
// again.
type Outbox interface {
	// AppendEvents records events; with a transaction context, they commit
	// with the transaction.
	AppendEvents(ctx context.Context, events ...Event) error
	// ClaimEvents leases up to limit unacknowledged events whose lease is
	// free or ended at now, oldest first, to worker until now+lease, and
	// increments their Attempts.
	ClaimEvents(ctx context.Context, worker string, limit int, lease time.Duration, now time.Time) ([]Event, error)
	// AckEvents marks events delivered. Only the worker that holds an
	// event's lease may acknowledge it: an event whose lease was lost to
	// another worker is left alone and AckEvents returns ErrConflict (after
	// acknowledging the others). Acknowledging an acknowledged event is a
	// no-op.
	AckEvents(ctx context.Context, worker string, ids ...uuid.UUID) error
}
