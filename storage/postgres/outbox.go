package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// AppendEvents records events in the order given (ties on OccurredAt are
// claimed in that order). With a transaction context they commit with it.
// Either all are recorded or none: an ID already in the outbox, or given
// twice, is storage.ErrDuplicate. A Payload must be valid JSON (or empty);
// it comes back byte for byte.
func (s *Store) AppendEvents(ctx context.Context, events ...storage.Event) error {
	if len(events) == 0 {
		return nil
	}
	n := len(events)
	ids := make([]uuid.UUID, n)
	topics := make([]string, n)
	groups := make([]*uuid.UUID, n)
	subjects := make([]*uuid.UUID, n)
	payloads := make([]*string, n)
	occurred := make([]time.Time, n)
	seen := make(map[uuid.UUID]bool, n)
	for i, e := range events {
		if seen[e.ID] {
			return fmt.Errorf("postgres: append events: event %s given twice: %w", e.ID, storage.ErrDuplicate)
		}
		seen[e.ID] = true
		ids[i], topics[i], occurred[i] = e.ID, e.Topic, e.OccurredAt
		if e.GroupID != uuid.Nil {
			groups[i] = &e.GroupID
		}
		if e.Subject != uuid.Nil {
			subjects[i] = &e.Subject
		}
		if len(e.Payload) > 0 {
			p := string(e.Payload)
			payloads[i] = &p
		}
	}
	// One statement, so all or nothing; the guard turns a taken ID into "no
	// row" rather than a unique violation that would abort the caller's
	// transaction. ORDER BY ord makes seq follow the order given.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_outbox_events
		(id, topic, group_id, subject, payload, occurred_at)
		SELECT e.id, e.topic, e.group_id, e.subject, e.payload::json, e.occurred_at
		FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[])
		     WITH ORDINALITY AS e (id, topic, group_id, subject, payload, occurred_at, ord)
		WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_outbox_events o WHERE o.id = ANY ($1::uuid[]))
		ORDER BY e.ord`),
		ids, topics, groups, subjects, payloads, occurred)
	if err != nil {
		return mapErr("append events", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: append events: an event ID is taken: %w", storage.ErrDuplicate)
	}
	return nil
}

// ClaimEvents leases to worker, until now+lease, up to limit unacknowledged
// events whose lease is free or ended at now, oldest first (by OccurredAt,
// then order of appending), and increments their Attempts. Concurrent
// claims skip each other's rows (FOR UPDATE SKIP LOCKED), so no event goes
// to two workers while its lease runs.
func (s *Store) ClaimEvents(ctx context.Context, worker string, limit int, lease time.Duration, now time.Time) ([]storage.Event, error) {
	if limit <= 0 {
		return []storage.Event{}, nil
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(`UPDATE {s}babillard_outbox_events SET
		lease_owner = $1, lease_until = $2, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM {s}babillard_outbox_events
			WHERE acked_at IS NULL AND (lease_until IS NULL OR lease_until <= $3)
			ORDER BY occurred_at, seq
			LIMIT $4
			FOR UPDATE SKIP LOCKED)
		RETURNING id, topic, group_id, subject, payload::text, occurred_at, attempts, seq`),
		worker, now.Add(lease), now, limit)
	if err != nil {
		return nil, mapErr("claim events", err)
	}
	type claimed struct {
		e   storage.Event
		seq int64
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (claimed, error) {
		var c claimed
		var payload *string
		err := row.Scan(&c.e.ID, &c.e.Topic, scanID(&c.e.GroupID), scanID(&c.e.Subject), &payload,
			scanTime(&c.e.OccurredAt), &c.e.Attempts, &c.seq)
		if payload != nil {
			c.e.Payload = json.RawMessage(*payload)
		}
		return c, err
	})
	if err != nil {
		return nil, mapErr("claim events", err)
	}
	// RETURNING has no order.
	slices.SortFunc(list, func(a, b claimed) int {
		return cmp.Or(a.e.OccurredAt.Compare(b.e.OccurredAt), cmp.Compare(a.seq, b.seq))
	})
	out := make([]storage.Event, len(list))
	for i, c := range list {
		out[i] = c.e
	}
	return out, nil
}

// AckEvents marks events delivered. Only the worker holding an event's
// lease may acknowledge it: the others' events are left alone and AckEvents
// returns storage.ErrConflict after acknowledging the rest; an unknown ID is
// storage.ErrNotFound. Acknowledging an acknowledged event is a no-op.
func (s *Store) AckEvents(ctx context.Context, worker string, ids ...uuid.UUID) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(`UPDATE {s}babillard_outbox_events SET acked_at = now()
		WHERE id = ANY ($1) AND acked_at IS NULL AND lease_owner = $2
		RETURNING id`), ids, worker)
	if err != nil {
		return mapErr("ack events", err)
	}
	acked, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil {
		return mapErr("ack events", err)
	}
	var rest []uuid.UUID
	for _, id := range ids {
		if !slices.Contains(acked, id) && !slices.Contains(rest, id) {
			rest = append(rest, id)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	// Why were the rest not acknowledged?
	rows, err = s.db(ctx).Query(ctx, s.sql(`SELECT id, acked_at IS NOT NULL, coalesce(lease_owner, '')
		FROM {s}babillard_outbox_events WHERE id = ANY ($1)`), rest)
	if err != nil {
		return mapErr("ack events", err)
	}
	type state struct {
		id    uuid.UUID
		acked bool
		owner string
	}
	states, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (state, error) {
		var st state
		err := row.Scan(&st.id, &st.acked, &st.owner)
		return st, err
	})
	if err != nil {
		return mapErr("ack events", err)
	}
	var errs []error
	for _, id := range rest {
		i := slices.IndexFunc(states, func(st state) bool { return st.id == id })
		switch {
		case i < 0:
			errs = append(errs, fmt.Errorf("postgres: ack event %s: %w", id, storage.ErrNotFound))
		case states[i].acked:
			// Already acknowledged: a no-op.
		case states[i].owner == "":
			errs = append(errs, fmt.Errorf("postgres: ack event %s: not claimed by %q: %w", id, worker, storage.ErrConflict))
		default:
			errs = append(errs, fmt.Errorf("postgres: ack event %s: leased by %q, not %q: %w", id, states[i].owner, worker, storage.ErrConflict))
		}
	}
	return errors.Join(errs...)
}
