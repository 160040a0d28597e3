package billing_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const day = 24 * time.Hour

var eng = billing.EngineerPosting

func TestProducts(t *testing.T) {
	assert.Equal(t, []billing.Product{billing.EngineerPosting, billing.CPIPosting, billing.Featured, billing.Extension}, billing.Products())
	for _, p := range billing.Products() {
		assert.True(t, p.Valid(), p)
		fr, en := p.Name()
		assert.NotEqual(t, string(p), fr)
		assert.NotEqual(t, string(p), en)
	}
	assert.False(t, billing.Product("custom_send").Valid())
	assert.False(t, billing.Product("").Valid())
	fr, en := billing.Extension.Name()
	assert.Equal(t, "Prolongation de 7 jours", fr)
	assert.Equal(t, "7-day extension", en)
}

func TestGrantByBoard(t *testing.T) {
	e := newEnv(t)
	expires := start.Add(365 * day)
	lot, err := e.bank.Grant(e.ctx, e.moderator, billing.GrantInput{
		GroupID: e.principal.GroupID, Product: eng, Quantity: 5, ExpiresAt: expires, Note: "  Geste commercial  ",
	})
	require.NoError(t, err)
	assert.Equal(t, billing.Lot{ID: lot.ID, GroupID: e.principal.GroupID, Product: eng, Quantity: 5, Remaining: 5,
		Source: billing.SourceBoard, GrantedBy: e.moderator.ID, Note: "Geste commercial", ExpiresAt: expires, CreatedAt: start, Version: 1}, lot)
	assert.Equal(t, bal(e.principal.GroupID, eng, 5, 0, 5, 0, 0, 0, 0), e.balance(e.principal.GroupID, eng))
	stmt := e.entries(e.principal.GroupID)
	require.Len(t, stmt, 1)
	assert.Equal(t, billing.Entry{ID: stmt[0].ID, GroupID: e.principal.GroupID, Product: eng, Kind: billing.KindGrant, Quantity: 5,
		LotID: lot.ID, By: e.moderator.ID, ByModerator: true, At: start, Seq: stmt[0].Seq}, stmt[0])

	events := e.events()
	require.Equal(t, []string{billing.TopicCreditGranted}, billingEvents(events))
	ev := events[len(events)-1]
	assert.Equal(t, e.principal.GroupID, ev.GroupID)
	assert.Equal(t, lot.ID, ev.Subject)
	assert.Equal(t, billing.GrantPayload{LotID: lot.ID, GroupID: e.principal.GroupID, Product: eng, Quantity: 5,
		Source: billing.SourceBoard, By: e.moderator.ID, ExpiresAt: expires}, payload[billing.GrantPayload](t, ev))
}

func TestGrantValidation(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	for _, tc := range []struct {
		name string
		in   billing.GrantInput
		want []string
	}{
		{"empty", billing.GrantInput{}, []string{"group_id:required", "product:required", "quantity:quantity.range"}},
		{"unknown product", billing.GrantInput{GroupID: g, Product: "custom_send", Quantity: 1}, []string{"product:product.unknown"}},
		{"negative quantity", billing.GrantInput{GroupID: g, Product: eng, Quantity: -3}, []string{"quantity:quantity.range"}},
		{"huge quantity", billing.GrantInput{GroupID: g, Product: eng, Quantity: billing.MaxQuantity + 1}, []string{"quantity:quantity.range"}},
		{"expired already", billing.GrantInput{GroupID: g, Product: eng, Quantity: 1, ExpiresAt: start}, []string{"expires_at:expires_at.past"}},
		{"long note and reference", billing.GrantInput{GroupID: g, Product: eng, Quantity: 1, Note: strings.Repeat("é", 501), PurchaseRef: strings.Repeat("x", 101)},
			[]string{"purchase_ref:too_long", "note:too_long"}},
	} {
		_, err := e.bank.Grant(e.ctx, e.moderator, tc.in)
		assert.ErrorIs(t, err, i18n.ErrInvalid, tc.name)
		assert.Equal(t, tc.want, faults(err), tc.name)
	}
	_, err := e.bank.Grant(e.ctx, e.moderator, billing.GrantInput{GroupID: g, Product: eng, Quantity: 0})
	var ve *billing.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "La quantité doit être comprise entre 1 et 10\u00a0000.", ve.Fields[0].Message.FR)
	assert.Equal(t, "The quantity must be between 1 and 10,000.", ve.Fields[0].Message.EN)

	_, err = e.bank.Grant(e.ctx, group.Moderator{}, billing.GrantInput{GroupID: g, Product: eng, Quantity: 1})
	assert.ErrorIs(t, err, group.ErrForbidden)
	assert.Equal(t, "forbidden.moderator", code(err))
	_, err = e.bank.Grant(e.ctx, e.moderator, billing.GrantInput{GroupID: uuid.New(), Product: eng, Quantity: 1})
	assert.ErrorIs(t, err, storage.ErrNotFound)

	assert.Empty(t, e.entries(g))
	assert.Equal(t, bal(g, eng, 0, 0, 0, 0, 0, 0, 0), e.balance(g, eng))
	assert.Empty(t, billingEvents(e.events()))
}

