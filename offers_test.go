package babillard_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/clocktest"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var montreal = func() *time.Location {
	loc, err := canada.LoadToronto()
	if err != nil {
		panic(err)
	}
	return loc
}()

// world is a board with one company whose group has a Principal (Marie), a
// Posting manager (Jean) and a Finance manager (Sophie).
type world struct {
	t         testing.TB
	ctx       context.Context
	board     *babillard.Board
	clock     *clocktest.Clock
	moderator group.Moderator
	marie     group.Actor
	jean      group.Actor
	sophie    group.Actor
}

func newWorld(t *testing.T, store babillard.Store) *world { return newWorldTB(t, store) }

func newWorldTB(t testing.TB, store babillard.Store) *world {
	t.Helper()
	// Monday June 1, 2026, 10:00 in Montreal.
	w := &world{t: t, ctx: context.Background(), clock: clocktest.New(time.Date(2026, 6, 1, 10, 0, 0, 0, montreal))}
	var err error
	w.board, err = babillard.New(store, &babillard.Options{Now: w.clock.Now})
	require.NoError(t, err)
	g := w.board.Groups
	admin, err := g.BootstrapStaff(w.ctx, uuid.New())
	require.NoError(t, err)
	w.moderator = group.Moderator{ID: admin.UserID}
	u, err := g.RegisterUser(w.ctx, "marie@acme-genie.ca", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	require.NoError(t, err)
	_, req, err := g.RequestCompany(w.ctx, u.ID, group.CompanyInput{LegalName: "Acme Génie-Conseil inc.", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"}})
	require.NoError(t, err)
	_, grp, err := g.ApproveGroupRequest(w.ctx, w.moderator, req.ID)
	require.NoError(t, err)
	w.marie = group.Actor{UserID: u.ID, GroupID: grp.ID}
	w.jean = w.member("jean@acme-genie.ca", group.PostingManager)
	w.sophie = w.member("sophie@acme-genie.ca", group.FinanceManager)
	_, err = g.UpdateProfile(w.ctx, w.marie, completeProfile())
	require.NoError(t, err)
	return w
}

func completeProfile() group.Profile {
	return group.Profile{Logo: "logos/acme.png", Name: "Acme Génie-Conseil", Website: "https://acme-genie.example",
		Description: i18n.Text{FR: "Génie civil et structures."}, Phone: "514-555-0100",
		Address:            group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
		CompanyDescription: i18n.Text{FR: "Depuis 1970."}}
}

func (w *world) member(email string, role group.Role) group.Actor {
	w.t.Helper()
	u, err := w.board.Groups.RegisterUser(w.ctx, email, group.UserProfile{FirstName: "M", LastName: "M"})
	require.NoError(w.t, err)
	_, err = w.board.Groups.AddMember(w.ctx, w.marie, u.ID, role)
	require.NoError(w.t, err)
	return group.Actor{UserID: u.ID, GroupID: w.marie.GroupID}
}

func (w *world) grant(p billing.Product, n int) {
	w.t.Helper()
	_, err := w.board.Billing.Grant(w.ctx, w.moderator, billing.GrantInput{GroupID: w.marie.GroupID, Product: p, Quantity: n})
	require.NoError(w.t, err)
}

// published grants a posting credit, then creates, submits and approves an
// offer with content c, and returns it online.
func (w *world) published(c offer.Content) offer.Offer {
	w.t.Helper()
	w.grant(billing.EngineerPosting, 1)
	o, _, err := w.board.Offers.Create(w.ctx, w.jean, c)
	require.NoError(w.t, err)
	_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(w.t, err)
	o, err = w.board.Offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(w.t, err)
	require.Equal(w.t, offer.Published, o.Status)
	return o
}

func (w *world) balance(p billing.Product) billing.Balance {
	w.t.Helper()
	b, err := w.board.Billing.Balance(w.ctx, w.marie, p)
	require.NoError(w.t, err)
	require.True(w.t, b.Balanced())
	return b
}

func (w *world) advance(d time.Duration) int {
	w.t.Helper()
	w.clock.Advance(d)
	n, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(w.t, err)
	again, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(w.t, err)
	require.Zero(w.t, again, "Advance is idempotent")
	return n
}

// topics returns the offer events appended so far, in order.
func (w *world) topics(id uuid.UUID) []string {
	w.t.Helper()
	evs, err := w.board.Store.ClaimEvents(w.ctx, "test-"+uuid.NewString(), 100000, time.Nanosecond, w.clock.Now().Add(24*365*time.Hour))
	require.NoError(w.t, err)
	var out []string
	for _, e := range evs {
		if e.Subject == id {
			out = append(out, e.Topic)
		}
	}
	return out
}

const jobDescription = `<h2>Raison d'être du poste</h2><p>Concevoir des ponts.</p>
<h2>Principales tâches et responsabilités</h2><ul><li>Calculs</li></ul>
<h2>Qualifications requises</h2><p>Membre de l'OIQ.</p>`

func jobContent() offer.Content {
	return offer.Content{
		Profile: offer.Engineer, Title: i18n.Text{FR: "Ingénieure civile – ponts", EN: "Civil engineer – bridges"},
		Description: i18n.Text{FR: jobDescription}, FunctionType: "design", EmploymentType: "permanent", PositionStatus: "full_time",
		Domains: []string{"civil", "structural"}, WorkArrangement: offer.Hybrid,
		ApplicationDeadline: canada.Date{Year: 2026, Month: 8, Day: 31},
		Workplace:           offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "06", City: "Montréal"}}},
		Apply:               offer.Apply{Email: "rh@acme-genie.ca"},
	}
}

