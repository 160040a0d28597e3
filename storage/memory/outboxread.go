package memory

import (
	"cmp"
	"context"
	"slices"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

var _ storage.OutboxReader = (*Store)(nil)

// ReadEvents returns the events q selects, acknowledged ones included,
// oldest first (by OccurredAt, then in the order they were appended),
// without claiming them (see storage.OutboxReader).
func (s *Store) ReadEvents(ctx context.Context, q storage.EventQuery) ([]storage.Event, error) {
	var rows []eventRow
	err := s.read(ctx, func() error {
		for _, row := range s.events.all() {
			e := row.ev
			if (q.Topic != "" && e.Topic != q.Topic) || (q.GroupID != uuid.Nil && e.GroupID != q.GroupID) ||
				(q.Subject != uuid.Nil && e.Subject != q.Subject) {
				continue
			}
			rows = append(rows, row)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b eventRow) int {
		return cmp.Or(a.ev.OccurredAt.Compare(b.ev.OccurredAt), cmp.Compare(a.seq, b.seq))
	})
	out := make([]storage.Event, len(rows))
	for i, row := range rows {
		out[i] = copyEvent(row.ev)
	}
	return out, nil
}
