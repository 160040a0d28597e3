// Package babillard wires a whole job board over one store: the employer
// side (companies, groups, roles, requests and invitations) today, offers,
// billing, matching and alerts as they land. Each service is also usable
// alone, from its own package.
//
//	board := babillard.New(memory.New(), nil)
//	company, grp, err := board.Groups.CreateCompany(ctx, moderator, input)
//
// The in-memory store (storage/memory) is the default for tests and demos;
// storage/postgres keeps a board in PostgreSQL with the same behaviour,
// proven by the same conformance suite (storage/storagetest).
package babillard

import (
	"time"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// Store is everything a board persists: the union of the stores of its
// services. storage/memory.Store and storage/postgres.Store implement it.
type Store interface {
	group.Store
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
}

// Board is a job board: its services over one store.
type Board struct {
	// Store is the board's store, for hosts that read it directly or run
	// their own transactions with Store.Atomic.
	Store Store
	// Groups runs companies, groups, users, roles, join requests and
	// invitations.
	Groups *group.Service
}

// New returns a Board over store. opts may be nil.
func New(store Store, opts *Options) *Board {
	var o Options
	if opts != nil {
		o = *opts
	}
	g := o.Groups
	if g.Now == nil {
		g.Now = o.Now
	}
	if g.NewID == nil {
		g.NewID = o.NewID
	}
	return &Board{Store: store, Groups: group.New(store, &g)}
}
