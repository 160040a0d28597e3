package storagetest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// testPrivacy proves group.PrivacyStore, offer.PrivacyStore and
// billing.PrivacyStore.
func (su *suite) testPrivacy(t *testing.T) {
	t.Run("EraseUser", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		other := f.user()
		old := u.Email
		u.Email, u.FirstName, u.LastName, u.Function, u.Phone, u.Extension = "", "", "", "", "", ""
		u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "", nil, time.Time{}
		f.must(f.s.EraseUser(f.ctx, &u), "EraseUser")
		if u.Version != 2 {
			t.Errorf("EraseUser: Version = %d, want 2", u.Version)
		}
		got, err := f.s.User(f.ctx, u.ID)
		f.must(err, "User after EraseUser")
		wantEqual(t, "erased user", got, u)
		_, err = f.s.UserByEmail(f.ctx, old)
		wantErr(t, "UserByEmail of the erased user's address", err, storage.ErrNotFound)
		_, err = f.s.UserByEmail(f.ctx, "")
		wantErr(t, "UserByEmail(\"\") with an erased user", err, storage.ErrNotFound)
		again := f.user(func(n *group.User) { n.Email = old })
		got, err = f.s.UserByEmail(f.ctx, old)
		f.must(err, "UserByEmail of the address registered again")
		wantEqual(t, "new account with the freed address", got, again)

		// Erased users share the empty e-mail.
		other.Email, other.PendingEmail, other.PendingEmailHash = "", "", nil
		f.must(f.s.EraseUser(f.ctx, &other), "EraseUser of a second user")
	})
	t.Run("EraseUserRefused", func(t *testing.T) {
		f := su.fixture(t)
		u := f.user()
		keep := u
		withEmail := u
		withEmail.FirstName = ""
		wantErr(t, "EraseUser of a user that keeps an e-mail", f.s.EraseUser(f.ctx, &withEmail), storage.ErrConflict)
		stale := u
		stale.Email, stale.Version = "", 7
		wantErr(t, "EraseUser with a stale version", f.s.EraseUser(f.ctx, &stale), storage.ErrConflict)
		missing := u
		missing.ID, missing.Email = uuid.New(), ""
		wantErr(t, "EraseUser of an unknown user", f.s.EraseUser(f.ctx, &missing), storage.ErrNotFound)
		got, err := f.s.User(f.ctx, u.ID)
		f.must(err, "User")
		wantEqual(t, "user after refused erasures", got, keep)
		got, err = f.s.UserByEmail(f.ctx, u.Email)
		f.must(err, "UserByEmail after refused erasures")
		wantEqual(t, "UserByEmail after refused erasures", got, keep)
	})
	t.Run("InvitationsToEmailsAndSentBy", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, g2 := f.companyGroup()
		inviter := uuid.New()
		i1 := f.invitation(g.ID, func(i *group.Invitation) { i.Email = "lea@example.com"; i.CreatedAt = at(30) })
		i2 := f.invitation(g2.ID, func(i *group.Invitation) {
			i.Email, i.Status, i.InvitedBy, i.CreatedAt = "lea.old@example.com", group.InvitationAccepted, inviter, at(10)
		})
		i3 := f.invitation(g.ID, func(i *group.Invitation) { i.InvitedBy, i.CreatedAt = inviter, at(20) })
		f.invitation(g.ID, func(i *group.Invitation) { i.Email = "" })
		got, err := f.s.InvitationsToEmails(f.ctx, "lea@example.com", "lea.old@example.com", "")
		f.must(err, "InvitationsToEmails")
		wantIDs(t, "InvitationsToEmails", ids(got, invitationID), []uuid.UUID{i2.ID, i1.ID})
		wantEqual(t, "InvitationsToEmails record", got[1], i1)
		got, err = f.s.InvitationsToEmails(f.ctx, "")
		f.must(err, "InvitationsToEmails(\"\")")
		wantIDs(t, "InvitationsToEmails(\"\")", ids(got, invitationID), nil)
		got, err = f.s.InvitationsToEmails(f.ctx)
		f.must(err, "InvitationsToEmails()")
		wantIDs(t, "InvitationsToEmails()", ids(got, invitationID), nil)
		got, err = f.s.InvitationsSentBy(f.ctx, inviter)
		f.must(err, "InvitationsSentBy")
		wantIDs(t, "InvitationsSentBy", ids(got, invitationID), []uuid.UUID{i2.ID, i3.ID})
	})
	t.Run("EventsOfSubject", func(t *testing.T) {
		f := su.fixture(t)
		subject := uuid.New()
		e1, e2, e3, other := newEvent(at(5), 1), newEvent(at(1), 2), newEvent(at(5), 3), newEvent(at(2), 4)
		e1.Subject, e2.Subject, e3.Subject = subject, subject, subject
		f.appendEvents(e1, e2, e3, other)
		claimed := f.claim("w", 10, time.Minute, at(10))
		f.must(f.s.AckEvents(f.ctx, "w", ids(claimed, eventID)...), "AckEvents")
		got, err := f.s.EventsOfSubject(f.ctx, subject)
		f.must(err, "EventsOfSubject")
		wantIDs(t, "EventsOfSubject (acknowledged included, by time then appending)", ids(got, eventID), []uuid.UUID{e2.ID, e1.ID, e3.ID})
		if len(got) == 3 {
			e2.Attempts = 1
			wantEqual(t, "EventsOfSubject record", got[0], e2)
		}
		got, err = f.s.EventsOfSubject(f.ctx, uuid.New())
		f.must(err, "EventsOfSubject of an unknown subject")
		wantIDs(t, "EventsOfSubject of an unknown subject", ids(got, eventID), nil)
	})
	t.Run("RedactEvents", func(t *testing.T) {
		f := su.fixture(t)
		mk := func(payload string) storage.Event {
			e := newEvent(at(f.next()), 0)
			e.Payload = json.RawMessage(payload)
			return e
		}
		acked := mk(`{"email":"lea@example.com","roles":["principal"],"n":1}`)
		f.appendEvents(acked)
		f.must(f.s.AckEvents(f.ctx, "w", ids(f.claim("w", 10, time.Minute, at(100)), eventID)...), "AckEvents")
		nested := mk(`{"old_email":"lea.old@example.com","new_email":"lea@example.com","list":[{"x":"lea@example.com"},"keep"],"n":2.50}`)
		key := mk(`{"lea@example.com":"value kept as a key","other":"lea@example.com.au"}`)
		none := mk(`{"email":"someone@example.com"}`)
		nullPayload := mk(``)
		nullPayload.Payload = nil
		f.appendEvents(nested, key, none, nullPayload)
		// Scoped to one subject first: only that event changes.
		n, err := f.s.RedactEvents(f.ctx, none.Subject, "someone@example.com", "lea@example.com")
		f.must(err, "RedactEvents of one subject")
		if n != 1 {
			t.Errorf("RedactEvents of one subject changed %d events, want 1", n)
		}
		got, err := f.s.EventsOfSubject(f.ctx, nested.Subject)
		f.must(err, "EventsOfSubject")
		if len(got) != 1 || string(canonJSON(got[0].Payload)) != string(canonJSON(nested.Payload)) {
			t.Errorf("RedactEvents of another subject changed %v", got)
		}
		n, err = f.s.RedactEvents(f.ctx, uuid.Nil, "lea@example.com", "lea.old@example.com", "")
		f.must(err, "RedactEvents")
		if n != 2 {
			t.Errorf("RedactEvents changed %d events, want 2", n)
		}
		want := map[uuid.UUID]string{
			acked.ID:  `{"email":"","roles":["principal"],"n":1}`,
			nested.ID: `{"old_email":"","new_email":"","list":[{"x":""},"keep"],"n":2.50}`,
			key.ID:    string(key.Payload),
			none.ID:   `{"email":""}`,
		}
		for id, w := range want {
			got, err := f.s.EventsOfSubject(f.ctx, subjectOf(f, id, acked, nested, key, none))
			f.must(err, "EventsOfSubject")
			if len(got) != 1 {
				t.Fatalf("EventsOfSubject: %d events, want 1", len(got))
			}
			if string(canonJSON(got[0].Payload)) != string(canonJSON(json.RawMessage(w))) {
				t.Errorf("payload after RedactEvents:\n got %s\nwant %s", got[0].Payload, w)
			}
		}
		n, err = f.s.RedactEvents(f.ctx, uuid.Nil)
		f.must(err, "RedactEvents()")
		if n != 0 {
			t.Errorf("RedactEvents() changed %d events, want 0", n)
		}
	})
	t.Run("OffersAndHistoryBy", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		userID := uuid.New()
		o1 := f.offer(g.ID, func(o *offer.Offer) { o.CreatedBy, o.CreatedAt = userID, at(20) })
		o2 := f.offer(g.ID, func(o *offer.Offer) { o.CreatedBy, o.CreatedAt, o.Status = userID, at(10), offer.Archived })
		o3 := f.offer(g.ID)
		got, err := f.s.OffersCreatedBy(f.ctx, userID)
		f.must(err, "OffersCreatedBy")
		wantIDs(t, "OffersCreatedBy", ids(got, func(o offer.Offer) uuid.UUID { return o.ID }), []uuid.UUID{o2.ID, o1.ID})
		if len(got) == 2 {
			wantEqual(t, "OffersCreatedBy record", got[1], o1)
		}
		h1 := offer.HistoryEntry{OfferID: o3.ID, At: at(50), Action: offer.ActionSubmit, From: offer.Draft, To: offer.InValidation, By: userID, Role: offer.Member}
		h2 := offer.HistoryEntry{OfferID: o1.ID, At: at(40), Action: offer.ActionCreate, To: offer.Draft, By: userID, Role: offer.Member}
		h3 := offer.HistoryEntry{OfferID: o1.ID, At: at(50), Action: offer.ActionEnd, From: offer.Published, To: offer.Expired, By: userID, Role: offer.Member, Note: "fin"}
		f.must(f.s.AppendHistory(f.ctx, h1, h2, h3,
			offer.HistoryEntry{OfferID: o1.ID, At: at(45), Action: offer.ActionApprove, By: uuid.New(), Role: offer.Board}), "AppendHistory")
		hist, err := f.s.HistoryBy(f.ctx, userID)
		f.must(err, "HistoryBy")
		for i := range hist {
			if hist[i].Seq <= 0 {
				t.Errorf("HistoryBy: entry %d has Seq %d, want the store's append order (> 0)", i, hist[i].Seq)
			}
			hist[i].Seq = 0
		}
		wantEqual(t, "HistoryBy", hist, []offer.HistoryEntry{h2, h1, h3})
		hist, err = f.s.HistoryBy(f.ctx, uuid.New())
		f.must(err, "HistoryBy of a stranger")
		wantEqual(t, "HistoryBy of a stranger", hist, []offer.HistoryEntry{})
	})
	t.Run("OffersApplyingTo", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		inContent := f.offer(g.ID, func(o *offer.Offer) {
			o.Content.Apply, o.Revision, o.CreatedAt = offer.Apply{Email: "lea@example.com"}, nil, at(30)
		})
		inRevision := f.offer(g.ID, func(o *offer.Offer) {
			o.Content.Apply, o.Revision.Apply, o.CreatedAt = offer.Apply{URL: "https://example.com/jobs"}, offer.Apply{Email: "lea.old@example.com"}, at(10)
		})
		f.offer(g.ID, func(o *offer.Offer) {
			o.Content.Apply, o.Revision.Apply = offer.Apply{Email: "rh@example.com"}, offer.Apply{}
		})
		f.offer(g.ID, func(o *offer.Offer) { o.Content.Apply, o.Revision = offer.Apply{URL: "https://example.com/x"}, nil })
		got, err := f.s.OffersApplyingTo(f.ctx, "lea@example.com", "lea.old@example.com", "")
		f.must(err, "OffersApplyingTo")
		offerID := func(o offer.Offer) uuid.UUID { return o.ID }
		wantIDs(t, "OffersApplyingTo", ids(got, offerID), []uuid.UUID{inRevision.ID, inContent.ID})
		if len(got) == 2 {
			wantEqual(t, "OffersApplyingTo record", got[0], inRevision)
		}
		for _, q := range [][]string{{""}, nil} {
			got, err = f.s.OffersApplyingTo(f.ctx, q...)
			f.must(err, "OffersApplyingTo of no address")
			wantIDs(t, "OffersApplyingTo of no address", ids(got, offerID), nil)
		}
	})
	t.Run("CreditOperationsBy", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, g2 := f.companyGroup()
		userID := uuid.New()
		e1 := f.newEntry(g.ID, func(e *billing.Entry) { e.By, e.At = userID, at(30) })
		e2 := f.newEntry(g2.ID, func(e *billing.Entry) { e.By, e.At = userID, at(10) })
		e3 := f.newEntry(g.ID, func(e *billing.Entry) { e.By, e.At = userID, at(30) })
		f.must(f.s.AppendLedgerEntries(f.ctx, e1, e2, f.newEntry(g.ID), e3), "AppendLedgerEntries")
		entries, err := f.s.LedgerEntriesBy(f.ctx, userID)
		f.must(err, "LedgerEntriesBy")
		wantEqual(t, "LedgerEntriesBy", entries, []billing.Entry{e2, e1, e3})
		l := f.lot(g.ID)
		r1 := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.ReservedBy, r.ReservedAt = userID, at(20) })
		r2 := f.reservation(g.ID, l.ID, func(r *billing.Reservation) { r.SettledBy, r.SettledByModerator, r.ReservedAt = userID, false, at(10) })
		f.reservation(g.ID, l.ID)
		res, err := f.s.CreditReservationsBy(f.ctx, userID)
		f.must(err, "CreditReservationsBy")
		wantIDs(t, "CreditReservationsBy", ids(res, reservationRef), []uuid.UUID{r2.Ref, r1.Ref})
		if len(res) == 2 {
			wantEqual(t, "CreditReservationsBy record", res[1], r1)
		}
	})
}

// subjectOf returns the subject of the event id among events.
func subjectOf(f *fixture, id uuid.UUID, events ...storage.Event) uuid.UUID {
	for _, e := range events {
		if e.ID == id {
			return e.Subject
		}
	}
	f.t.Fatalf("no event %s", id)
	return uuid.Nil
}
