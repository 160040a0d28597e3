// Package babillard wires a whole job board over one store: the employer
// side (companies, groups, roles, requests and invitations), the credit
// bank and the life of job offers today; the rest of billing, matching and
// alerts as they land. Each service is also usable alone, from its own
// package.
//
//	board, err := babillard.New(memory.New(), nil)
//	company, grp, err := board.Groups.CreateCompany(ctx, moderator, input)
//
// The in-memory store (storage/memory) is the default for tests and demos;
// storage/postgres keeps a board in PostgreSQL with the same behaviour,
// proven by the same conformance suite (storage/storagetest).
package babillard

import (
	"context"
	"log/slog"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// Store is everything a board persists: the union of the stores of its
// services. storage/memory.Store and storage/postgres.Store implement it.
type Store interface {
	group.Store
	billing.Store
	offer.Store
	billing.PrivacyStore
	offer.PrivacyStore
	promo.Store
}

// Options tunes a Board. The zero value (or nil) is valid.
type Options struct {
	// Now returns the current time for every service; nil means time.Now.
	// Tests and demos pass a settable clock to live through a month in
	// milliseconds.
	Now func() time.Time
	// NewID returns new identifiers; nil means UUID version 7.
	NewID func() uuid.UUID
	// Groups tunes the group service (free-mail policy, invitation
	// lifetime…); its Now and NewID default to the Board's.
	Groups group.Options
	// Billing tunes the credit bank; its Now and NewID default to the
	// Board's.
	Billing billing.Options
	// Offers tunes the offer service (vocabularies, calendar, time zone);
	// its Now and NewID default to the Board's.
	Offers offer.Options
	// Logger receives the board's log records (Tick's report) and, unless
	// a service's own Options say otherwise, the services' (see package
	// observe); nil discards them.
	Logger *slog.Logger
	// Metrics receives the board's and the services' counters and
	// durations, unless a service's own Options say otherwise (see
	// package observe); nil means none.
	Metrics observe.Metrics
	// TickParts are the host's own jobs that Tick runs after the board's
	// (see Board.Tick).
	TickParts []TickPart
}

// Board is a job board: its services over one store.
type Board struct {
	// Store is the board's store, for hosts that read it directly or run
	// their own transactions with Store.Atomic.
	Store Store
	// Groups runs companies, groups, users, roles, join requests and
	// invitations.
	Groups *group.Service
	// Billing runs the credit bank: grants, reservations, transfers,
	// balances and statements, its permissions checked by Groups.
	Billing *billing.Service
	// Offers runs the life of job offers: drafts, validation, publication
	// over time, optimizations, history, the dashboard; its credits come
	// from Billing and its permissions from Groups.
	Offers *offer.Service
	// Promos runs promo codes: board finance creates and deactivates
	// them, checkout applies and redeems them.
	Promos *promo.Service

	// obs and tickParts are what Tick needs (tick.go).
	obs       obs.Sink
	tickParts []TickPart
}

// New returns a Board over store. opts may be nil. It fails only when the
// machine has no America/Toronto zone data and opts.Offers.Location is nil:
// programs import time/tzdata to embed it.
func New(store Store, opts *Options) (*Board, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	g, b, of := o.Groups, o.Billing, o.Offers
	o.inherit(&g.Now, &g.NewID, &g.Logger, &g.Metrics)
	o.inherit(&b.Now, &b.NewID, &b.Logger, &b.Metrics)
	o.inherit(&of.Now, &of.NewID, &of.Logger, &of.Metrics)
	groups := group.New(store, &g)
	bank := billing.New(store, groups, &b)
	offers, err := offer.New(store, groups, offerCredits{bank}, &of)
	if err != nil {
		return nil, err
	}
	promos, err := promo.New(store, groups, &promo.Options{Now: o.Now, NewID: o.NewID, Location: of.Location})
	if err != nil {
		return nil, err
	}
	board := &Board{Store: store, Groups: groups, Billing: bank, Offers: offers, Promos: promos, obs: obs.New("board", o.Logger, o.Metrics)}
	board.tickParts = append(board.libraryTickParts(), o.TickParts...)
	return board, nil
}

// inherit gives a service the Board's clock, ID source, logger and metrics
// where the service's own options leave them unset.
func (o Options) inherit(now *func() time.Time, newID *func() uuid.UUID, logger **slog.Logger, metrics *observe.Metrics) {
	if *now == nil {
		*now = o.Now
	}
	if *newID == nil {
		*newID = o.NewID
	}
	if *logger == nil {
		*logger = o.Logger
	}
	if *metrics == nil {
		*metrics = o.Metrics
	}
}

// offerCredits lends the credit bank to the offer service: a posting credit
// is the product of the offer's profile.
type offerCredits struct{ bank *billing.Service }

func product(o offer.Offer, c offer.Credit) billing.Product {
	switch c {
	case offer.CreditFeatured:
		return billing.Featured
	case offer.CreditExtension:
		return billing.Extension
	}
	if o.Content.Profile == offer.CPI {
		return billing.CPIPosting
	}
	return billing.EngineerPosting
}

func (c offerCredits) Reserve(ctx context.Context, by group.Actor, o offer.Offer, credit offer.Credit, ref uuid.UUID) error {
	_, err := c.bank.Reserve(ctx, by, ref, product(o, credit))
	return err
}

func (c offerCredits) Release(ctx context.Context, by group.Actor, board group.Moderator, o offer.Offer, credit offer.Credit, ref uuid.UUID) error {
	var err error
	if board.ID != uuid.Nil {
		_, err = c.bank.ReleaseByBoard(ctx, board, ref, product(o, credit))
	} else {
		_, err = c.bank.Release(ctx, by, ref, product(o, credit))
	}
	return err
}

func (c offerCredits) Consume(ctx context.Context, board group.Moderator, o offer.Offer, credit offer.Credit, ref uuid.UUID) error {
	_, err := c.bank.Consume(ctx, board, ref, product(o, credit))
	return err
}

func (c offerCredits) Use(ctx context.Context, by group.Actor, o offer.Offer, credit offer.Credit, ref uuid.UUID) error {
	_, err := c.bank.Use(ctx, by, ref, product(o, credit))
	return err
}
