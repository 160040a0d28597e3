package memory

import (
	"cmp"
	"context"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

var _ storage.OutboxReader = (*Store)(nil)

// ReadEvents returns the events q selects, acknowledged ones included,
// oldest first (by OccurredAt, then in the order they were appended),
// without claiming them (see storage.OutboxReader).
func (s *Store) ReadEvents(ctx context.Context, q storage.EventQuery) ([]storage.Event, error) {
	return selectRows(ctx, s, &s.events, func(row eventRow) bool {
		e := row.ev
		return (q.Topic == "" || e.Topic == q.Topic) && (q.GroupID == uuid.Nil || e.GroupID == q.GroupID) &&
			(q.Subject == uuid.Nil || e.Subject == q.Subject)
	}, eventOrder, func(row eventRow) storage.Event { return copyEvent(row.ev) })
}

// eventOrder is the outbox's order: time, then order of appending.
func eventOrder(a, b eventRow) int {
	return cmp.Or(a.ev.OccurredAt.Compare(b.ev.OccurredAt), cmp.Compare(a.seq, b.seq))
}