func TestGrantPurchase(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	in := billing.GrantInput{Product: eng, Quantity: 10, PurchaseRef: "CMD-2026-0042", ExpiresAt: start.Add(365 * day)}
	lot, err := e.bank.GrantPurchase(e.ctx, e.finance, in)
	require.NoError(t, err)
	assert.Equal(t, billing.SourcePurchase, lot.Source)
	assert.Equal(t, e.finance.UserID, lot.GrantedBy)
	assert.Equal(t, "CMD-2026-0042", lot.PurchaseRef)
	assert.Equal(t, g, lot.GroupID)

	// A retry (the payment callback came twice) grants nothing more.
	e.clock.Advance(time.Minute)
	again, err := e.bank.GrantPurchase(e.ctx, e.principal, billing.GrantInput{GroupID: g, Product: eng, Quantity: 10,
		PurchaseRef: "CMD-2026-0042", ExpiresAt: e.clock.Now().Add(365 * day)})
	require.NoError(t, err)
	assert.Equal(t, lot, again)
	assert.Equal(t, bal(g, eng, 10, 0, 10, 0, 0, 0, 0), e.balance(g, eng))
	assert.Equal(t, []string{"grant×10"}, kinds(e.entries(g)))
	assert.Equal(t, []string{billing.TopicCreditGranted}, billingEvents(e.events()))

	// The same reference for other credits is refused; for another
	// product of the same order it is a new lot.
	_, err = e.bank.GrantPurchase(e.ctx, e.finance, billing.GrantInput{Product: eng, Quantity: 5, PurchaseRef: "CMD-2026-0042"})
	assert.ErrorIs(t, err, billing.ErrNotAllowed)
	assert.Equal(t, "purchase.used", code(err))
	_, err = e.bank.GrantPurchase(e.ctx, e.other, billing.GrantInput{Product: eng, Quantity: 10, PurchaseRef: "CMD-2026-0042"})
	assert.Equal(t, "purchase.used", code(err))
	featured, err := e.bank.GrantPurchase(e.ctx, e.finance, billing.GrantInput{Product: billing.Featured, Quantity: 2, PurchaseRef: "CMD-2026-0042"})
	require.NoError(t, err)
	assert.NotEqual(t, lot.ID, featured.ID)

	// Permissions, reference, group.
	_, err = e.bank.GrantPurchase(e.ctx, e.poster, billing.GrantInput{Product: eng, Quantity: 1, PurchaseRef: "CMD-1"})
	assert.ErrorIs(t, err, group.ErrForbidden)
	assert.Equal(t, "forbidden.buy_products", code(err))
	_, err = e.bank.GrantPurchase(e.ctx, e.outsider, billing.GrantInput{Product: eng, Quantity: 1, PurchaseRef: "CMD-1"})
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.GrantPurchase(e.ctx, e.finance, billing.GrantInput{Product: eng, Quantity: 1, PurchaseRef: "  "})
	assert.Equal(t, []string{"purchase_ref:required"}, faults(err))
	_, err = e.bank.GrantPurchase(e.ctx, e.finance, billing.GrantInput{GroupID: e.other.GroupID, Product: eng, Quantity: 1, PurchaseRef: "CMD-1"})
	assert.ErrorIs(t, err, group.ErrForbidden)
	assert.Equal(t, "forbidden.other_group", code(err))
	assert.Equal(t, bal(g, eng, 10, 0, 10, 0, 0, 0, 0), e.balance(g, eng))
	assert.Equal(t, bal(e.other.GroupID, eng, 0, 0, 0, 0, 0, 0, 0), e.balance(e.other.GroupID, eng))
}

