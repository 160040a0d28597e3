package group_test

import (
	"testing"

	"github.com/babillard/babillard/page"
	"github.com/stretchr/testify/require"
)

// TestEveryListChecksItsPage: every paged list of the service answers a
// cursor that does not decode with a validation error on field "after", a
// negative size on field "limit" (both at once when both are bad), and
// accepts any size above page.MaxLimit, cut to it.
func TestEveryListChecksItsPage(t *testing.T) {
	f := newFixture(t)
	lists := map[string]func(page.Page) error{
		"Members":              func(p page.Page) error { _, err := f.svc.Members(f.ctx, f.principal, p); return err },
		"Invitations":          func(p page.Page) error { _, err := f.svc.Invitations(f.ctx, f.principal, p); return err },
		"PendingJoinRequests":  func(p page.Page) error { _, err := f.svc.PendingJoinRequests(f.ctx, f.principal, p); return err },
		"PendingGroupRequests": func(p page.Page) error { _, err := f.svc.PendingGroupRequests(f.ctx, f.moderator, p); return err },
		"JoinRequestsOfUser":   func(p page.Page) error { _, err := f.svc.JoinRequestsOfUser(f.ctx, f.marie.ID, p); return err },
		"GroupsOfCompany":      func(p page.Page) error { _, err := f.svc.GroupsOfCompany(f.ctx, f.company.ID, p); return err },
		"Memberships":          func(p page.Page) error { _, err := f.svc.Memberships(f.ctx, f.marie.ID, p); return err },
		"SearchCompanies":      func(p page.Page) error { _, err := f.svc.SearchCompanies(f.ctx, "acme", p); return err },
		"StaffRoster":          func(p page.Page) error { _, err := f.svc.StaffRoster(f.ctx, f.moderator, p); return err },
	}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			requireInvalid(t, list(page.Page{After: "not-a-cursor"}), "after:page.cursor")
			requireInvalid(t, list(page.Page{Limit: -1}), "limit:page.limit")
			requireInvalid(t, list(page.Page{After: "e30", Limit: -1}), "limit:page.limit", "after:page.cursor")
			require.NoError(t, list(page.Page{Limit: page.MaxLimit + 1}))
			require.NoError(t, list(page.Page{}))
		})
	}
}
