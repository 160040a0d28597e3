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
// a clock of its own. Its helpers (Member, Grant, Publish…) fail the test
// given to NewBoard when the library refuses what they ask; on a board made
// by New, they panic.
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

	tb      testing.TB // nil for a board made by New
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
// fails the test if any step fails, and so do the board's helpers (Member,
// Grant, Publish…) later.
func NewBoard(tb testing.TB, store babillard.Store, options ...BoardOption) *Ready {
	tb.Helper()
	b, err := New(store, options...)
	if err != nil {
		tb.Fatalf("babillardtest: %v", err)
	}
	b.tb = tb
	return b
}

// New builds a ready board as NewBoard does, outside a test: in an
// example, a demo or a benchmark's setup. It returns the first step that
// failed. The board's helpers (Member, Grant, Publish…) have no test to
// fail: they panic when the library refuses what they ask.
func New(store babillard.Store, options ...BoardOption) (*Ready, error) {
	cfg := boardConfig{start: Start, credits: DefaultCredits()}
	for _, o := range options {
		o(&cfg)
	}
	b := &Ready{Clock: NewClock(cfg.start)}
	cfg.opts.Now = b.Clock.Now
	ctx := context.Background()
	step := func(what string, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	board, err := babillard.New(store, &cfg.opts)
	if err := step("babillard.New", err); err != nil {
		return nil, err
	}
	b.Board = board
	admin, err := board.Groups.BootstrapStaff(ctx, uuid.New())
	if err := step("BootstrapStaff", err); err != nil {
		return nil, err
	}
	b.Moderator = group.Moderator{ID: admin.UserID}
	principal, err := b.Groups.RegisterUser(ctx, "principal@acme-genie.example", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	if err := step("RegisterUser", err); err != nil {
		return nil, err
	}
	company, req, err := b.Groups.RequestCompany(ctx, principal.ID, ValidCompany())
	if err := step("RequestCompany", err); err != nil {
		return nil, err
	}
	_, g, err := b.Groups.ApproveGroupRequest(ctx, b.Moderator, req.ID)
	if err := step("ApproveGroupRequest", err); err != nil {
		return nil, err
	}
	b.Principal = group.Actor{UserID: principal.ID, GroupID: g.ID}
	if b.PostingManager, err = b.member(group.PostingManager); err != nil {
		return nil, err
	}
	if b.FinanceManager, err = b.member(group.FinanceManager); err != nil {
		return nil, err
	}
	b.Group, err = b.Groups.UpdateProfile(ctx, b.Principal, CompleteProfile())
	if err := step("UpdateProfile", err); err != nil {
		return nil, err
	}
	b.Company, err = b.Groups.Company(ctx, company.ID)
	if err := step("Company", err); err != nil {
		return nil, err
	}
	for _, p := range []billing.Product{billing.EngineerPosting, billing.CPIPosting, billing.Featured, billing.Extension} {
		if n := cfg.credits[p]; n > 0 {
			if _, err := b.grant(p, n); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
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
	b.helper()
	st, err := b.Groups.AddStaff(context.Background(), b.Moderator, uuid.New(), roles...)
	b.must(err, "AddStaff")
	return group.Moderator{ID: st.UserID}
}

// Member registers a new user (member-N@acme-genie.example) and makes them
// a member of the ready group with roles, added by the Principal.
func (b *Ready) Member(roles ...group.Role) group.Actor {
	b.helper()
	a, err := b.member(roles...)
	b.must(err, "Member")
	return a
}

func (b *Ready) member(roles ...group.Role) (group.Actor, error) {
	b.members++
	ctx := context.Background()
	u, err := b.Groups.RegisterUser(ctx, fmt.Sprintf("member-%d@acme-genie.example", b.members),
		group.UserProfile{FirstName: "Membre", LastName: fmt.Sprint(b.members)})
	if err != nil {
		return group.Actor{}, fmt.Errorf("RegisterUser: %w", err)
	}
	if _, err = b.Groups.AddMember(ctx, b.Principal, u.ID, roles...); err != nil {
		return group.Actor{}, fmt.Errorf("AddMember: %w", err)
	}
	return group.Actor{UserID: u.ID, GroupID: b.Principal.GroupID}, nil
}

// Grant has the moderator grant n credits of p to the ready group, without
// expiry.
func (b *Ready) Grant(p billing.Product, n int) billing.Lot {
	b.helper()
	lot, err := b.grant(p, n)
	b.must(err, "Grant")
	return lot
}

func (b *Ready) grant(p billing.Product, n int) (billing.Lot, error) {
	lot, err := b.Billing.Grant(context.Background(), b.Moderator, billing.GrantInput{GroupID: b.Group.ID, Product: p, Quantity: n})
	if err != nil {
		return billing.Lot{}, fmt.Errorf("Grant: %w", err)
	}
	return lot, nil
}

// Publish has the Posting manager create and submit an offer with c, and
// the moderator approve it; it returns the offer, published (c without a
// later display date) or scheduled. It spends one posting credit.
func (b *Ready) Publish(c offer.Content) offer.Offer {
	b.helper()
	ctx := context.Background()
	o, _, err := b.Offers.Create(ctx, b.PostingManager, c)
	b.must(err, "Create")
	_, err = b.Offers.Submit(ctx, b.PostingManager, o.ID)
	b.must(err, "Submit")
	o, err = b.Offers.Approve(ctx, b.Moderator, o.ID)
	b.must(err, "Approve")
	return o
}

// helper marks the caller as a test helper, when the board has a test.
func (b *Ready) helper() {
	if b.tb != nil {
		b.tb.Helper()
	}
}

// must fails the board's test when err is not nil, or panics when the
// board has no test (New).
func (b *Ready) must(err error, what string) {
	if err == nil {
		return
	}
	if b.tb == nil {
		panic(fmt.Sprintf("babillardtest: %s: %v", what, err))
	}
	b.tb.Helper()
	b.tb.Fatalf("babillardtest: %s: %v", what, err)
}