func TestOfferLifeWithTheCreditBank(t *testing.T) {
	onEveryStore(t, testOfferLife)
}

func testOfferLife(t *testing.T, store babillard.Store) {
	w := newWorld(t, store)
	offers := w.board.Offers

	// A draft may be incomplete; submission lists every missing field.
	draft, _, err := offers.Create(w.ctx, w.jean, offer.Content{Title: i18n.Text{FR: "Ingénieur·e civil·e"}})
	require.NoError(t, err)
	_, err = offers.Submit(w.ctx, w.jean, draft.ID)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("domains", "required"))
	_, _, err = offers.Create(w.ctx, w.sophie, jobContent())
	assert.ErrorIs(t, err, group.ErrForbidden, "a Finance manager does not create offers")

	o, _, err := offers.Edit(w.ctx, w.jean, draft.ID, jobContent())
	require.NoError(t, err)

	// Without a credit nothing changes.
	_, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.ErrorIs(t, err, billing.ErrNoCredit)
	o, err = offers.Get(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Draft, o.Status)
	assert.False(t, o.CreditReserved)

	w.grant(billing.EngineerPosting, 1)
	_, err = offers.Submit(w.ctx, w.sophie, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	o, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.InValidation, o.Status)
	assert.True(t, o.CreditReserved)
	assert.Equal(t, time.Date(2026, 6, 3, 10, 0, 0, 0, montreal), o.ValidationDue.In(montreal), "due 2 business days later")
	assert.Equal(t, 1, w.balance(billing.EngineerPosting).Reserved)

	// The moderators' queue flags it once overdue.
	w.advance(49 * time.Hour)
	queue, err := offers.ValidationQueue(w.ctx, w.moderator, 0)
	require.NoError(t, err)
	require.Len(t, queue, 1)
	assert.True(t, queue[0].Overdue)

	// Cancelling in validation: Principal only; the credit stays with the
	// draft, and a second submission takes no second credit.
	_, err = offers.Cancel(w.ctx, w.jean, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	o, err = offers.Cancel(w.ctx, w.marie, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Draft, o.Status)
	assert.True(t, o.CreditReserved, "package associated")
	o, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, w.balance(billing.EngineerPosting).Reserved)

	// Refused with changes, revised, resubmitted.
	_, err = offers.Refuse(w.ctx, w.moderator, o.ID, " ")
	require.ErrorAs(t, err, &ve)
	o, err = offers.Refuse(w.ctx, w.moderator, o.ID, "Précisez les qualifications.")
	require.NoError(t, err)
	assert.Equal(t, offer.ToRevise, o.Status)
	c := jobContent()
	c.Salary = "95 000 $ à 110 000 $"
	o, _, err = offers.Edit(w.ctx, w.jean, o.ID, c)
	require.NoError(t, err)
	o, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.InValidation, o.Status)

	// Approved with "display immediately": published for 30 days, credit
	// consumed.
	o, err = offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Published, o.Status)
	assert.Equal(t, w.clock.Now().UTC(), o.PublishedAt)
	assert.Equal(t, o.PublishedAt.Add(30*24*time.Hour), o.ExpiresAt)
	assert.Equal(t, billing.Balance{GroupID: w.marie.GroupID, Product: billing.EngineerPosting, Granted: 1, Consumed: 1}, w.balance(billing.EngineerPosting))
	assert.True(t, offer.CanApply(o, w.clock.Now(), montreal))

	// Twenty days later: the 10-day warning.
	assert.Equal(t, 1, w.advance(20*24*time.Hour))
	o, _ = offers.Get(w.ctx, w.jean, o.ID)
	assert.True(t, o.WarnedExpiry)

	// An extension needs a credit; it adds 7 days.
	_, err = offers.Extend(w.ctx, w.jean, o.ID)
	require.ErrorIs(t, err, billing.ErrNoCredit)
	w.grant(billing.Extension, 1)
	expires := o.ExpiresAt
	o, err = offers.Extend(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, expires.Add(7*24*time.Hour), o.ExpiresAt)
	assert.Equal(t, 1, o.Extensions)

	// Featured with 5 days left: the shortfall tells the UI to propose an
	// extension.
	w.advance(12 * 24 * time.Hour)
	w.grant(billing.Featured, 1)
	o, shortfall, err := offers.Feature(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, o.ExpiresAt, o.FeaturedUntil)
	assert.Equal(t, 2*24*time.Hour, shortfall)
	_, _, err = offers.Feature(w.ctx, w.jean, o.ID)
	assert.ErrorIs(t, err, offer.ErrNotAllowed, "already featured")

	// Expiry, then archive.
	assert.Equal(t, 1, w.advance(5*24*time.Hour))
	o, _ = offers.Get(w.ctx, w.jean, o.ID)
	assert.Equal(t, offer.Expired, o.Status)
	assert.Equal(t, o.ExpiresAt, o.EndedAt)
	assert.False(t, offer.CanApply(o, w.clock.Now(), montreal))
	_, err = offers.Archive(w.ctx, w.sophie, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	o, err = offers.Archive(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Archived, o.Status)
	list, err := offers.List(w.ctx, w.sophie, offer.Query{})
	require.NoError(t, err)
	assert.Empty(t, list, `"All" hides archived offers`)
	list, err = offers.List(w.ctx, w.sophie, offer.Query{Statuses: []offer.Status{offer.Archived}, Title: "ingenieure PONTS"})
	require.NoError(t, err)
	assert.Len(t, list, 1)
	acts, err := offers.Actions(w.ctx, w.marie, o.ID)
	require.NoError(t, err)
	assert.Empty(t, acts, "an archived offer has no action")

	history, err := offers.History(w.ctx, w.sophie, o.ID)
	require.NoError(t, err)
	var steps []string
	for _, h := range history {
		steps = append(steps, fmt.Sprintf("%s:%s>%s", h.Action, h.From, h.To))
	}
	assert.Equal(t, []string{"create:>draft", "edit:draft>draft", "submit:draft>in_validation", "cancel:in_validation>draft",
		"submit:draft>in_validation", "refuse:in_validation>to_revise", "revise:to_revise>to_revise",
		"resubmit:to_revise>in_validation", "approve:in_validation>published", "extend:published>published",
		"feature:published>published", "expire:published>expired", "archive:expired>archived"}, steps)
	assert.Equal(t, "Précisez les qualifications.", history[5].Note)
	assert.Equal(t, w.moderator.ID, history[5].By)
	assert.Equal(t, offer.Clock, history[11].Role)

	assert.Equal(t, []string{offer.TopicSubmitted, offer.TopicCancelled, offer.TopicSubmitted, offer.TopicRefused,
		offer.TopicSubmitted, offer.TopicApproved, offer.TopicPublished, offer.TopicExpiring, offer.TopicExtended,
		// The extension pushed the end back by more than 10 days: the
		// warning comes again before the new end.
		offer.TopicExpiring, offer.TopicFeatured, offer.TopicFeaturedEnded, offer.TopicExpired, offer.TopicArchived}, w.topics(o.ID))
}

