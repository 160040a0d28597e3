package babillardtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// Start is when a ready board's clock starts unless StartAt says
// otherwise: Monday 1 June 2026, 10:00 in Montréal (America/Toronto), a
// business day far from any daylight-saving change.
var Start = time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)

// DefaultCredits are the credits NewBoard grants the ready group unless
// WithCredits says otherwise.
func DefaultCredits() map[billing.Product]int {
	return map[billing.Product]int{
		billing.EngineerPosting: 10,
		billing.CPIPosting:      10,
		billing.Featured:        5,
		billing.Extension:       5,
	}
}

// Ready is a board ready for a test: a moderator, one company whose group
// has a Principal, a Posting manager and a Finance manager, a complete
// public profile (offers may be submitted) and credits in its bank, all on
// a clock of its own.
type Ready struct {
	// Board is the board under test, over the store given to NewBoard.
	*babillard.Board
	// Clock is the board's clock: set or advance it to move time.
	Clock *Clock
	// Moderator is the board's first staff member: bootstrapped as the
	// board's administrator, it holds every staff power (moderation,
	// group requests, credits, the roster).
	Moderator group.Moderator
	// Company is the ready company, active.
	Company group.Company
	// Group is the company's group, its profile complete.
	Group group.Group
	// Principal, PostingManager and FinanceManager are the group's
	// members, one per role.
	Principal, PostingManager, FinanceManager group.Actor

	tb      testing.TB
	members int
}

// BoardOption changes what NewBoard builds.
type BoardOption func(*boardConfig)

type boardConfig struct {
	start   time.Time
	opts    babillard.Options
	credits map[billing.Product]int
}

// StartAt sets the clock's first time (Start by default).
func StartAt(t time.Time) BoardOption { return func(c *boardConfig) { c.start = t } }

// WithOptions builds the board with o; its Now is replaced by the ready
// board's clock.
func WithOptions(o babillard.Options) BoardOption { return func(c *boardConfig) { c.opts = o } }

// WithCredits grants these credits to the ready group instead of
// DefaultCredits (none when credits is empty).
func WithCredits(credits map[billing.Product]int) BoardOption {
	return func(c *boardConfig) { c.credits = credits }
}

// NewBoard builds a ready board over store (an empty store: memory.New(),
// or Postgres(tb)). The company is requested by its future Principal and
// approved by the moderator; the Principal adds the two other members and
// completes the group's profile; the moderator grants the credits. It
// fails the test if any step fails.
func NewBoard(tb testing.TB, store babillard.Store, options ...BoardOption) *Ready {
	tb.Helper()
	cfg := boardConfig{start: Start, credits: DefaultCredits()}
	for _, o := range options {
		o(&cfg)
	}
	b := &Ready{Clock: NewClock(cfg.start), tb: tb}
	cfg.opts.Now = b.Clock.Now
	board, err := babillard.New(store, &cfg.opts)
	b.must(err, "babillard.New")
	b.Board = board
	admin, err := board.Groups.BootstrapStaff(context.Background(), uuid.New())
	b.must(err, "BootstrapStaff")
	b.Moderator = group.Moderator{ID: admin.UserID}

	ctx := context.Background()
	principal, err := b.Groups.RegisterUser(ctx, "principal@acme-genie.example", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	b.must(err, "RegisterUser")
	company, req, err := b.Groups.RequestCompany(ctx, principal.ID, ValidCompany())
	b.must(err, "RequestCompany")
	_, g, err := b.Groups.ApproveGroupRequest(ctx, b.Moderator, req.ID)
	b.must(err, "ApproveGroupRequest")
	b.Principal = group.Actor{UserID: principal.ID, GroupID: g.ID}
	b.PostingManager = b.Member(group.PostingManager)
	b.FinanceManager = b.Member(group.FinanceManager)
	b.Group, err = b.Groups.UpdateProfile(ctx, b.Principal, CompleteProfile())
	b.must(err, "UpdateProfile")
	b.Company, err = b.Groups.Company(ctx, company.ID)
	b.must(err, "Company")
	for _, p := range []billing.Product{billing.EngineerPosting, billing.CPIPosting, billing.Featured, billing.Extension} {
		if n := cfg.credits[p]; n > 0 {
			b.Grant(p, n)
		}
	}
	return b
}

// NewModerator puts a new user on the board's staff roster with the
// moderator role (offers, group requests, companies) and returns it; tests
// call it for a second moderator, or one without the administrator's other
// powers.
func (b *Ready) NewModerator() group.Moderator {
	return b.NewStaff(group.StaffModerator)
}

// NewStaff puts a new user on the board's staff roster with roles, added
// by the administrator (Moderator), and returns it.
func (b *Ready) NewStaff(roles ...group.StaffRole) group.Moderator {
	b.tb.Helper()
	st, err := b.Groups.AddStaff(context.Background(), b.Moderator, uuid.New(), roles...)
	b.must(err, "AddStaff")
	return group.Moderator{ID: st.UserID}
}

// Member registers a new user (member-N@acme-genie.example) and makes them
// a member of the ready group with roles, added by the Principal.
func (b *Ready) Member(roles ...group.Role) group.Actor {
	b.tb.Helper()
	b.members++
	ctx := context.Background()
	u, err := b.Groups.RegisterUser(ctx, fmt.Sprintf("member-%d@acme-genie.example", b.members),
		group.UserProfile{FirstName: "Membre", LastName: fmt.Sprint(b.members)})
	b.must(err, "RegisterUser")
	_, err = b.Groups.AddMember(ctx, b.Principal, u.ID, roles...)
	b.must(err, "AddMember")
	return group.Actor{UserID: u.ID, GroupID: b.Principal.GroupID}
}

// Grant has the moderator grant n credits of p to the ready group, without
// expiry.
func (b *Ready) Grant(p billing.Product, n int) billing.Lot {
	b.tb.Helper()
	lot, err := b.Billing.Grant(context.Background(), b.Moderator, billing.GrantInput{GroupID: b.Group.ID, Product: p, Quantity: n})
	b.must(err, "Grant")
	return lot
}

// Publish has the Posting manager create and submit an offer with c, and
// the moderator approve it; it returns the offer, published (c without a
// later display date) or scheduled. It spends one posting credit.
func (b *Ready) Publish(c offer.Content) offer.Offer {
	b.tb.Helper()
	ctx := context.Background()
	o, _, err := b.Offers.Create(ctx, b.PostingManager, c)
	b.must(err, "Create")
	_, err = b.Offers.Submit(ctx, b.PostingManager, o.ID)
	b.must(err, "Submit")
	o, err = b.Offers.Approve(ctx, b.Moderator, o.ID)
	b.must(err, "Approve")
	return o
}

func (b *Ready) must(err error, what string) {
	b.tb.Helper()
	if err != nil {
		b.tb.Fatalf("babillardtest: %s: %v", what, err)
	}
}
