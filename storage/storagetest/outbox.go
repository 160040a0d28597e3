package storagetest

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// claim calls ClaimEvents, failing the test on error.
func (f *fixture) claim(worker string, limit int, lease time.Duration, now time.Time) []storage.Event {
	f.t.Helper()
	got, err := f.s.ClaimEvents(f.ctx, worker, limit, lease, now)
	f.must(err, "ClaimEvents")
	return got
}

// appendEvents appends events, failing the test on error.
func (f *fixture) appendEvents(events ...storage.Event) {
	f.t.Helper()
	f.must(f.s.AppendEvents(f.ctx, events...), "AppendEvents")
}

// wantNone reports an error if events is not empty.
func wantNone(t *testing.T, what string, events []storage.Event) {
	t.Helper()
	if len(events) != 0 {
		t.Errorf("%s: claimed %v, want nothing", what, ids(events, eventID))
	}
}

// wantAttempts reports an error unless every event has n attempts.
func wantAttempts(t *testing.T, what string, events []storage.Event, n int) {
	t.Helper()
	for _, e := range events {
		if e.Attempts != n {
			t.Errorf("%s: event %v has Attempts %d, want %d", what, e.ID, e.Attempts, n)
		}
	}
}

func (su *suite) testOutbox(t *testing.T) {
	const lease = 5 * time.Minute
	now := at(1000)

	t.Run("AppendClaimAck", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2, e3 := newEvent(at(1), 1), newEvent(at(2), 2), newEvent(at(3), 3)
		e2.GroupID, e2.Payload = uuid.Nil, nil // a board-wide event without payload
		e3.Payload = json.RawMessage(`{"list": [1, 2, {"k": "v"}], "ok": true, "text": "déjà"}`)
		f.appendEvents(e1, e2)
		f.appendEvents(e3)
		got := f.claim("w1", 10, lease, now)
		want := []storage.Event{e1, e2, e3}
		for i := range want {
			want[i].Attempts = 1
		}
		wantEqual(t, "claimed events", got, want)
		f.must(f.s.AckEvents(f.ctx, "w1", e1.ID, e2.ID, e3.ID), "AckEvents")
		wantNone(t, "claim after every event was acknowledged", f.claim("w1", 10, lease, now.Add(24*time.Hour)))
	})
	t.Run("ClaimOrder", func(t *testing.T) {
		// Oldest first by OccurredAt, then in the order of appending.
		f := su.fixture(t)
		e := make([]storage.Event, 7)
		for i, m := range []int{5, 1, 5, 3, 5, 1, 0} {
			e[i] = newEvent(at(m), i)
		}
		f.appendEvents(e[0], e[1], e[2], e[3])
		f.appendEvents(e[4])
		f.appendEvents(e[5], e[6])
		want := []uuid.UUID{e[6].ID, e[1].ID, e[5].ID, e[3].ID, e[0].ID, e[2].ID, e[4].ID}
		var got []storage.Event
		for range len(e) + 1 {
			batch := f.claim("w", 2, lease, now)
			if len(batch) == 0 {
				break
			}
			if len(batch) > 2 {
				t.Fatalf("ClaimEvents with limit 2 returned %d events", len(batch))
			}
			got = append(got, batch...)
		}
		wantIDs(t, "events claimed two by two", ids(got, eventID), want)
		got = f.claim("w", 100, lease, now.Add(lease))
		wantIDs(t, "events claimed again at once after the lease", ids(got, eventID), want)
	})
	t.Run("ClaimLimit", func(t *testing.T) {
		f := su.fixture(t)
		var all []storage.Event
		for i := range 5 {
			all = append(all, newEvent(at(i), i))
		}
		f.appendEvents(all...)
		wantNone(t, "ClaimEvents with limit 0", f.claim("w", 0, lease, now))
		wantIDs(t, "ClaimEvents with limit 2", ids(f.claim("w", 2, lease, now), eventID), ids(all[:2], eventID))
		wantIDs(t, "ClaimEvents with limit 10", ids(f.claim("w", 10, lease, now), eventID), ids(all[2:], eventID))
		wantNone(t, "ClaimEvents when everything is leased", f.claim("w", 10, lease, now))
	})
	t.Run("AttemptsSetByStore", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		e.Attempts = 7
		f.appendEvents(e)
		got := f.claim("w", 1, lease, now)
		wantAttempts(t, "first claim of an event appended with Attempts 7", got, 1)
	})
	t.Run("AppendDuplicate", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2, e3 := newEvent(at(1), 1), newEvent(at(2), 2), newEvent(at(3), 3)
		f.appendEvents(e1)
		wantErr(t, "AppendEvents of a recorded ID", f.s.AppendEvents(f.ctx, e1), storage.ErrDuplicate)
		wantErr(t, "AppendEvents of a new and a recorded ID", f.s.AppendEvents(f.ctx, e2, e1), storage.ErrDuplicate)
		wantErr(t, "AppendEvents of one ID twice", f.s.AppendEvents(f.ctx, e3, e3), storage.ErrDuplicate)
		got := f.claim("w", 10, lease, now)
		wantIDs(t, "events after refused appends (all or nothing)", ids(got, eventID), []uuid.UUID{e1.ID})
		f.must(f.s.AckEvents(f.ctx, "w", e1.ID), "AckEvents")
		wantErr(t, "AppendEvents of an acknowledged event's ID", f.s.AppendEvents(f.ctx, e1), storage.ErrDuplicate)
		f.appendEvents(e2, e3)
	})
	t.Run("LeaseHeld", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2, e3 := newEvent(at(1), 1), newEvent(at(2), 2), newEvent(at(3), 3)
		f.appendEvents(e1, e2, e3)
		a := f.claim("A", 2, lease, now)
		wantIDs(t, "claimed by A", ids(a, eventID), []uuid.UUID{e1.ID, e2.ID})
		b := f.claim("B", 10, lease, now.Add(lease/2))
		wantIDs(t, "claimed by B during A's lease", ids(b, eventID), []uuid.UUID{e3.ID})
		wantNone(t, "claimed by C just before the leases end", f.claim("C", 10, lease, now.Add(lease-time.Microsecond)))
	})
	t.Run("LeaseEnds", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2 := newEvent(at(1), 1), newEvent(at(2), 2)
		f.appendEvents(e1, e2)
		f.claim("A", 10, lease, now)
		e3 := newEvent(at(0), 3)
		f.appendEvents(e3)
		// The lease ends at now+lease exactly: the events are free again.
		b := f.claim("B", 10, time.Hour, now.Add(lease))
		wantIDs(t, "claimed by B when A's lease ended", ids(b, eventID), []uuid.UUID{e3.ID, e1.ID, e2.ID})
		if len(b) == 3 {
			wantAttempts(t, "new event", b[:1], 1)
			wantAttempts(t, "events claimed a second time", b[1:], 2)
		}
		wantNone(t, "claimed by C during B's lease", f.claim("C", 10, lease, now.Add(lease+30*time.Minute)))
		c := f.claim("C", 10, lease, now.Add(lease+time.Hour))
		wantIDs(t, "claimed by C when B's lease ended", ids(c, eventID), []uuid.UUID{e3.ID, e1.ID, e2.ID})
		if len(c) == 3 {
			wantAttempts(t, "events claimed a third time", c[1:], 3)
		}
	})
	t.Run("AckByWrongWorker", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2 := newEvent(at(1), 1), newEvent(at(2), 2)
		f.appendEvents(e1, e2)
		f.claim("A", 10, lease, now)
		f.claim("B", 10, lease, now.Add(lease)) // A's lease is lost to B
		wantErr(t, "AckEvents by A of events B leases", f.s.AckEvents(f.ctx, "A", e1.ID), storage.ErrConflict)
		wantErr(t, "AckEvents by C, which never claimed", f.s.AckEvents(f.ctx, "C", e2.ID), storage.ErrConflict)
		wantNone(t, "claim during B's lease", f.claim("C", 10, lease, now.Add(lease+time.Minute)))
		f.must(f.s.AckEvents(f.ctx, "B", e1.ID, e2.ID), "AckEvents by B")
		wantNone(t, "claim after B acknowledged", f.claim("C", 10, lease, now.Add(24*time.Hour)))
	})
	t.Run("AckAcknowledgesTheOthers", func(t *testing.T) {
		f := su.fixture(t)
		e1, e2, e3 := newEvent(at(1), 1), newEvent(at(2), 2), newEvent(at(3), 3)
		f.appendEvents(e1)
		f.claim("A", 10, lease, now)
		f.appendEvents(e2)
		f.claim("B", 10, lease, now)
		f.appendEvents(e3)
		f.claim("A", 10, lease, now)
		err := f.s.AckEvents(f.ctx, "A", e1.ID, e2.ID, e3.ID)
		wantErr(t, "AckEvents by A of its events and one of B's", err, storage.ErrConflict)
		got := f.claim("C", 10, lease, now.Add(lease))
		wantIDs(t, "events back after the leases (A's were acknowledged)", ids(got, eventID), []uuid.UUID{e2.ID})
	})
	t.Run("AckNeverClaimed", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		f.appendEvents(e)
		wantErr(t, "AckEvents of an event never claimed", f.s.AckEvents(f.ctx, "A", e.ID), storage.ErrConflict)
		got := f.claim("A", 10, lease, now)
		wantIDs(t, "claim after a refused acknowledgement", ids(got, eventID), []uuid.UUID{e.ID})
		wantAttempts(t, "claim after a refused acknowledgement", got, 1)
	})
	t.Run("AckAfterLeaseEnded", func(t *testing.T) {
		// The worker of the last claim may still acknowledge once its lease
		// ended, as long as nobody claimed the event since.
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		f.appendEvents(e)
		f.claim("A", 10, lease, now)
		f.must(f.s.AckEvents(f.ctx, "A", e.ID), "AckEvents by the last claimer after its lease ended")
		wantNone(t, "claim after the acknowledgement", f.claim("B", 10, lease, now.Add(24*time.Hour)))
	})
	t.Run("AckIdempotent", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		f.appendEvents(e)
		f.claim("A", 10, lease, now)
		f.must(f.s.AckEvents(f.ctx, "A", e.ID), "AckEvents")
		f.must(f.s.AckEvents(f.ctx, "A", e.ID), "AckEvents of an acknowledged event")
		f.must(f.s.AckEvents(f.ctx, "B", e.ID), "AckEvents of an acknowledged event by another worker")
		f.must(f.s.AckEvents(f.ctx, "A"), "AckEvents of no event")
		wantNone(t, "claim after the acknowledgements", f.claim("B", 10, lease, now.Add(24*time.Hour)))
	})
	t.Run("AckUnknown", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		f.appendEvents(e)
		f.claim("A", 10, lease, now)
		err := f.s.AckEvents(f.ctx, "A", uuid.New(), e.ID)
		wantErr(t, "AckEvents of an unknown ID", err, storage.ErrNotFound)
		wantNone(t, "claim after the acknowledgement of the known event", f.claim("B", 10, lease, now.Add(24*time.Hour)))
	})
	t.Run("AppendRollback", func(t *testing.T) {
		f := su.fixture(t)
		kept, lost := newEvent(at(1), 1), newEvent(at(2), 2)
		f.must(f.s.Atomic(f.ctx, func(ctx context.Context) error {
			return f.s.AppendEvents(ctx, kept)
		}), "Atomic")
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			if err := f.s.AppendEvents(ctx, lost); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		wantIDs(t, "events after a committed and a rolled-back append", ids(f.claim("w", 10, lease, now), eventID), []uuid.UUID{kept.ID})
	})
	t.Run("ClaimAndAckRollback", func(t *testing.T) {
		// A claim and an acknowledgement in a rolled-back transaction never
		// happened.
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		f.appendEvents(e)
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			got, err := f.s.ClaimEvents(ctx, "A", 10, lease, now)
			if err != nil {
				return err
			}
			wantIDs(t, "claim in the transaction", ids(got, eventID), []uuid.UUID{e.ID})
			if err := f.s.AckEvents(ctx, "A", e.ID); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		got := f.claim("B", 10, lease, now)
		wantIDs(t, "claim after a rolled-back claim and acknowledgement", ids(got, eventID), []uuid.UUID{e.ID})
		wantAttempts(t, "claim after a rolled-back claim", got, 1)
	})
	t.Run("DeepCopy", func(t *testing.T) {
		f := su.fixture(t)
		e := newEvent(at(1), 1)
		want := e
		want.Payload = json.RawMessage(string(e.Payload))
		f.appendEvents(e)
		e.Payload[2] = 'X' // the caller's payload, after AppendEvents
		got := f.claim("A", 10, lease, now)
		want.Attempts = 1
		wantEqual(t, "claimed event after the caller changed its payload", got, []storage.Event{want})
		if len(got) == 1 {
			got[0].Payload[2] = 'X' // the payload ClaimEvents returned
		}
		got = f.claim("B", 10, lease, now.Add(lease))
		want.Attempts = 2
		wantEqual(t, "event claimed again after the caller changed a returned payload", got, []storage.Event{want})
	})
	t.Run("ConcurrentClaims", func(t *testing.T) {
		// Workers claim in batches while the clock stands still: every event
		// is handed out exactly once.
		f := su.fixture(t)
		const total, batch = 200, 7
		workers := min(4, su.cfg.concurrency)
		all := make([]storage.Event, total)
		for i := range all {
			all[i] = newEvent(at(i%13), i)
		}
		f.appendEvents(all[:total/2]...)
		f.appendEvents(all[total/2:]...)
		var (
			mu      sync.Mutex
			claimed = make(map[uuid.UUID]string)
			byOwner = make(map[string][]uuid.UUID)
			wg      sync.WaitGroup
		)
		for w := range workers {
			name := string(rune('A' + w))
			wg.Go(func() {
				// A correct store runs out of events after total/batch
				// claims in all; the bound stops a broken one.
				for range total + 1 {
					got, err := f.s.ClaimEvents(f.ctx, name, batch, lease, now)
					if err != nil {
						t.Errorf("worker %s: ClaimEvents: %v", name, err)
						return
					}
					if len(got) == 0 {
						return
					}
					if len(got) > batch {
						t.Errorf("worker %s: ClaimEvents with limit %d returned %d events", name, batch, len(got))
					}
					mu.Lock()
					for _, e := range got {
						if other, dup := claimed[e.ID]; dup {
							t.Errorf("event %v claimed by %s and by %s during the lease", e.ID, other, name)
							mu.Unlock()
							return
						}
						if e.Attempts != 1 {
							t.Errorf("event %v has Attempts %d, want 1", e.ID, e.Attempts)
						}
						claimed[e.ID] = name
						byOwner[name] = append(byOwner[name], e.ID)
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(claimed) != total {
			t.Errorf("%d distinct events claimed, want %d", len(claimed), total)
		}
		for w, list := range byOwner {
			wg.Go(func() {
				if err := f.s.AckEvents(f.ctx, w, list...); err != nil {
					t.Errorf("worker %s: AckEvents: %v", w, err)
				}
			})
		}
		wg.Wait()
		wantNone(t, "claim after every event was acknowledged", f.claim("Z", total, lease, now.Add(365*24*time.Hour)))
	})
}