func TestScheduledOfferPublishesOnItsDate(t *testing.T) {
	onEveryStore(t, testScheduledOffer)
}

func testScheduledOffer(t *testing.T, store babillard.Store) {
	w := newWorld(t, store)
	offers := w.board.Offers
	w.grant(billing.EngineerPosting, 1)
	w.grant(billing.Featured, 1)
	c := jobContent()
	c.Featured = true
	// Submitted Monday June 1: June 3 is too soon, Thursday June 4 is the
	// third business day.
	c.DisplayDate = canada.Date{Year: 2026, Month: 6, Day: 3}
	o, _, err := offers.Create(w.ctx, w.jean, c)
	require.NoError(t, err)
	_, err = offers.Submit(w.ctx, w.jean, o.ID)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("display_date", "display_date.too_soon"))
	c.DisplayDate = canada.Date{Year: 2026, Month: 6, Day: 4}
	_, _, err = offers.Edit(w.ctx, w.jean, o.ID, c)
	require.NoError(t, err)
	o, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, w.balance(billing.Featured).Reserved, "the featured option chosen at creation is reserved too")

	o, err = offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Scheduled, o.Status)
	assert.Equal(t, 0, w.advance(time.Hour))
	// Midnight of June 4 in Montreal.
	w.clock.Set(time.Date(2026, 6, 4, 0, 0, 0, 0, montreal))
	n, err := offers.Advance(w.ctx, w.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	o, _ = offers.Get(w.ctx, w.jean, o.ID)
	assert.Equal(t, offer.Published, o.Status)
	assert.Equal(t, time.Date(2026, 6, 4, 0, 0, 0, 0, montreal).UTC(), o.PublishedAt)
	assert.Equal(t, o.PublishedAt.Add(7*24*time.Hour), o.FeaturedUntil, "featured from publication")
	assert.Equal(t, 1, w.balance(billing.Featured).Consumed)
}

