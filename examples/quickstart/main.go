// Command quickstart runs a job board in memory and prints a walk-through:
// a company requested and approved, a group's public profile, a join
// request, roles and the permission matrix, an invitation sent twice and
// accepted; then credits granted and the whole life of a job offer on a
// moving clock (draft, submission, refusal, revision, approval with a
// display date, publication, the 10-day warning, an extension, expiry,
// archive, its history), and the events waiting in the outbox.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // programs embed the zone data; the library only loads it

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// clock is a settable clock: the board reads the time only from it.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	montreal, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return err
	}
	clk := &clock{now: time.Date(2026, time.November, 23, 9, 0, 0, 0, montreal)}
	board, err := babillard.New(memory.New(), &babillard.Options{Now: clk.Now})
	if err != nil {
		return err
	}
	groups := board.Groups

	step("0. The host sets up the board's staff: a first admin, who adds a moderator and a finance officer")
	admin, err := groups.BootstrapStaff(ctx, uuid.New()) // once, when the board is installed
	if err != nil {
		return err
	}
	_, err = groups.BootstrapStaff(ctx, uuid.New())
	explain("   a second bootstrap", err)
	boardAdmin := group.Moderator{ID: admin.UserID}
	mod, err := groups.AddStaff(ctx, boardAdmin, uuid.New(), group.StaffModerator)
	if err != nil {
		return err
	}
	fin, err := groups.AddStaff(ctx, boardAdmin, uuid.New(), group.StaffFinance)
	if err != nil {
		return err
	}
	moderator, finance := group.Moderator{ID: mod.UserID}, group.Moderator{ID: fin.UserID}
	_, err = board.Billing.Grant(ctx, moderator, billing.GrantInput{GroupID: uuid.New(), Product: billing.Featured, Quantity: 1})
	explain("   the moderator tries to grant credits", err)
	_, _, err = groups.CreateCompany(ctx, group.Moderator{ID: uuid.New()}, group.CompanyInput{})
	explain("   an ID that is not on the roster", err)

	step("1. Marie signs up with her professional e-mail")
	_, err = groups.RegisterUser(ctx, "marie.tremblay@gmail.com", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	explain("   a free webmail address is refused", err)
	marie, err := groups.RegisterUser(ctx, "Marie.Tremblay@genie-laurentides.example", group.UserProfile{
		FirstName: "Marie", LastName: "Tremblay", Function: "Directrice RH", Phone: "819 555-0142", Extension: "12"})
	if err != nil {
		return err
	}
	say("   account %s (login %s)", short(marie.ID), marie.Email)

	step("2. She looks for her company, does not find it, and asks the board to create it")
	found, err := groups.SearchCompanies(ctx, "laurentides", page.Page{})
	if err != nil {
		return err
	}
	say("   search \"laurentides\": %d result(s)", len(found.Items))
	input := group.CompanyInput{
		LegalName: "Génie-Conseil Laurentides inc.", NEQ: "1143920115", BusinessNumber: "123456782 RT0001",
		Phone:      "819-555-0100",
		HeadOffice: group.Address{Street: "250, rue de Saint-Jovite", City: "Mont-Tremblant", Province: "Québec", PostalCode: "j8e1x1"},
	}
	_, _, err = groups.RequestCompany(ctx, marie.ID, group.CompanyInput{LegalName: "Génie-Conseil Laurentides inc.", NEQ: "12", HeadOffice: group.Address{PostalCode: "K1A 0B1", Province: "QC"}})
	explain("   an incomplete request lists every faulty field", err)
	company, request, err := groups.RequestCompany(ctx, marie.ID, input)
	if err != nil {
		return err
	}
	say("   company %q is %s (postal code normalised to %s); request %s is %s",
		company.LegalName, company.Status, company.HeadOffice.PostalCode, short(request.ID), request.Status)

	step("3. A moderator approves: the company is active, Marie is Principal of \"Groupe 001\"")
	clk.Advance(3 * time.Hour)
	request, grp, err := groups.ApproveGroupRequest(ctx, moderator, request.ID)
	if err != nil {
		return err
	}
	marieActs := group.Actor{UserID: marie.ID, GroupID: grp.ID}
	say("   request %s at %s; group %q", request.Status, request.DecidedAt.In(montreal).Format("2006-01-02 15:04"), grp.Name)
	found, _ = groups.SearchCompanies(ctx, "genie-conseil TREMBLANT", page.Page{})
	say("   search \"genie-conseil TREMBLANT\" (no accents, any case) now finds %d company", len(found.Items))
	found, _ = groups.SearchCompanies(ctx, "123 456 782", page.Page{})
	say("   search by business number \"123 456 782\" finds %d company", len(found.Items))

	step("4. Before the first offer, the group's public profile must be complete")
	explain("   ready to post?", groups.CheckReadyToPost(ctx, grp.ID))
	_, err = groups.UpdateProfile(ctx, marieActs, group.Profile{
		Logo: "logos/gcl.png", Name: "Génie-Conseil Laurentides", Website: "https://genie-laurentides.example",
		Description:        i18n.Text{FR: "Firme de génie civil et municipal.", EN: "Civil and municipal engineering firm."},
		Address:            input.HeadOffice,
		Phone:              "819-555-0100",
		CompanyDescription: i18n.Text{FR: "Au service des Laurentides depuis 1978."},
	})
	if err != nil {
		return err
	}
	say("   ready to post? %v", errOrYes(groups.CheckReadyToPost(ctx, grp.ID)))

	step("5. Jean finds the company by its NEQ and asks to join the group")
	jean, err := groups.RegisterUser(ctx, "jean.roy@genie-laurentides.example", group.UserProfile{FirstName: "Jean", LastName: "Roy", Function: "Ingénieur"})
	if err != nil {
		return err
	}
	found, _ = groups.SearchCompanies(ctx, "1143920115", page.Page{})
	joinReq, err := groups.RequestToJoin(ctx, jean.ID, grp.ID)
	if err != nil {
		return err
	}
	pending, _ := groups.PendingJoinRequests(ctx, marieActs, page.Page{})
	say("   found %q; Marie sees %d pending request(s)", found.Items[0].LegalName, len(pending.Items))
	joinReq, err = groups.ApproveJoinRequest(ctx, marieActs, joinReq.ID, group.PostingManager)
	if err != nil {
		return err
	}
	jeanActs := group.Actor{UserID: jean.ID, GroupID: grp.ID}
	say("   Marie approves: Jean is Posting manager (request %s)", joinReq.Status)

	step("6. What may each one do? One table answers (docs/RULES.md G-8)")
	for _, p := range []group.Permission{group.PublishOffers, group.BuyProducts, group.ManageMembers} {
		say("   %-16s Marie: %-5v Jean: %v", p, groups.Authorize(ctx, marieActs, p) == nil, groups.Authorize(ctx, jeanActs, p) == nil)
	}
	_, err = groups.SetRoles(ctx, jeanActs, jean.ID, group.Principal)
	explain("   Jean tries to make himself Principal", err)

	step("7. Jean invites Sophie; he can only give roles he holds")
	_, _, err = groups.Invite(ctx, jeanActs, "sophie.gagnon@genie-laurentides.example", group.FinanceManager)
	explain("   as Finance manager", err)
	inv, firstToken, err := groups.Invite(ctx, marieActs, "sophie.gagnon@genie-laurentides.example", group.FinanceManager)
	if err != nil {
		return err
	}
	say("   Marie invites her as Finance manager; the link expires %s", inv.ExpiresAt.In(montreal).Format("2006-01-02"))
	clk.Advance(24 * time.Hour)
	inv, token, err := groups.ResendInvitation(ctx, marieActs, inv.ID)
	if err != nil {
		return err
	}
	say("   sent again a day later (sent %d times): a new link, the old one is void", inv.SentCount)
	sophie, err := groups.RegisterUser(ctx, "sophie.gagnon@genie-laurentides.example", group.UserProfile{FirstName: "Sophie", LastName: "Gagnon"})
	if err != nil {
		return err
	}
	_, err = groups.AcceptInvitation(ctx, sophie.ID, firstToken)
	explain("   the first link", err)
	m, err := groups.AcceptInvitation(ctx, sophie.ID, token)
	if err != nil {
		return err
	}
	say("   the new link: Sophie joins with roles %v", m.Roles)

	step("8. The group always keeps a Principal")
	_, err = groups.RemoveMember(ctx, marieActs, marie.ID)
	explain("   Marie tries to leave", err)
	if _, err = groups.SetRoles(ctx, marieActs, jean.ID, group.Principal, group.PostingManager); err != nil {
		return err
	}
	if _, err = groups.RemoveMember(ctx, marieActs, marie.ID); err != nil {
		return err
	}
	for m, err := range page.All(ctx, func(p page.Page) (page.Result[group.Membership], error) { return groups.Members(ctx, jeanActs, p) }) {
		if err != nil {
			return err
		}
		u, _ := groups.User(ctx, m.UserID)
		say("   %-7s active: %-5v roles: %v", u.FirstName, m.Active, m.Roles)
	}

	step("9. The board grants the group 5 Engineer postings and an extension")
	for _, g := range []billing.GrantInput{
		{GroupID: grp.ID, Product: billing.EngineerPosting, Quantity: 5, Note: "Forfait 5 offres"},
		{GroupID: grp.ID, Product: billing.Extension, Quantity: 1},
	} {
		if _, err := board.Billing.Grant(ctx, finance, g); err != nil {
			return err
		}
	}
	sayBalance(ctx, board, jeanActs, billing.EngineerPosting)

	step("10. Jean drafts an offer; a draft may be incomplete, a submission may not")
	offers := board.Offers
	draft, _, err := offers.Create(ctx, jeanActs, offer.Content{Title: i18n.Text{FR: "Ingénieur·e en structures"}})
	if err != nil {
		return err
	}
	_, err = offers.Submit(ctx, jeanActs, draft.ID)
	explain("   submitting the bare draft", err)
	content := offer.Content{
		Profile: offer.Engineer, Title: i18n.Text{FR: "Ingénieur·e en structures – Mont-Tremblant", EN: "Structural engineer"},
		Description: i18n.Text{FR: `<h2>Raison d'être du poste</h2><p>Concevoir les structures de nos projets municipaux.</p>
<h2>Principales tâches et responsabilités</h2><ul><li>Calculs et plans</li><li>Surveillance de chantier</li></ul>
<h2>Qualifications requises</h2><p>Membre de l'OIQ. Écrivez à <a href="mailto:rh@genie-laurentides.example">rh@genie-laurentides.example</a>.</p>
<script>alert("!")</script>`},
		FunctionType: "design", EmploymentType: "permanent", PositionStatus: "full_time",
		Domains: []string{"structural", "municipal"}, WorkArrangement: offer.Hybrid,
		ApplicationDeadline: canada.Date{Year: 2027, Month: time.January, Day: 29},
		Workplace:           offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "15", City: "Mont-Tremblant"}}},
		Apply:               offer.Apply{URL: "https://genie-laurentides.example/carrieres/structures"},
		// Submitted on Tuesday November 24: the earliest display date is
		// 3 business days later, Friday November 27.
		DisplayDate: canada.Date{Year: 2026, Month: time.November, Day: 27},
	}
	o, report, err := offers.Edit(ctx, jeanActs, draft.ID, content)
	if err != nil {
		return err
	}
	for _, r := range report.FR.Removed {
		say("   removed from the description: %s", r.Message().EN)
	}

	step("11. Submission reserves a credit; the board refuses it with changes, Jean revises and resubmits")
	o, err = offers.Submit(ctx, jeanActs, o.ID)
	if err != nil {
		return err
	}
	say("   %s, validation due %s", status(o), o.ValidationDue.In(montreal).Format("Mon 2006-01-02 15:04"))
	sayBalance(ctx, board, jeanActs, billing.EngineerPosting)
	clk.Advance(5 * time.Hour)
	if o, err = offers.Refuse(ctx, moderator, o.ID, "Précisez le salaire offert."); err != nil {
		return err
	}
	say("   %s", status(o))
	content.Salary = "85 000 $ à 100 000 $"
	if o, _, err = offers.Edit(ctx, jeanActs, o.ID, content); err != nil {
		return err
	}
	if o, err = offers.Submit(ctx, jeanActs, o.ID); err != nil {
		return err
	}
	say("   %s", status(o))

	step("12. Approved with a display date: scheduled, then published by the clock")
	clk.Advance(20 * time.Hour)
	if o, err = offers.Approve(ctx, moderator, o.ID); err != nil {
		return err
	}
	say("   %s until %s", status(o), o.PublishAt.In(montreal).Format("2006-01-02 15:04"))
	sayBalance(ctx, board, jeanActs, billing.EngineerPosting)
	if err := advanceTo(ctx, board, clk, time.Date(2026, time.November, 27, 0, 0, 0, 0, montreal)); err != nil {
		return err
	}
	o, _ = offers.Get(ctx, jeanActs, o.ID)
	say("   %s on %s, online until %s (its last day; it ends at %s)", status(o), o.PublishedAt.In(montreal).Format("2006-01-02"),
		o.LastDayOnline(montreal), o.ExpiresAt.In(montreal).Format("2006-01-02 15:04"))
	_, _ = offers.Record(ctx, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: clk.Now()},
		offer.Hit{OfferID: o.ID, Metric: offer.Views, At: clk.Now()}, offer.Hit{OfferID: o.ID, Metric: offer.ApplyClicks, At: clk.Now()})

	step("13. Twenty days later the 10-day warning goes out; Jean adds an extension")
	if err := advanceTo(ctx, board, clk, clk.Now().Add(20*24*time.Hour)); err != nil {
		return err
	}
	// The key makes the call safe to retry: a second call with the same
	// key (after a timeout, say) spends no second credit.
	extension := uuid.New()
	if o, err = offers.Extend(ctx, jeanActs, o.ID, extension); err != nil {
		return err
	}
	say("   now online until %s (%d extension)", o.LastDayOnline(montreal), o.Extensions)

	step("14. The publication ends, Jean archives the offer")
	if err := advanceTo(ctx, board, clk, o.ExpiresAt); err != nil {
		return err
	}
	o, _ = offers.Get(ctx, jeanActs, o.ID)
	say("   %s", status(o))
	if o, err = offers.Archive(ctx, jeanActs, o.ID); err != nil {
		return err
	}
	say("   %s; actions left: %v", status(o), must(offers.Actions(ctx, jeanActs, o.ID)))

	step("15. The offer's history")
	for h, err := range page.All(ctx, func(p page.Page) (page.Result[offer.HistoryEntry], error) {
		return offers.History(ctx, jeanActs, o.ID, p)
	}) {
		if err != nil {
			return err
		}
		who := "clock"
		if h.Role == offer.Board {
			who = "board"
		} else if u, err := groups.User(ctx, h.By); err == nil {
			who = u.FirstName
		}
		line := fmt.Sprintf("   %s  %-9s %-10s %s → %s", h.At.In(montreal).Format("2006-01-02 15:04"), who, h.Action, h.From, h.To)
		if h.Note != "" {
			line += "  « " + h.Note + " »"
		}
		say("%s", line)
	}

	step("16. The outbox holds what the mailer must send, in order")
	events, err := board.Store.ClaimEvents(ctx, "mailer", 1000, time.Minute, clk.Now())
	if err != nil {
		return err
	}
	ids := make([]uuid.UUID, len(events))
	counts := map[string]int{}
	var order []string
	for i, e := range events {
		ids[i] = e.ID
		if counts[e.Topic] == 0 {
			order = append(order, e.Topic)
		}
		counts[e.Topic]++
	}
	for _, topic := range order {
		say("   %-34s x%d", topic, counts[topic])
	}
	return board.Store.AckEvents(ctx, "mailer", ids...)
}

