package offer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// erasureStore is an ErasureStore over a slice of offers.
type erasureStore struct {
	offers  []Offer
	updated []uuid.UUID
}

func (s *erasureStore) OffersCreatedBy(context.Context, uuid.UUID) ([]Offer, error) { return nil, nil }
func (s *erasureStore) HistoryBy(context.Context, uuid.UUID) ([]HistoryEntry, error) {
	return nil, nil
}

func (s *erasureStore) OffersApplyingTo(_ context.Context, emails ...string) ([]Offer, error) {
	var out []Offer
	for _, o := range s.offers {
		if slices.Contains(emails, o.Content.Apply.Email) || o.Revision != nil && slices.Contains(emails, o.Revision.Apply.Email) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *erasureStore) UpdateOffer(_ context.Context, o *Offer) error {
	for i := range s.offers {
		if s.offers[i].ID == o.ID {
			s.offers[i] = *o
			s.updated = append(s.updated, o.ID)
		}
	}
	return nil
}

func TestEraseUser(t *testing.T) {
	addresses := []string{"lea@example.com", "lea.old@example.com"}
	withApply := func(status Status, content, revision string) Offer {
		o := Offer{ID: uuid.New(), Status: status, Content: Content{Title: i18n.Text{FR: "Offre " + string(status)}, Apply: Apply{Email: content}}}
		if revision != "" {
			o.Revision = &Content{Apply: Apply{Email: revision}}
		}
		return o
	}
	t.Run("not live: erased from content and revision", func(t *testing.T) {
		st := &erasureStore{offers: []Offer{
			withApply(Draft, "lea@example.com", ""),
			withApply(ToRevise, "rh@example.com", "lea.old@example.com"),
			withApply(Expired, "lea.old@example.com", "rh@example.com"),
			withApply(Archived, "lea@example.com", "lea@example.com"),
			withApply(Published, "rh@example.com", ""),
		}}
		if err := EraseUser(t.Context(), st, addresses); err != nil {
			t.Fatal(err)
		}
		want := []struct{ content, revision string }{{"", ""}, {"rh@example.com", ""}, {"", "rh@example.com"}, {"", ""}, {"rh@example.com", ""}}
		for i, o := range st.offers {
			rev := ""
			if o.Revision != nil {
				rev = o.Revision.Apply.Email
			}
			if o.Content.Apply.Email != want[i].content || rev != want[i].revision {
				t.Errorf("%s: apply e-mails %q, %q; want %q, %q", o.Status, o.Content.Apply.Email, rev, want[i].content, want[i].revision)
			}
		}
		if len(st.updated) != 4 {
			t.Errorf("updated %d offers, want 4 (not the one applying elsewhere)", len(st.updated))
		}
	})
	for _, status := range []Status{InValidation, Scheduled, Published} {
		t.Run("live "+string(status)+" refuses", func(t *testing.T) {
			st := &erasureStore{offers: []Offer{withApply(Draft, "lea@example.com", ""), withApply(status, "rh@example.com", "lea@example.com")}}
			err := EraseUser(t.Context(), st, addresses)
			var e *i18n.Error
			if !errors.Is(err, ErrNotAllowed) || !errors.As(err, &e) || e.Code != "offer.apply_email_live" {
				t.Fatalf("EraseUser = %v, want offer.apply_email_live", err)
			}
			if want := "« Offre " + string(status) + " »"; !strings.Contains(e.Message.FR, want) {
				t.Errorf("message %q does not name the offer (%s)", e.Message.FR, want)
			}
			if len(st.updated) != 0 {
				t.Errorf("EraseUser wrote %v before refusing", st.updated)
			}
		})
	}
}