func TestPublishedOfferModificationStaysOnlineUntilApproved(t *testing.T) {
	w := newWorld(t, memory.New())
	offers := w.board.Offers
	o := w.published(jobContent())

	c := jobContent()
	c.Title.FR = "Ingénieure civile principale – ponts"
	o, _, err := offers.Modify(w.ctx, w.jean, o.ID, c)
	require.NoError(t, err)
	assert.Equal(t, offer.Published, o.Status)
	assert.Equal(t, "Ingénieure civile – ponts", o.Content.Title.FR, "the live version stays online")
	_, _, err = offers.Modify(w.ctx, w.jean, o.ID, c)
	assert.ErrorIs(t, err, offer.ErrNotAllowed, "one revision at a time")
	o, err = offers.ApproveRevision(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ingénieure civile principale – ponts", o.Content.Title.FR)
	assert.Nil(t, o.Revision)

	// Only the board pushes the deadline back.
	_, err = offers.PushDeadline(w.ctx, w.moderator, o.ID, canada.Date{Year: 2026, Month: 8, Day: 1})
	require.ErrorAs(t, err, new(*i18n.ValidationError))
	o, err = offers.PushDeadline(w.ctx, w.moderator, o.ID, canada.Date{Year: 2026, Month: 9, Day: 30})
	require.NoError(t, err)
	assert.Equal(t, canada.Date{Year: 2026, Month: 9, Day: 30}, o.Deadline())

	// End, duplicate.
	_, err = offers.End(w.ctx, w.sophie, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	o, err = offers.End(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Expired, o.Status)
	dup, err := offers.Duplicate(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Draft, dup.Status)
	assert.False(t, dup.CreditReserved)
	assert.Equal(t, o.ID, dup.DuplicatedFrom)
	h, err := offers.History(w.ctx, w.jean, dup.ID)
	require.NoError(t, err)
	assert.Len(t, h, 1, "a duplicate starts a history of its own")
}

func TestDetachCreditOfANeverPublishedDraft(t *testing.T) {
	w := newWorld(t, memory.New())
	offers := w.board.Offers
	w.grant(billing.EngineerPosting, 1)
	o, _, err := offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	_, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	_, err = offers.Cancel(w.ctx, w.marie, o.ID)
	require.NoError(t, err)
	o, err = offers.DetachCredit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.False(t, o.CreditReserved)
	assert.Equal(t, 1, w.balance(billing.EngineerPosting).Available, "back in the bank")
	_, err = offers.DetachCredit(w.ctx, w.jean, o.ID)
	assert.ErrorIs(t, err, offer.ErrNotAllowed)
}

func TestOffersAreScopedToTheirGroup(t *testing.T) {
	w := newWorld(t, memory.New())
	other := newWorldOn(t, w)
	o, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	_, err = w.board.Offers.Get(w.ctx, other, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, _, err = w.board.Offers.Edit(w.ctx, other, o.ID, jobContent())
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = w.board.Offers.Get(w.ctx, group.Actor{UserID: other.UserID, GroupID: w.marie.GroupID}, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden, "claiming another group does not help")
	_, err = w.board.Offers.Approve(w.ctx, group.Moderator{}, o.ID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = w.board.Offers.Get(w.ctx, w.jean, uuid.New())
	assert.ErrorIs(t, err, storage.ErrNotFound)
}

// newWorldOn adds a second company with its Principal on w's board.
func newWorldOn(t *testing.T, w *world) group.Actor {
	g := w.board.Groups
	u, err := g.RegisterUser(w.ctx, "paul@beton.ca", group.UserProfile{FirstName: "Paul", LastName: "Roy"})
	require.NoError(t, err)
	_, req, err := g.RequestCompany(w.ctx, u.ID, group.CompanyInput{LegalName: "Béton inc.", Phone: "418-555-0100",
		HeadOffice: group.Address{Street: "1 rue A", City: "Québec", Province: "QC", PostalCode: "G1R 1A1"}})
	require.NoError(t, err)
	_, grp, err := g.ApproveGroupRequest(w.ctx, w.moderator, req.ID)
	require.NoError(t, err)
	return group.Actor{UserID: u.ID, GroupID: grp.ID}
}

// submitAgainstCredits has n goroutines submit one offer each against a
// bank of credits posting credits, and reports how many succeeded; every
// other submission must fail with billing.ErrNoCredit.
func submitAgainstCredits(t *testing.T, store babillard.Store, n, credits int) int {
	w := newWorld(t, store)
	w.grant(billing.EngineerPosting, credits)
	ids := make([]uuid.UUID, n)
	for i := range ids {
		o, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
		require.NoError(t, err)
		ids[i] = o.ID
	}
	var ok atomic.Int64
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			_, err := w.board.Offers.Submit(w.ctx, w.jean, id)
			switch {
			case err == nil:
				ok.Add(1)
			case !errors.Is(err, billing.ErrNoCredit):
				t.Errorf("submit: %v", err)
			}
		})
	}
	wg.Wait()
	b := w.balance(billing.EngineerPosting)
	assert.Equal(t, int(ok.Load()), b.Reserved)
	assert.Equal(t, credits-int(ok.Load()), b.Available)
	return int(ok.Load())
}

func TestFiftySubmissionsAgainstTenCredits(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		assert.Equal(t, 10, submitAgainstCredits(t, store, 50, 10))
	})
}

