package postgres

import (
	"context"
	"encoding/json"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

var _ storage.OutboxReader = (*Store)(nil)

// ReadEvents returns the events q selects, acknowledged ones included,
// oldest first (by OccurredAt, then in the order they were appended),
// without claiming or locking them (see storage.OutboxReader).
func (s *Store) ReadEvents(ctx context.Context, q storage.EventQuery) ([]storage.Event, error) {
	var group, subject *uuid.UUID
	if q.GroupID != uuid.Nil {
		group = &q.GroupID
	}
	if q.Subject != uuid.Nil {
		subject = &q.Subject
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+eventColumns+`
		FROM {s}babillard_outbox_events
		WHERE ($1 = '' OR topic = $1) AND ($2::uuid IS NULL OR group_id = $2) AND ($3::uuid IS NULL OR subject = $3)
		ORDER BY occurred_at, seq`), q.Topic, group, subject)
	if err != nil {
		return nil, mapErr("read events", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storage.Event, error) { return scanEvent(row) })
	if err != nil {
		return nil, mapErr("read events", err)
	}
	return out, nil
}

// eventColumns are the columns scanEvent reads.
const eventColumns = `id, topic, group_id, subject, payload::text, occurred_at, attempts`

// scanEvent reads an outbox event selected with eventColumns.
func scanEvent(row pgx.Row) (storage.Event, error) {
	var e storage.Event
	var payload *string
	err := row.Scan(&e.ID, &e.Topic, scanID(&e.GroupID), scanID(&e.Subject), &payload, scanTime(&e.OccurredAt), &e.Attempts)
	if payload != nil {
		e.Payload = json.RawMessage(*payload)
	}
	return e, err
}
