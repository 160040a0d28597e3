package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// This file implements storage.Outbox.

// eventRow is a stored event with its delivery state.
type eventRow struct {
	ev storage.Event
	// seq orders events appended with the same OccurredAt.
	seq uint64
	// owner holds the lease until leaseUntil; owner is the worker of the
	// last claim even after its lease ended, until another worker claims.
	owner      string
	leaseUntil time.Time
	acked      bool
}

func copyEvent(e storage.Event) storage.Event {
	e.Payload = slices.Clone(e.Payload)
	e.OccurredAt = ts(e.OccurredAt)
	return e
}

// AppendEvents records events, all or none: an ID already recorded (or
// repeated in the call) is storage.ErrDuplicate, acknowledged events
// included. The store sets Attempts to 0. With a transaction context the
// events commit with the transaction, and vanish if it rolls back.
func (s *Store) AppendEvents(ctx context.Context, events ...storage.Event) error {
	rows := make([]eventRow, len(events))
	for i, e := range events {
		rows[i].ev = copyEvent(e)
		rows[i].ev.Attempts = 0
	}
	return s.write(ctx, func(t *tx) error {
		for _, row := range rows {
			id := row.ev.ID
			if _, ok := s.events.get(id); ok {
				return errDuplicate("event", id)
			}
			s.eventSeq++
			row.seq = s.eventSeq
			s.events.put(t, id, row)
			s.unacked.put(t, id, struct{}{})
		}
		return nil
	})
}

// ClaimEvents leases to worker, until now+lease, up to limit
// unacknowledged events that were never claimed or whose lease ended at or
// before now, oldest first (by OccurredAt, then in the order they were
// appended), and increments their Attempts. It returns the events as
// claimed; none when limit is zero or negative. now and the lease end are
// kept to the microsecond.
func (s *Store) ClaimEvents(ctx context.Context, worker string, limit int, lease time.Duration, now time.Time) ([]storage.Event, error) {
	if limit <= 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return []storage.Event{}, nil
	}
	now = ts(now)
	until := ts(now.Add(lease))
	var out []storage.Event
	err := s.write(ctx, func(t *tx) error {
		var free []eventRow
		for id := range s.unacked.all() {
			row, _ := s.events.get(id)
			if row.ev.Attempts == 0 || !row.leaseUntil.After(now) {
				free = append(free, row)
			}
		}
		slices.SortFunc(free, func(a, b eventRow) int {
			return cmp.Or(a.ev.OccurredAt.Compare(b.ev.OccurredAt), cmp.Compare(a.seq, b.seq))
		})
		free = free[:min(len(free), limit)]
		out = make([]storage.Event, 0, len(free))
		for _, row := range free {
			row.owner = worker
			row.leaseUntil = until
			row.ev.Attempts++
			s.events.put(t, row.ev.ID, row)
			out = append(out, copyEvent(row.ev))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AckEvents marks events delivered. An event may be acknowledged by the
// worker of its last claim, even after its lease ended, as long as no other
// worker claimed it since. For the other events it acknowledges the rest
// and then returns an error that matches storage.ErrConflict for events
// claimed by another worker (or never claimed) and storage.ErrNotFound for
// unknown IDs (both, through errors.Is, if both occur). Acknowledging an
// acknowledged event is a no-op, whoever does it.
func (s *Store) AckEvents(ctx context.Context, worker string, ids ...uuid.UUID) error {
	var lost, unknown []uuid.UUID
	err := s.write(ctx, func(t *tx) error {
		for _, id := range ids {
			row, ok := s.events.get(id)
			switch {
			case !ok:
				unknown = append(unknown, id)
			case row.acked:
			case row.ev.Attempts == 0 || row.owner != worker:
				lost = append(lost, id)
			default:
				row.acked = true
				s.events.put(t, id, row)
				s.unacked.delete(t, id)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errLost, errUnknown error
	if len(lost) > 0 {
		errLost = fmt.Errorf("memory: %d events not leased to %q %v: %w", len(lost), worker, lost, storage.ErrConflict)
	}
	if len(unknown) > 0 {
		errUnknown = fmt.Errorf("memory: %d unknown events %v: %w", len(unknown), unknown, storage.ErrNotFound)
	}
	return errors.Join(errLost, errUnknown)
}