func TestReserveConsume(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	lot := e.grant(g, eng, 2, 0)
	offer := uuid.New()

	e.clock.Advance(time.Hour)
	r, err := e.bank.Reserve(e.ctx, e.poster, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, billing.Reservation{Ref: offer, Product: eng, GroupID: g, Status: billing.Reserved, LotID: lot.ID,
		ReservedBy: e.poster.UserID, ReservedAt: start.Add(time.Hour), Version: 1}, r)
	assert.Equal(t, bal(g, eng, 2, 0, 1, 1, 0, 0, 0), e.balance(g, eng))

	// Submitting again (a retry) takes no second credit.
	again, err := e.bank.Reserve(e.ctx, e.principal, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, r, again)
	assert.Equal(t, bal(g, eng, 2, 0, 1, 1, 0, 0, 0), e.balance(g, eng))

	e.clock.Advance(time.Hour)
	c, err := e.bank.Consume(e.ctx, e.moderator, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, billing.Consumed, c.Status)
	assert.Equal(t, e.moderator.ID, c.SettledBy)
	assert.True(t, c.SettledByModerator)
	assert.Equal(t, start.Add(2*time.Hour), c.SettledAt)
	assert.Equal(t, bal(g, eng, 2, 0, 1, 0, 1, 0, 0), e.balance(g, eng))

	// A retried approval consumes nothing more.
	c2, err := e.bank.Consume(e.ctx, e.moderator, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, c, c2)

	// A consumed credit can be neither released nor reserved again.
	_, err = e.bank.Release(e.ctx, e.principal, offer, eng)
	assert.ErrorIs(t, err, billing.ErrNotAllowed)
	assert.Equal(t, "reservation.consumed", code(err))
	_, err = e.bank.ReleaseByBoard(e.ctx, e.moderator, offer, eng)
	assert.Equal(t, "reservation.consumed", code(err))
	_, err = e.bank.Reserve(e.ctx, e.poster, offer, eng)
	assert.Equal(t, "reservation.consumed", code(err))

	assert.Equal(t, bal(g, eng, 2, 0, 1, 0, 1, 0, 0), e.balance(g, eng))
	stmt := e.entries(g)
	assert.Equal(t, []string{"grant×2", "reserve×1", "consume×1"}, kinds(stmt))
	assert.Equal(t, offer, stmt[1].Ref)
	assert.Equal(t, e.poster.UserID, stmt[1].By)
	assert.False(t, stmt[1].ByModerator)
	assert.Equal(t, e.moderator.ID, stmt[2].By)
	assert.True(t, stmt[2].ByModerator)

	// Consume needs a moderator; an unknown reference has no reservation.
	_, err = e.bank.Consume(e.ctx, group.Moderator{}, offer, eng)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.Consume(e.ctx, e.moderator, uuid.New(), eng)
	assert.ErrorIs(t, err, billing.ErrNoReservation)
	assert.Equal(t, "reservation.none", code(err))
	_, err = e.bank.Consume(e.ctx, e.moderator, offer, billing.Featured)
	assert.ErrorIs(t, err, billing.ErrNoReservation)
	_, err = e.bank.Consume(e.ctx, e.moderator, uuid.Nil, "nope")
	assert.Equal(t, []string{"ref:required", "product:product.unknown"}, faults(err))
}

func TestReserveWithoutCredit(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, billing.CPIPosting, 3, 0) // another product
	_, err := e.bank.Reserve(e.ctx, e.poster, uuid.New(), eng)
	require.ErrorIs(t, err, billing.ErrNoCredit)
	var ie *i18n.Error
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "credit.none", ie.Code)
	assert.Equal(t, "La banque du groupe ne contient aucun crédit disponible pour ce produit : Affichage d'offre – profil ingénieur·e.", ie.Message.FR)
	assert.Equal(t, "The group's bank holds no credit available for this product: Job posting – Engineer profile.", ie.Message.EN)

	// Nothing changed.
	assert.Equal(t, []string{"grant×3"}, kinds(e.entries(g)))
	assert.Equal(t, bal(g, eng, 0, 0, 0, 0, 0, 0, 0), e.balance(g, eng))
	reservations, err := e.store.CreditReservations(e.ctx, billing.ReservationQuery{GroupID: g})
	require.NoError(t, err)
	assert.Empty(t, reservations)
	ledgers, err := e.store.CreditLedgers(e.ctx, g, start)
	require.NoError(t, err)
	assert.Len(t, ledgers, 1, "a refused reservation leaves no ledger behind")
}

