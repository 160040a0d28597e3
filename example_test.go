package babillard_test

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// The life of an offer on the in-memory store: a company and its group, the
// group's public profile (Submit checks it), a posting credit, then Create →
// Submit → Approve, and the host's clock (Advance) ending the publication 30
// days later (docs/RULES.md M-3, M-5, T-2, T-5, T-7).
func Example_offerLife() {
	ctx := context.Background()
	toronto, _ := time.LoadLocation("America/Toronto")
	// Monday 1 June 2026, 10:00 in Toronto.
	now := time.Date(2026, time.June, 1, 10, 0, 0, 0, toronto)
	board, err := babillard.New(memory.New(), &babillard.Options{Now: func() time.Time { return now }})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The host bootstraps the board's first administrator once; staff are
	// then looked up on the roster at every call.
	admin, err := board.Groups.BootstrapStaff(context.Background(), uuid.New())
	if err != nil {
		fmt.Println(err)
		return
	}
	moderator := group.Moderator{ID: admin.UserID}
	fail := func(step string, err error) bool {
		if err != nil {
			fmt.Println(step+":", err)
		}
		return err != nil
	}

	// Marie registers, asks for her company, and the board approves: she is
	// the Principal of its first group.
	marie, err := board.Groups.RegisterUser(ctx, "marie@acme-genie.ca", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	if fail("register", err) {
		return
	}
	head := group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"}
	_, request, err := board.Groups.RequestCompany(ctx, marie.ID, group.CompanyInput{LegalName: "Acme Génie inc.", Phone: "514-555-0100", HeadOffice: head})
	if fail("request company", err) {
		return
	}
	_, grp, err := board.Groups.ApproveGroupRequest(ctx, moderator, request.ID)
	if fail("approve company", err) {
		return
	}
	principal := group.Actor{UserID: marie.ID, GroupID: grp.ID}

	// The public profile shown on every offer, then one posting credit.
	_, err = board.Groups.UpdateProfile(ctx, principal, group.Profile{
		Logo: "logos/acme.png", Name: "Acme Génie", Website: "https://acme-genie.ca", Address: head, Phone: "514-555-0100",
		Description:        i18n.Text{FR: "Firme de génie-conseil."},
		CompanyDescription: i18n.Text{FR: "Au service du Québec depuis 1980."},
	})
	if fail("profile", err) {
		return
	}
	_, err = board.Billing.Grant(ctx, moderator, billing.GrantInput{GroupID: grp.ID, Product: billing.EngineerPosting, Quantity: 1})
	if fail("grant", err) {
		return
	}

	o, _, err := board.Offers.Create(ctx, principal, offer.Content{
		Profile: offer.Engineer, Title: i18n.Text{FR: "Ingénieur·e en structures"},
		Description: i18n.Text{FR: `<h2>Raison d'être du poste</h2><p>Concevoir des ponts.</p>
<h2>Principales tâches et responsabilités</h2><p>Calculs, plans et devis.</p>
<h2>Qualifications requises</h2><p>Membre de l'Ordre.</p>`},
		FunctionType: "design", EmploymentType: "permanent", PositionStatus: "full_time",
		Domains: []string{"structural"}, WorkArrangement: offer.Hybrid,
		ApplicationDeadline: canada.Date{Year: 2026, Month: time.June, Day: 30},
		Workplace:           offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "06", City: "Montréal"}}},
		Apply:               offer.Apply{URL: "https://acme-genie.ca/carrieres"},
	})
	if fail("create", err) {
		return
	}
	fmt.Println("created:", o.Status)

	o, err = board.Offers.Submit(ctx, principal, o.ID)
	if fail("submit", err) {
		return
	}
	fmt.Println("submitted:", o.Status, "- validation due", o.ValidationDue.In(toronto).Format("Mon 2006-01-02 15:04"))

	o, err = board.Offers.Approve(ctx, moderator, o.ID)
	if fail("approve", err) {
		return
	}
	fmt.Println("approved:", o.Status, "- online until", o.ExpiresAt.In(toronto).Format("Mon 2006-01-02 15:04"))

	now = o.ExpiresAt
	n, err := board.Offers.Advance(ctx, now)
	if fail("advance", err) {
		return
	}
	o, err = board.Offers.Get(ctx, principal, o.ID)
	if fail("get", err) {
		return
	}
	fmt.Println("advanced:", n, "offer moved;", o.Status)
	// Output:
	// created: draft
	// submitted: in_validation - validation due Wed 2026-06-03 10:00
	// approved: published - online until Wed 2026-07-01 10:00
	// advanced: 1 offer moved; expired
}
