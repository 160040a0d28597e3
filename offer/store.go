package offer

import (
	"context"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Store is the persistence the offer service needs, with the conventions of
// group.Store: storage.ErrNotFound, ErrDuplicate, ErrConflict; Create sets
// Version 1; Update is optimistic on Version and increments it.
type Store interface {
	storage.Transactor
	storage.Outbox
	StatsStore
	ListStore
	OptimizationStore

	// CreateOffer stores a new offer.
	CreateOffer(ctx context.Context, o *Offer) error
	// Offer returns an offer by ID.
	Offer(ctx context.Context, id uuid.UUID) (Offer, error)
	// UpdateOffer writes an offer (optimistic on Version).
	UpdateOffer(ctx context.Context, o *Offer) error
	// Offers returns the offers matching q, newest first (CreatedAt, then
	// ID), at most q.Limit.
	Offers(ctx context.Context, q Query) ([]Offer, error)
	// CountOffers counts a group's offers per status.
	CountOffers(ctx context.Context, groupID uuid.UUID) (map[Status]int, error)
	// DueOffers returns up to limit offers that the clock must move at now,
	// ordered by ID: scheduled offers whose PublishAt has come, published
	// offers whose ExpiresAt has come, whose expiry warning may be due
	// (ExpiresAt - ExpiryWarningWindow has come and WarnedExpiry is
	// false), and offers of any status whose featured period ended
	// (FeaturedUntil set and come, FeaturedEndNotified false).
	DueOffers(ctx context.Context, now time.Time, limit int) ([]Offer, error)

	// AppendHistory records history entries.
	AppendHistory(ctx context.Context, entries ...HistoryEntry) error
	// History returns an offer's entries, oldest first.
	History(ctx context.Context, offerID uuid.UUID) ([]HistoryEntry, error)
}

// Query selects offers. Zero fields select everything; set fields combine
// with AND.
type Query struct {
	GroupID uuid.UUID `json:"group_id"`
	// Statuses restricts to these statuses; empty means every status but
	// Archived (the employer's default "All" view).
	Statuses []Status `json:"statuses"`
	// Title, folded like group.Fold, must occur in the French or English
	// title (every word).
	Title string `json:"title"`
	// ByValidationDue orders by ValidationDue then ID (the moderators'
	// queue) instead of newest first.
	ByValidationDue bool `json:"by_validation_due"`
	// Limit caps the result (0 means 100).
	Limit int `json:"limit"`
}