func TestReservePermissions(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 5, 0)
	e.grant(e.other.GroupID, eng, 5, 0)
	offer := uuid.New()

	_, err := e.bank.Reserve(e.ctx, e.finance, offer, eng)
	assert.ErrorIs(t, err, group.ErrForbidden)
	assert.Equal(t, "forbidden.publish_offers", code(err))
	_, err = e.bank.Reserve(e.ctx, e.outsider, offer, eng)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.Reserve(e.ctx, group.Actor{}, offer, eng)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.Reserve(e.ctx, e.poster, uuid.Nil, "")
	assert.Equal(t, []string{"ref:required", "product:required"}, faults(err))

	_, err = e.bank.Reserve(e.ctx, e.poster, offer, eng)
	require.NoError(t, err)
	// Another group may neither reserve nor release nor list this
	// reference.
	_, err = e.bank.Reserve(e.ctx, e.other, offer, eng)
	assert.Equal(t, "reference.taken", code(err))
	_, err = e.bank.Release(e.ctx, e.other, offer, eng)
	assert.Equal(t, "reservation.none", code(err))
	theirs, err := e.bank.Reservations(e.ctx, e.other, billing.ReservationQuery{Ref: offer}, page.Page{})
	require.NoError(t, err)
	assert.Empty(t, theirs.Items)
	_, err = e.bank.Reservations(e.ctx, e.other, billing.ReservationQuery{GroupID: g}, page.Page{})
	assert.Equal(t, "forbidden.other_group", code(err))
	list, err := e.bank.Reservations(e.ctx, e.other, billing.ReservationQuery{GroupID: e.other.GroupID}, page.Page{})
	require.NoError(t, err)
	assert.Empty(t, list.Items)
	// The finance manager may not release (cancel an offer) either.
	_, err = e.bank.Release(e.ctx, e.finance, offer, eng)
	assert.Equal(t, "forbidden.publish_offers", code(err))

	assert.Equal(t, bal(g, eng, 5, 0, 4, 1, 0, 0, 0), e.balance(g, eng))
	assert.Equal(t, bal(e.other.GroupID, eng, 5, 0, 5, 0, 0, 0, 0), e.balance(e.other.GroupID, eng))
}

func TestReleaseAndReserveAgain(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	first := e.grant(g, eng, 1, 30*day)
	second := e.grant(g, eng, 1, 60*day)
	offer := uuid.New()

	_, err := e.bank.Reserve(e.ctx, e.poster, offer, eng)
	require.NoError(t, err)
	e.clock.Advance(time.Hour)
	r, err := e.bank.Release(e.ctx, e.poster, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, billing.Released, r.Status)
	assert.Equal(t, e.poster.UserID, r.SettledBy)
	assert.False(t, r.SettledByModerator)
	assert.Equal(t, bal(g, eng, 2, 0, 2, 0, 0, 0, 0), e.balance(g, eng))
	lot, err := e.store.CreditLot(e.ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, lot.Remaining, "the credit went back to its lot")

	// Releasing again (a retried cancellation) changes nothing.
	r2, err := e.bank.Release(e.ctx, e.principal, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, r, r2)
	// A released reservation cannot be consumed: the offer must be
	// submitted again.
	_, err = e.bank.Consume(e.ctx, e.moderator, offer, eng)
	assert.ErrorIs(t, err, billing.ErrNotAllowed)
	assert.Equal(t, "reservation.released", code(err))

	// Submitted again, it draws a credit again (the one expiring first).
	e.clock.Advance(time.Hour)
	r3, err := e.bank.Reserve(e.ctx, e.principal, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, billing.Reservation{Ref: offer, Product: eng, GroupID: g, Status: billing.Reserved, LotID: first.ID,
		ReservedBy: e.principal.UserID, ReservedAt: start.Add(2 * time.Hour), Version: 3}, r3)
	assert.Equal(t, bal(g, eng, 2, 0, 1, 1, 0, 0, 0), e.balance(g, eng))

	// The board cancels it.
	r4, err := e.bank.ReleaseByBoard(e.ctx, e.moderator, offer, eng)
	require.NoError(t, err)
	assert.Equal(t, billing.Released, r4.Status)
	assert.True(t, r4.SettledByModerator)
	assert.Equal(t, bal(g, eng, 2, 0, 2, 0, 0, 0, 0), e.balance(g, eng))
	_, err = e.bank.ReleaseByBoard(e.ctx, group.Moderator{}, offer, eng)
	assert.ErrorIs(t, err, group.ErrForbidden)
	lot, err = e.store.CreditLot(e.ctx, second.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, lot.Remaining, "the later lot was never drawn from")
	_, err = e.bank.Release(e.ctx, e.poster, uuid.New(), eng)
	assert.ErrorIs(t, err, billing.ErrNoReservation)
	assert.Equal(t, []string{"grant×1", "grant×1", "reserve×1", "release×1", "reserve×1", "release×1"}, kinds(e.entries(g)))
}