func TestPerformanceData(t *testing.T) {
	onEveryStore(t, testPerformanceData)
}

func testPerformanceData(t *testing.T, store babillard.Store) {
	w := newWorld(t, store)
	offers := w.board.Offers
	w.grant(billing.EngineerPosting, 1)
	o, _, err := offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	draftHits, err := offers.Record(w.ctx, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: w.clock.Now()})
	require.NoError(t, err)
	assert.Zero(t, draftHits, "only published offers are counted")
	_, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	_, err = offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)

	// Monday June 1 (day 1), Tuesday June 2 late evening in Montreal (still
	// June 2 there, June 3 in UTC), and Monday June 8 (next week).
	day1 := w.clock.Now()
	lateTuesday := time.Date(2026, 6, 2, 23, 30, 0, 0, montreal)
	nextWeek := time.Date(2026, 6, 8, 9, 0, 0, 0, montreal)
	var hits []offer.Hit
	for range 3 {
		hits = append(hits, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: day1})
	}
	hits = append(hits,
		offer.Hit{OfferID: o.ID, Metric: offer.ApplyClicks, At: day1},
		offer.Hit{OfferID: o.ID, Metric: offer.Views, At: lateTuesday},
		offer.Hit{OfferID: o.ID, Metric: offer.Shares, At: nextWeek})
	n, err := offers.Record(w.ctx, hits...)
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	_, err = offers.Record(w.ctx, offer.Hit{OfferID: o.ID, Metric: "like", At: day1})
	require.ErrorAs(t, err, new(*i18n.ValidationError))

	from, to := canada.Date{Year: 2026, Month: 6, Day: 1}, canada.Date{Year: 2026, Month: 6, Day: 30}
	rows, err := offers.Stats(w.ctx, w.sophie, offer.StatsQuery{From: from, To: to, Period: offer.ByDay})
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, offer.StatsRow{OfferID: o.ID, Title: o.Content.Title, Start: from, Views: 3, Clicks: 1}, rows[0])
	assert.Equal(t, canada.Date{Year: 2026, Month: 6, Day: 2}, rows[1].Start, "days are Montreal days")
	rows, err = offers.Stats(w.ctx, w.sophie, offer.StatsQuery{From: from, To: to, Period: offer.ByWeek})
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, int64(4), rows[0].Views)
	assert.Equal(t, canada.Date{Year: 2026, Month: 6, Day: 8}, rows[1].Start)
	rows, err = offers.Stats(w.ctx, w.sophie, offer.StatsQuery{OfferIDs: []uuid.UUID{o.ID}, From: from, To: to, Period: offer.Total})
	require.NoError(t, err)
	assert.Equal(t, []offer.StatsRow{{OfferID: o.ID, Title: o.Content.Title, Start: from, Views: 4, Clicks: 1, Shares: 1}}, rows)

	var csv strings.Builder
	require.NoError(t, offer.WriteStatsCSV(&csv, rows, i18n.French))
	assert.Equal(t, "offre,titre,début de la période,vues,clics sur Postuler,partages\n"+o.ID.String()+",Ingénieure civile – ponts,2026-06-01,4,1,1\n", csv.String())
	csv.Reset()
	require.NoError(t, offer.WriteStatsCSV(&csv, rows, i18n.English))
	assert.Equal(t, "offer,title,period start,views,apply clicks,shares\n"+o.ID.String()+",Civil engineer – bridges,2026-06-01,4,1,1\n", csv.String())

	// Another group cannot read them; an archived offer has none.
	other := newWorldOn(t, w)
	_, err = offers.Stats(w.ctx, other, offer.StatsQuery{OfferIDs: []uuid.UUID{o.ID}, From: from, To: to, Period: offer.Total})
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = offers.End(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	_, err = offers.Archive(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	rows, err = offers.Stats(w.ctx, w.sophie, offer.StatsQuery{From: from, To: to, Period: offer.Total})
	require.NoError(t, err)
	assert.Empty(t, rows)
	_, err = offers.Stats(w.ctx, w.sophie, offer.StatsQuery{OfferIDs: []uuid.UUID{o.ID}, From: from, To: to, Period: offer.Total})
	assert.ErrorIs(t, err, group.ErrForbidden)
}

func TestSubmissionAndPreviewNeedACompleteGroupProfile(t *testing.T) {
	w := newWorld(t, memory.New())
	offers := w.board.Offers
	w.grant(billing.EngineerPosting, 1)
	o, _, err := offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	p, err := offers.Preview(w.ctx, w.sophie, o.ID)
	require.NoError(t, err)
	assert.Equal(t, "logos/acme.png", p.Company.Logo)
	assert.Equal(t, "Montréal, Montréal, QC", p.MapAddress)

	incomplete := completeProfile()
	incomplete.Logo = ""
	_, err = w.board.Groups.UpdateProfile(w.ctx, w.marie, incomplete)
	require.NoError(t, err)
	_, err = offers.Preview(w.ctx, w.jean, o.ID)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"profile.logo:required"}, ve.Codes())
	_, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"profile.logo:required"}, ve.Codes())
	assert.Equal(t, 1, w.balance(billing.EngineerPosting).Available, "nothing reserved")
}

