package babillard_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryEntryPointRefusesOversizedInputClearly feeds each public entry
// point that takes lists or free text inputs far beyond their caps: each
// answers a validation fault on the field, naming the cap in both languages
// when there is one, in a short error, and writes nothing.
func TestEveryEntryPointRefusesOversizedInputClearly(t *testing.T) {
	w := newWorld(t, memory.New())
	g, b, o := w.board.Groups, w.board.Billing, w.board.Offers
	huge := strings.Repeat("9", 1<<20)
	roles := make([]group.Role, 100_000)
	for i := range roles {
		roles[i] = group.PostingManager
	}
	draft, _, err := o.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	company := group.CompanyInput{LegalName: "Béton inc.", Phone: "418-555-0100",
		HeadOffice: group.Address{Street: "1 rue A", City: "Québec", Province: "QC", PostalCode: "G1R 1A1"}}
	withCompany := func(f func(c *group.CompanyInput)) group.CompanyInput { c := company; f(&c); return c }
	withProfile := func(f func(p *group.Profile)) group.Profile { p := completeProfile(); f(&p); return p }
	places := make([]offer.Place, 100_000)
	for i := range places {
		places[i] = offer.Place{Region: "06", City: "Ville " + strconv.Itoa(i)}
	}
	many := make([]string, 100_000)
	for i := range many {
		many[i] = strconv.Itoa(i)
	}
	withContent := func(f func(c *offer.Content)) offer.Content { c := jobContent(); f(&c); return c }
	bigContent := withContent(func(c *offer.Content) {
		c.Workplace = offer.Workplace{Kind: offer.InPlaces, Places: places}
		c.Interests, c.Domains = many, many
	})
	month := offer.StatsQuery{From: canada.Date{Year: 2026, Month: 6, Day: 1}, To: canada.Date{Year: 2026, Month: 6, Day: 30}, Period: offer.Total}
	month.OfferIDs = make([]uuid.UUID, 100_000)

	for _, tc := range []struct {
		name        string
		call        func() error
		field, code string
		limit       int // 0: the fault names no number
	}{
		{"RegisterUser email", func() error {
			_, err := g.RegisterUser(w.ctx, huge+"@acme.ca", group.UserProfile{FirstName: "A", LastName: "B"})
			return err
		}, "email", "email.format", 0},
		{"RegisterUser name", func() error {
			_, err := g.RegisterUser(w.ctx, "a@acme.ca", group.UserProfile{FirstName: huge, LastName: "B"})
			return err
		}, "first_name", "too_long", 100},
		{"RegisterUser phone", func() error {
			_, err := g.RegisterUser(w.ctx, "a@acme.ca", group.UserProfile{FirstName: "A", LastName: "B", Phone: huge})
			return err
		}, "phone", "too_long", 30},
		{"UpdateUserProfile", func() error {
			_, err := g.UpdateUserProfile(w.ctx, w.jean.UserID, group.UserProfile{FirstName: "A", LastName: huge})
			return err
		}, "last_name", "too_long", 100},
		{"CreateCompany legal name", func() error {
			_, _, err := g.CreateCompany(w.ctx, w.moderator, withCompany(func(c *group.CompanyInput) { c.LegalName = huge }))
			return err
		}, "legal_name", "too_long", 200},
		{"RequestCompany NEQ", func() error {
			_, _, err := g.RequestCompany(w.ctx, w.jean.UserID, withCompany(func(c *group.CompanyInput) { c.NEQ = huge }))
			return err
		}, "neq", "neq.format", 0},
		{"UpdateCompany street", func() error {
			_, err := g.UpdateCompany(w.ctx, w.marie, withCompany(func(c *group.CompanyInput) { c.HeadOffice.Street = huge }))
			return err
		}, "head_office.street", "too_long", 200},
		{"UpdateCompany phone", func() error {
			_, err := g.UpdateCompany(w.ctx, w.marie, withCompany(func(c *group.CompanyInput) { c.Phone = huge }))
			return err
		}, "phone", "too_long", 30},
		{"UpdateProfile website", func() error {
			_, err := g.UpdateProfile(w.ctx, w.marie, withProfile(func(p *group.Profile) { p.Website = "https://acme.ca/" + huge }))
			return err
		}, "website", "too_long", 500},
		{"UpdateProfile description", func() error {
			_, err := g.UpdateProfile(w.ctx, w.marie, withProfile(func(p *group.Profile) { p.CompanyDescription.EN = huge }))
			return err
		}, "company_description.en", "too_long", 5000},
		{"UpdateProfile postal code", func() error {
			_, err := g.UpdateProfile(w.ctx, w.marie, withProfile(func(p *group.Profile) { p.Address.PostalCode = huge }))
			return err
		}, "address.postal_code", "postal_code.format", 0},
		{"CreateGroup", func() error { _, err := g.CreateGroup(w.ctx, w.moderator, uuid.New(), huge); return err }, "name", "too_long", 200},
		{"RequestGroup", func() error { _, err := g.RequestGroup(w.ctx, w.jean.UserID, uuid.New(), huge); return err }, "group_name", "too_long", 200},
		{"Invite roles", func() error { _, _, err := g.Invite(w.ctx, w.marie, "luc@acme-genie.ca", roles...); return err }, "roles", "too_many", 10},
		{"AddMember roles", func() error { _, err := g.AddMember(w.ctx, w.marie, uuid.New(), roles...); return err }, "roles", "too_many", 10},
		{"SetRoles", func() error { _, err := g.SetRoles(w.ctx, w.marie, w.jean.UserID, roles...); return err }, "roles", "too_many", 10},
		{"ApproveJoinRequest roles", func() error { _, err := g.ApproveJoinRequest(w.ctx, w.marie, uuid.New(), roles...); return err }, "roles", "too_many", 10},
		{"RefuseJoinRequest", func() error { _, err := g.RefuseJoinRequest(w.ctx, w.marie, uuid.New(), huge); return err }, "reason", "too_long", 500},
		{"RefuseGroupRequest", func() error { _, err := g.RefuseGroupRequest(w.ctx, w.moderator, uuid.New(), huge); return err }, "reason", "too_long", 500},
		{"RequestEmailChange", func() error { _, err := g.RequestEmailChange(w.ctx, w.jean.UserID, huge+"@acme.ca"); return err }, "email", "email.format", 0},
		{"Grant note", func() error {
			_, err := b.Grant(w.ctx, w.moderator, billing.GrantInput{GroupID: w.marie.GroupID, Product: billing.EngineerPosting, Quantity: 1, Note: huge})
			return err
		}, "note", "too_long", 500},
		{"GrantPurchase reference", func() error {
			_, err := b.GrantPurchase(w.ctx, w.sophie, billing.GrantInput{Product: billing.EngineerPosting, Quantity: 1, PurchaseRef: huge})
			return err
		}, "purchase_ref", "too_long", 100},
		{"Transfer note", func() error {
			_, err := b.Transfer(w.ctx, w.moderator, billing.TransferInput{From: w.marie.GroupID, To: uuid.New(), Product: billing.EngineerPosting, Quantity: 1, Note: huge})
			return err
		}, "note", "too_long", 500},
		{"Create places", func() error { _, _, err := o.Create(w.ctx, w.jean, bigContent); return err }, "workplace.places", "too_many", offer.MaxPlaces},
		{"Create interests", func() error { _, _, err := o.Create(w.ctx, w.jean, bigContent); return err }, "interests", "interests.too_many", offer.MaxInterests},
		{"Create domains", func() error { _, _, err := o.Create(w.ctx, w.jean, bigContent); return err }, "domains", "too_many", offer.MaxDomains},
		{"Create title", func() error {
			_, _, err := o.Create(w.ctx, w.jean, withContent(func(c *offer.Content) { c.Title.FR = huge }))
			return err
		}, "title.fr", "too_long", offer.MaxTitleLength},
		{"Edit places", func() error { _, _, err := o.Edit(w.ctx, w.jean, draft.ID, bigContent); return err }, "workplace.places", "too_many", offer.MaxPlaces},
		{"Edit description", func() error {
			_, _, err := o.Edit(w.ctx, w.jean, draft.ID, withContent(func(c *offer.Content) { c.Description.FR = strings.Repeat(huge, 1) }))
			return err
		}, "description.fr", "description.html_too_long", offer.MaxDescriptionHTMLBytes >> 10},
		{"Modify interests", func() error { _, _, err := o.Modify(w.ctx, w.jean, draft.ID, bigContent); return err }, "interests", "interests.too_many", offer.MaxInterests},
		{"Moderate places", func() error {
			_, err := o.Moderate(w.ctx, w.moderator, draft.ID, offer.Selections{Workplace: bigContent.Workplace, Interests: many, Domains: many}, "")
			return err
		}, "workplace.places", "too_many", offer.MaxPlaces},
		{"Moderate note", func() error { _, err := o.Moderate(w.ctx, w.moderator, draft.ID, offer.Selections{}, huge); return err }, "note", "too_long", 2000},
		{"Refuse note", func() error { _, err := o.Refuse(w.ctx, w.moderator, draft.ID, huge); return err }, "note", "too_long", 2000},
		{"Withdraw note", func() error { _, err := o.Withdraw(w.ctx, w.moderator, draft.ID, huge); return err }, "note", "too_long", 2000},
		{"Stats offers", func() error { _, err := o.Stats(w.ctx, w.sophie, month); return err }, "offer_ids", "too_many", offer.MaxStatsOffers},
		{"List statuses", func() error {
			_, err := o.List(w.ctx, w.jean, offer.Query{Statuses: make([]offer.Status, 100_000)}, page.Page{})
			return err
		}, "statuses", "too_many", offer.MaxQueryStatuses},
		{"Record hits", func() error {
			_, err := o.Record(w.ctx, make([]offer.Hit, 100_000)...)
			return err
		}, "hits", "too_many", offer.MaxHitsPerRecord},
		{"List title", func() error { _, err := o.List(w.ctx, w.jean, offer.Query{Title: huge}, page.Page{}); return err }, "title", "too_long", offer.MaxTitleLength},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ve *i18n.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Less(t, len(err.Error()), 2000, "the error never repeats the input")
			for _, f := range ve.Fields {
				if f.Field != tc.field || f.Code != tc.code {
					continue
				}
				if tc.limit > 0 {
					n := strconv.Itoa(tc.limit)
					assert.Equal(t, n, digitsOf(f.Message.FR), f.Message.FR)
					assert.Equal(t, n, digitsOf(f.Message.EN), f.Message.EN)
				}
				return
			}
			t.Fatalf("no %s:%s in %v", tc.field, tc.code, ve.Codes())
		})
	}
	got, err := o.Get(w.ctx, w.jean, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, draft.Content, got.Content, "nothing written")
}

// digitsOf keeps the digits of s: numbers are written the way of each
// language ("2 000", "2,000").
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