func TestDrawOrder(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	never := e.grant(g, eng, 1, 0)
	late := e.grant(g, eng, 1, 60*day)
	e.clock.Advance(time.Minute)
	soonNewer := e.grant(g, eng, 1, 30*day-time.Minute) // same expiry as soon, granted later
	e.clock.Advance(-time.Minute)
	soon := e.grant(g, eng, 1, 30*day)
	var drawn []uuid.UUID
	for range 4 {
		r, err := e.bank.Reserve(e.ctx, e.poster, uuid.New(), eng)
		require.NoError(t, err)
		drawn = append(drawn, r.LotID)
	}
	assert.Equal(t, []uuid.UUID{soon.ID, soonNewer.ID, late.ID, never.ID}, drawn,
		"expiring first, then oldest; lots that never expire last")
	_, err := e.bank.Reserve(e.ctx, e.poster, uuid.New(), eng)
	assert.ErrorIs(t, err, billing.ErrNoCredit)
}

func TestExpiry(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	expiring := e.grant(g, eng, 3, 30*day)
	e.grant(g, eng, 2, 0)
	kept := uuid.New() // submitted in time, approved after the expiry
	_, err := e.bank.Reserve(e.ctx, e.poster, kept, eng)
	require.NoError(t, err)
	draft := uuid.New() // kept with its draft, released after the expiry
	_, err = e.bank.Reserve(e.ctx, e.poster, draft, eng)
	require.NoError(t, err)
	e.events()
	assert.Equal(t, bal(g, eng, 5, 0, 3, 2, 0, 0, 0), e.balance(g, eng))

	// At the expiry, before ExpireDue: the expiring lot's remainder counts
	// as expired and cannot be reserved.
	e.clock.Advance(30 * day)
	assert.Equal(t, bal(g, eng, 5, 0, 2, 2, 0, 1, 0), e.balance(g, eng))
	lots, err := e.bank.Lots(e.ctx, e.poster, eng, page.Page{})
	require.NoError(t, err)
	require.Len(t, lots.Items, 1)
	assert.True(t, lots.Items[0].ExpiresAt.IsZero())
	r, err := e.bank.Reserve(e.ctx, e.poster, uuid.New(), eng)
	require.NoError(t, err)
	assert.NotEqual(t, expiring.ID, r.LotID)
	assert.Equal(t, bal(g, eng, 5, 0, 1, 3, 0, 1, 0), e.balance(g, eng))

	// ExpireDue records it, dated at the expiry; a second run finds nothing.
	e.clock.Advance(day)
	n, err := e.bank.ExpireDue(e.ctx, e.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	n, err = e.bank.ExpireDue(e.ctx, e.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 0, n)
	assert.Equal(t, bal(g, eng, 5, 0, 1, 3, 0, 1, 0), e.balance(g, eng))
	page1, err := e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: g, Kind: billing.KindExpire}, page.Page{})
	require.NoError(t, err)
	expired := page1.Items
	require.Len(t, expired, 1)
	assert.Equal(t, billing.Entry{ID: expired[0].ID, GroupID: g, Product: eng, Kind: billing.KindExpire, Quantity: 1,
		LotID: expiring.ID, At: expiring.ExpiresAt, Seq: expired[0].Seq}, expired[0])
	events := e.events()
	require.Equal(t, []string{billing.TopicCreditExpired}, billingEvents(events))
	assert.Equal(t, billing.ExpiryPayload{LotID: expiring.ID, GroupID: g, Product: eng, Quantity: 1, ExpiresAt: expiring.ExpiresAt},
		payload[billing.ExpiryPayload](t, events[0]))

	// The reservation made in time stands: consuming it works.
	c, err := e.bank.Consume(e.ctx, e.moderator, kept, eng)
	require.NoError(t, err)
	assert.Equal(t, expiring.ID, c.LotID)
	assert.Equal(t, bal(g, eng, 5, 0, 1, 2, 1, 1, 0), e.balance(g, eng))

	// Released after its lot's expiry, a credit expires at once.
	_, err = e.bank.Release(e.ctx, e.principal, draft, eng)
	require.NoError(t, err)
	assert.Equal(t, bal(g, eng, 5, 0, 1, 1, 1, 2, 0), e.balance(g, eng))
	stmt, err := e.bank.Statement(e.ctx, e.principal, billing.EntryQuery{Ref: draft}, page.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"reserve×1", "release×1", "expire×1"}, kinds(stmt.Items))
	assert.Equal(t, []string{billing.TopicCreditExpired}, billingEvents(e.events()))
	n, err = e.bank.ExpireDue(e.ctx, e.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 0, n)
	lot, err := e.store.CreditLot(e.ctx, expiring.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, lot.Remaining)
}

