package offer

import (
	"context"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// PrivacyStore is the part of a store that finds what a user did to offers,
// for the export of a user's data (Quebec's privacy law). storage/memory
// and storage/postgres implement it; storage/storagetest proves it.
type PrivacyStore interface {
	// OffersCreatedBy returns the offers whose CreatedBy is userID, every
	// status (archived ones included), oldest first (CreatedAt, then ID).
	OffersCreatedBy(ctx context.Context, userID uuid.UUID) ([]Offer, error)
	// HistoryBy returns the history entries whose By is userID, of every
	// offer, by time then in the order of appending.
	HistoryBy(ctx context.Context, userID uuid.UUID) ([]HistoryEntry, error)
}

// OfferSummary names an offer a user created, without its whole content
// (the content is the group's, not the user's).
type OfferSummary struct {
	ID        uuid.UUID `json:"id"`
	GroupID   uuid.UUID `json:"group_id"`
	Title     i18n.Text `json:"title"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// UserExport is what the offers hold about a user: the offers they created
// and every step of an offer's life they took (history entries by them).
type UserExport struct {
	Created []OfferSummary `json:"created"`
	Actions []HistoryEntry `json:"actions"`
}

// ExportUser reads what the offers hold about userID from st. It checks no
// actor: babillard.Board.ExportUser calls it once the group service has
// allowed the export (the user themself or the board's staff).
//
// Offers keep a deleted user's opaque ID in CreatedBy and in history
// entries (By): they hold no other personal data of theirs, so the
// deletion of an account changes nothing here, and history names the
// user group.FormerMember.
func ExportUser(ctx context.Context, st PrivacyStore, userID uuid.UUID) (UserExport, error) {
	offers, err := st.OffersCreatedBy(ctx, userID)
	if err != nil {
		return UserExport{}, err
	}
	out := UserExport{Created: make([]OfferSummary, len(offers))}
	for i, o := range offers {
		out.Created[i] = OfferSummary{ID: o.ID, GroupID: o.GroupID, Title: o.Content.Title, Status: o.Status, CreatedAt: o.CreatedAt}
	}
	if out.Actions, err = st.HistoryBy(ctx, userID); err != nil {
		return UserExport{}, err
	}
	if out.Actions == nil {
		out.Actions = []HistoryEntry{}
	}
	return out, nil
}
