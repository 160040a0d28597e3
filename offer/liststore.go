package offer

import (
	"context"

	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// ListStore is the paged reading of the offer service: each method returns
// the records strictly after w.After in its documented order, at most
// w.Limit of them (0: all). A record's Key in that order is given by the
// matching *Key function, which stores and callers share.
type ListStore interface {
	// OffersPage returns the offers matching q (q.Limit is ignored: w.Limit
	// counts). They come newest first, by creation time then ID, both
	// descending (CreatedKey; "after" means older); with q.ByValidationDue,
	// by validation due time (the zero time first) then ID, ascending
	// (DueKey).
	OffersPage(ctx context.Context, q Query, w page.Window) ([]Offer, error)
	// HistoryPage returns an offer's entries, oldest first: by time, then
	// in the order they were appended (HistoryKey). Each entry's Seq is
	// set.
	HistoryPage(ctx context.Context, offerID uuid.UUID, w page.Window) ([]HistoryEntry, error)
}

// CreatedKey is an offer's position in a group's list, newest first:
// creation time, then ID (both descending).
func CreatedKey(o Offer) page.Key { return page.Key{Time: o.CreatedAt, ID: o.ID} }

// DueKey is an offer's position in the moderators' queue: validation due
// time, then ID.
func DueKey(o Offer) page.Key { return page.Key{Time: o.ValidationDue, ID: o.ID} }

// HistoryKey is an entry's position in its offer's history: time, then
// append order.
func HistoryKey(e HistoryEntry) page.Key { return page.Key{Time: e.At, Seq: e.Seq} }