func TestExpireDueManyLedgers(t *testing.T) {
	e := newEnv(t)
	for i := range 3 {
		e.grant(e.principal.GroupID, billing.Products()[i], i+1, day)
		e.grant(e.other.GroupID, billing.Products()[i], 10, day)
	}
	e.grant(e.other.GroupID, billing.Featured, 4, 2*day)
	n, err := e.bank.ExpireDue(e.ctx, start.Add(day-time.Microsecond))
	require.NoError(t, err)
	assert.Equal(t, 0, n, "nothing is due before the expiry")
	n, err = e.bank.ExpireDue(e.ctx, start.Add(day))
	require.NoError(t, err)
	assert.Equal(t, 1+2+3+30, n)
	assert.Equal(t, bal(e.other.GroupID, billing.Featured, 14, 0, 4, 0, 0, 10, 0), e.balance(e.other.GroupID, billing.Featured))
	assert.Len(t, billingEvents(e.events()), 7+6)
}

func TestTransfer(t *testing.T) {
	e := newEnv(t)
	a, b := e.principal.GroupID, e.other.GroupID
	never := e.grant(a, eng, 2, 0)
	soon := e.grant(a, eng, 2, 10*day)
	gone := e.grant(a, eng, 5, day)
	e.clock.Advance(day) // gone has expired
	e.events()

	tr, err := e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: a, To: b, Product: eng, Quantity: 3, Note: "Agence : client transféré"})
	require.NoError(t, err)
	assert.Equal(t, a, tr.FromGroup)
	assert.Equal(t, b, tr.ToGroup)
	assert.Equal(t, 3, tr.Quantity)
	require.Len(t, tr.Lots, 2)
	assert.Equal(t, billing.Lot{ID: tr.Lots[0].ID, GroupID: b, Product: eng, Quantity: 2, Remaining: 2, Source: billing.SourceTransfer,
		FromGroup: a, GrantedBy: e.moderator.ID, Note: "Agence : client transféré", ExpiresAt: soon.ExpiresAt, CreatedAt: start.Add(day), Version: 1}, tr.Lots[0])
	assert.Equal(t, 1, tr.Lots[1].Quantity)
	assert.True(t, tr.Lots[1].ExpiresAt.IsZero(), "a transferred lot keeps its expiry")

	assert.Equal(t, bal(a, eng, 9, 0, 1, 0, 0, 5, 3), e.balance(a, eng))
	assert.Equal(t, bal(b, eng, 0, 3, 3, 0, 0, 0, 0), e.balance(b, eng))
	outPage, err := e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: a, Ref: tr.ID}, page.Page{})
	require.NoError(t, err)
	out := outPage.Items
	assert.Equal(t, []string{"transfer_out×2", "transfer_out×1"}, kinds(out))
	assert.Equal(t, []uuid.UUID{soon.ID, never.ID}, []uuid.UUID{out[0].LotID, out[1].LotID})
	assert.Equal(t, b, out[0].Counterpart)
	in, err := e.bank.Statement(e.ctx, e.other, billing.EntryQuery{Kind: billing.KindTransferIn}, page.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"transfer_in×2", "transfer_in×1"}, kinds(in.Items))
	assert.Equal(t, a, in.Items[0].Counterpart)
	events := e.events()
	assert.Equal(t, []string{billing.TopicCreditTransferredOut, billing.TopicCreditTransferredIn}, billingEvents(events))
	assert.Equal(t, []uuid.UUID{a, b}, []uuid.UUID{events[0].GroupID, events[1].GroupID})
	assert.Equal(t, billing.TransferPayload{TransferID: tr.ID, FromGroup: a, ToGroup: b, Product: eng, Quantity: 3, By: e.moderator.ID},
		payload[billing.TransferPayload](t, events[1]))

	// The receiving group can use them.
	r, err := e.bank.Reserve(e.ctx, e.other, uuid.New(), eng)
	require.NoError(t, err)
	assert.Equal(t, tr.Lots[0].ID, r.LotID)

	// Not enough usable credits (expired ones do not count): nothing moves.
	_, err = e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: a, To: b, Product: eng, Quantity: 2})
	require.ErrorIs(t, err, billing.ErrNoCredit)
	assert.Equal(t, "credit.insufficient", code(err))
	var ie *i18n.Error
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "The group's bank holds only 1 available credit(s) for this product: Job posting – Engineer profile.", ie.Message.EN)
	_, err = e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: a, To: uuid.New(), Product: eng, Quantity: 1})
	assert.ErrorIs(t, err, storage.ErrNotFound)
	_, err = e.bank.Transfer(e.ctx, group.Moderator{}, billing.TransferInput{From: a, To: b, Product: eng, Quantity: 1})
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: a, To: a, Product: "x", Quantity: 0})
	assert.Equal(t, []string{"to:group.same", "product:product.unknown", "quantity:quantity.range"}, faults(err))
	assert.Equal(t, bal(a, eng, 9, 0, 1, 0, 0, 5, 3), e.balance(a, eng))
	assert.Equal(t, bal(b, eng, 0, 3, 2, 1, 0, 0, 0), e.balance(b, eng))
	assert.Empty(t, billingEvents(e.events()))
	_ = gone
}

