package offer

import (
	"context"
	"slices"
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
	// offer, by time then in the order of appending, each with its Seq.
	HistoryBy(ctx context.Context, userID uuid.UUID) ([]HistoryEntry, error)
	// OffersApplyingTo returns the offers whose application e-mail
	// (Content.Apply.Email, or their pending Revision's) is one of emails
	// (compared exactly; the empty string matches none), every status,
	// oldest first (CreatedAt, then ID).
	OffersApplyingTo(ctx context.Context, emails ...string) ([]Offer, error)
}

// ErasureStore is what EraseUser reads and writes.
type ErasureStore interface {
	PrivacyStore
	// UpdateOffer writes an offer (optimistic on Version), as in Store.
	UpdateOffer(ctx context.Context, o *Offer) error
}

// privacyMessages is the catalog of the privacy steps' refusals.
var privacyMessages = i18n.MustCatalog(
	i18n.Entry{Code: "offer.apply_email_live",
		FR: "L'offre « %[1]s » reçoit les candidatures à une adresse de ce compte : changez son adresse de candidature (ou mettez fin à l'offre) avant de supprimer le compte.",
		EN: "The offer “%[1]s” receives applications at an address of this account: change its application address (or end the offer) before deleting the account."},
)

// live reports whether an offer is under validation or online: its content
// is the board's to validate or the public's to read, and only a new
// validation may change it.
func live(s Status) bool { return s == InValidation || s == Scheduled || s == Published }

// EraseUser erases a deleted user's addresses (emails: every address the
// account had) from the offers that took applications at one of them: the
// application e-mail of drafts, offers to revise, expired and archived
// offers (content and pending revision) becomes empty, so that a reposted
// copy asks for a new one. An offer under validation, scheduled or online
// that takes applications at one of them refuses the deletion, with an
// *i18n.Error unwrapping to ErrNotAllowed naming the offer, before anything
// is written: its group must change the address (Modify) or end the offer
// first. It checks no actor:
// babillard.Board.DeleteUser calls it in its transaction, after the group
// service has allowed the deletion.
func EraseUser(ctx context.Context, st ErasureStore, emails []string) error {
	offers, err := st.OffersApplyingTo(ctx, emails...)
	if err != nil {
		return err
	}
	for _, o := range offers {
		if live(o.Status) {
			return privacyMessages.Error(ErrNotAllowed, "offer.apply_email_live", o.Content.Title.FR)
		}
	}
	for _, o := range offers {
		for _, c := range []*Content{&o.Content, o.Revision} {
			if c != nil && slices.Contains(emails, c.Apply.Email) {
				c.Apply.Email = ""
			}
		}
		if err := st.UpdateOffer(ctx, &o); err != nil {
			return err
		}
	}
	return nil
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