// advanceTo moves the clock to t, running the board's time-driven work
// (board.Tick: offers, then expiring credits) every hour, as a host's
// ticker would.
func advanceTo(ctx context.Context, board *babillard.Board, clk *clock, t time.Time) error {
	for clk.Now().Before(t) {
		clk.Advance(min(time.Hour, t.Sub(clk.Now())))
		if _, err := board.Tick(ctx, clk.Now()); err != nil {
			return err
		}
	}
	return nil
}

func status(o offer.Offer) string {
	fr, en := o.Status.Name()
	return fmt.Sprintf("%q is %s (%s)", o.Content.Title.FR, en, fr)
}

func sayBalance(ctx context.Context, board *babillard.Board, a group.Actor, p billing.Product) {
	b, err := board.Billing.Balance(ctx, a, p)
	if err != nil {
		say("   balance: %v", err)
		return
	}
	_, en := p.Name()
	say("   %s: %d available, %d reserved, %d consumed", en, b.Available, b.Reserved, b.Consumed)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func step(title string) { fmt.Println("\n" + title) }

func say(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// explain prints an error as a user would see it: each faulty field with its
// stable code and its French and English messages.
func explain(what string, err error) {
	if err == nil {
		say("%s: ok", what)
		return
	}
	var ve *i18n.ValidationError
	var e *i18n.Error
	switch {
	case errors.As(err, &ve):
		say("%s: refused", what)
		for _, f := range ve.Fields {
			say("     - %s [%s]\n       fr: %s\n       en: %s", f.Field, f.Code, f.Message.FR, f.Message.EN)
		}
	case errors.As(err, &e):
		say("%s: refused [%s]\n       fr: %s\n       en: %s", what, e.Code, e.Message.FR, e.Message.EN)
	default:
		say("%s: %v", what, err)
	}
}

func errOrYes(err error) string {
	if err == nil {
		return "yes"
	}
	return strings.TrimPrefix(err.Error(), "invalid input: ")
}

func short(id uuid.UUID) string { return id.String()[:8] }