func TestReadsAndPermissions(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 3, 0)
	e.grant(g, billing.Featured, 1, 90*day)
	offer := uuid.New()
	_, err := e.bank.Reserve(e.ctx, e.poster, offer, eng)
	require.NoError(t, err)
	_, err = e.bank.Reserve(e.ctx, e.poster, offer, billing.Featured)
	require.NoError(t, err)

	// Every role sees the dashboard's balances.
	for _, a := range []group.Actor{e.principal, e.poster, e.finance} {
		all, err := e.bank.Balances(e.ctx, a)
		require.NoError(t, err)
		assert.Equal(t, []billing.Balance{
			bal(g, eng, 3, 0, 2, 1, 0, 0, 0),
			bal(g, billing.CPIPosting, 0, 0, 0, 0, 0, 0, 0),
			bal(g, billing.Featured, 1, 0, 0, 1, 0, 0, 0),
			bal(g, billing.Extension, 0, 0, 0, 0, 0, 0, 0),
		}, all)
	}
	b, err := e.bank.Balance(e.ctx, e.poster, billing.Featured)
	require.NoError(t, err)
	assert.Equal(t, bal(g, billing.Featured, 1, 0, 0, 1, 0, 0, 0), b)
	_, err = e.bank.Balance(e.ctx, e.poster, "gold")
	assert.Equal(t, []string{"product:product.unknown"}, faults(err))
	_, err = e.bank.Balances(e.ctx, e.outsider)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = e.bank.BalancesOf(e.ctx, group.Moderator{}, g)
	assert.ErrorIs(t, err, group.ErrForbidden)

	// The statement is the finances' (Principal and Finance manager).
	_, err = e.bank.Statement(e.ctx, e.finance, billing.EntryQuery{GroupID: e.other.GroupID}, page.Page{})
	assert.Equal(t, "forbidden.other_group", code(err))
	stmt, err := e.bank.Statement(e.ctx, e.finance, billing.EntryQuery{GroupID: g, Descending: true}, page.Page{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"reserve×1", "reserve×1"}, kinds(stmt.Items))
	assert.Equal(t, billing.Featured, stmt.Items[0].Product)
	assert.NotEmpty(t, stmt.Next)
	stmt, err = e.bank.Statement(e.ctx, e.principal, billing.EntryQuery{Product: billing.Featured}, page.Page{})
	require.NoError(t, err)
	assert.Equal(t, []string{"grant×1", "reserve×1"}, kinds(stmt.Items))
	_, err = e.bank.Statement(e.ctx, e.poster, billing.EntryQuery{}, page.Page{})
	assert.Equal(t, "forbidden.view_transactions", code(err))
	_, err = e.bank.Statement(e.ctx, e.principal, billing.EntryQuery{Product: "x", Kind: "y", Limit: -1}, page.Page{Limit: -1, After: "x"})
	assert.Equal(t, []string{"product:product.unknown", "kind:kind.unknown", "limit:page.limit", "after:page.cursor"}, faults(err),
		"q.Limit is ignored; the page's faults come with the query's")
	_, err = e.bank.Statement(e.ctx, e.principal, billing.EntryQuery{}, page.Page{After: "x"})
	assert.Equal(t, []string{"after:page.cursor"}, faults(err))
	_, err = e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{}, page.Page{})
	assert.Equal(t, []string{"group_id:required"}, faults(err))
	_, err = e.bank.StatementOf(e.ctx, group.Moderator{}, billing.EntryQuery{GroupID: g}, page.Page{})
	assert.ErrorIs(t, err, group.ErrForbidden)

	// The packages associated with an offer, and the lots.
	rsPage, err := e.bank.Reservations(e.ctx, e.poster, billing.ReservationQuery{Ref: offer}, page.Page{})
	require.NoError(t, err)
	rs := rsPage.Items
	require.Len(t, rs, 2)
	assert.Equal(t, []billing.Product{eng, billing.Featured}, []billing.Product{rs[0].Product, rs[1].Product})
	_, err = e.bank.Reservations(e.ctx, e.poster, billing.ReservationQuery{Status: "lost"}, page.Page{})
	assert.Equal(t, []string{"status:status.unknown"}, faults(err))
	lots, err := e.bank.Lots(e.ctx, e.finance, "", page.Page{})
	require.NoError(t, err)
	require.Len(t, lots.Items, 1, "the featured lot is fully reserved")
	assert.Equal(t, 2, lots.Items[0].Remaining)
	_, err = e.bank.Lots(e.ctx, e.finance, "gold", page.Page{})
	assert.Equal(t, []string{"product:product.unknown"}, faults(err))
	_, err = e.bank.Lots(e.ctx, e.outsider, "", page.Page{})
	assert.ErrorIs(t, err, group.ErrForbidden)
}