// Validation is due 2 business days after submission, Quebec holidays
// excluded, at the same wall-clock time in Montreal across daylight-saving
// changes.
func TestValidationDueAcrossHolidaysAndDST(t *testing.T) {
	for _, tc := range []struct{ submitted, due time.Time }{
		// Thursday December 24: Christmas (Friday) is closed, so Monday 28
		// and Tuesday 29 are the two business days.
		{time.Date(2026, 12, 24, 11, 0, 0, 0, montreal), time.Date(2026, 12, 29, 11, 0, 0, 0, montreal)},
		// Wednesday before New Year: Thursday 31 counts, Friday Jan 1 does not.
		{time.Date(2026, 12, 30, 9, 30, 0, 0, montreal), time.Date(2027, 1, 4, 9, 30, 0, 0, montreal)},
		// Thursday before Easter 2026: Good Friday and Easter Monday closed.
		{time.Date(2026, 4, 2, 16, 0, 0, 0, montreal), time.Date(2026, 4, 8, 16, 0, 0, 0, montreal)},
		// Tuesday June 23: June 24 closed.
		{time.Date(2026, 6, 23, 10, 0, 0, 0, montreal), time.Date(2026, 6, 26, 10, 0, 0, 0, montreal)},
		// Tuesday June 30: July 1 closed.
		{time.Date(2026, 6, 30, 10, 0, 0, 0, montreal), time.Date(2026, 7, 3, 10, 0, 0, 0, montreal)},
		// Friday before Labour Day.
		{time.Date(2026, 9, 4, 14, 0, 0, 0, montreal), time.Date(2026, 9, 9, 14, 0, 0, 0, montreal)},
		// Friday before Thanksgiving.
		{time.Date(2026, 10, 9, 14, 0, 0, 0, montreal), time.Date(2026, 10, 14, 14, 0, 0, 0, montreal)},
		// Friday March 6, 2026, 15:00 EST: clocks spring forward on the 8th;
		// due Tuesday 15:00 EDT.
		{time.Date(2026, 3, 6, 15, 0, 0, 0, montreal), time.Date(2026, 3, 10, 15, 0, 0, 0, montreal)},
		// Friday October 30, 2026, 15:00 EDT: clocks fall back on November 1.
		{time.Date(2026, 10, 30, 15, 0, 0, 0, montreal), time.Date(2026, 11, 3, 15, 0, 0, 0, montreal)},
	} {
		w := newWorld(t, memory.New())
		w.grant(billing.EngineerPosting, 1)
		w.clock.Set(tc.submitted)
		c := jobContent()
		c.ApplicationDeadline = canada.Date{Year: 2027, Month: 3, Day: 31}
		o, _, err := w.board.Offers.Create(w.ctx, w.jean, c)
		require.NoError(t, err)
		o, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
		require.NoError(t, err)
		assert.Equal(t, tc.due.UTC(), o.ValidationDue, "submitted %s", tc.submitted)
	}
}