// The offer service reserves in its own transaction: if it fails after
// reserving, the reservation is undone with the rest.
func TestReserveJoinsTheCallersTransaction(t *testing.T) {
	e := newEnv(t)
	g := e.principal.GroupID
	e.grant(g, eng, 1, 0)
	offer := uuid.New()
	boom := errors.New("the offer could not be saved")
	err := e.store.Atomic(e.ctx, func(ctx context.Context) error {
		if _, err := e.bank.Reserve(ctx, e.poster, offer, eng); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, bal(g, eng, 1, 0, 1, 0, 0, 0, 0), e.balance(g, eng))
	assert.Equal(t, []string{"grant×1"}, kinds(e.entries(g)))

	err = e.store.Atomic(e.ctx, func(ctx context.Context) error {
		_, err := e.bank.Reserve(ctx, e.poster, offer, eng)
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, bal(g, eng, 1, 0, 0, 1, 0, 0, 0), e.balance(g, eng))

	// A submission without credit fails inside the caller's transaction,
	// which may go on: nothing of the refusal remains.
	other := uuid.New()
	err = e.store.Atomic(e.ctx, func(ctx context.Context) error {
		_, err := e.bank.Reserve(ctx, e.poster, other, eng)
		if !errors.Is(err, billing.ErrNoCredit) {
			return err
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"grant×1", "reserve×1"}, kinds(e.entries(g)))
}
