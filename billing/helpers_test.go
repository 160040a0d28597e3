package billing_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/clocktest"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// start is the tests' first instant.
var start = time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)

// bankStore is what the tests need of a store: the bank's and the group
// service's.
type bankStore interface {
	billing.Store
	group.Store
}

// env is a board with two companies: Acme's "Groupe 001" (A) with a
// Principal, a Posting manager and a Finance manager, and Bêta's group (B)
// with its Principal.
type env struct {
	t         testing.TB
	ctx       context.Context
	store     bankStore
	clock     *clocktest.Clock
	groups    *group.Service
	bank      *billing.Service
	moderator group.Moderator
	principal group.Actor
	poster    group.Actor
	finance   group.Actor
	other     group.Actor
	outsider  group.Actor
}

func newEnv(t testing.TB) *env {
	return newEnvOn(t, memory.New())
}

func newEnvOn(t testing.TB, store bankStore) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), store: store, clock: clocktest.New(start)}
	e.groups = group.New(store, &group.Options{Now: e.clock.Now})
	admin, err := e.groups.BootstrapStaff(e.ctx, uuid.New())
	require.NoError(t, err)
	e.moderator = group.Moderator{ID: admin.UserID}
	e.bank = billing.New(store, e.groups, &billing.Options{Now: e.clock.Now})
	e.principal = e.company("acme-genie.ca", "Acme Génie-Conseil inc.")
	e.poster = e.member(e.principal, "jean@acme-genie.ca", group.PostingManager)
	e.finance = e.member(e.principal, "sophie@acme-genie.ca", group.FinanceManager)
	e.other = e.company("beta-ingenierie.ca", "Bêta Ingénierie inc.")
	u, err := e.groups.RegisterUser(e.ctx, "paul@gamma-genie.ca", group.UserProfile{FirstName: "Paul", LastName: "Nobody"})
	require.NoError(t, err)
	e.outsider = group.Actor{UserID: u.ID, GroupID: e.principal.GroupID}
	return e
}

// company registers a company with its first group and returns its
// Principal.
func (e *env) company(domain, name string) group.Actor {
	e.t.Helper()
	u, err := e.groups.RegisterUser(e.ctx, "principal@"+domain, group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	require.NoError(e.t, err)
	_, req, err := e.groups.RequestCompany(e.ctx, u.ID, group.CompanyInput{
		LegalName: name, Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
	})
	require.NoError(e.t, err)
	_, g, err := e.groups.ApproveGroupRequest(e.ctx, e.moderator, req.ID)
	require.NoError(e.t, err)
	return group.Actor{UserID: u.ID, GroupID: g.ID}
}

// member adds a member with roles to the Principal's group.
func (e *env) member(principal group.Actor, email string, roles ...group.Role) group.Actor {
	e.t.Helper()
	u, err := e.groups.RegisterUser(e.ctx, email, group.UserProfile{FirstName: "M", LastName: "M"})
	require.NoError(e.t, err)
	_, err = e.groups.AddMember(e.ctx, principal, u.ID, roles...)
	require.NoError(e.t, err)
	return group.Actor{UserID: u.ID, GroupID: principal.GroupID}
}

// grant has the board grant n credits of p to a group, expiring after ttl
// (never when ttl is 0).
func (e *env) grant(groupID uuid.UUID, p billing.Product, n int, ttl time.Duration) billing.Lot {
	e.t.Helper()
	in := billing.GrantInput{GroupID: groupID, Product: p, Quantity: n}
	if ttl > 0 {
		in.ExpiresAt = e.clock.Now().Add(ttl)
	}
	lot, err := e.bank.Grant(e.ctx, e.moderator, in)
	require.NoError(e.t, err)
	return lot
}

// balance returns a group's balance of p, read by the board.
func (e *env) balance(groupID uuid.UUID, p billing.Product) billing.Balance {
	e.t.Helper()
	all, err := e.bank.BalancesOf(e.ctx, e.moderator, groupID)
	require.NoError(e.t, err)
	for _, b := range all {
		if b.Product == p {
			assert.True(e.t, b.Balanced(), "balance %+v does not balance", b)
			return b
		}
	}
	e.t.Fatalf("no balance of %s", p)
	return billing.Balance{}
}

// bal builds the expected balance of p in a group.
func bal(groupID uuid.UUID, p billing.Product, granted, in, available, reserved, consumed, expired, out int) billing.Balance {
	return billing.Balance{GroupID: groupID, Product: p, Granted: granted, TransferredIn: in, Available: available,
		Reserved: reserved, Consumed: consumed, Expired: expired, TransferredOut: out}
}

// entries returns a group's statement, read by the board.
func (e *env) entries(groupID uuid.UUID) []billing.Entry {
	e.t.Helper()
	var list []billing.Entry
	for entry, err := range page.All(e.ctx, func(p page.Page) (page.Result[billing.Entry], error) {
		return e.bank.StatementOf(e.ctx, e.moderator, billing.EntryQuery{GroupID: groupID}, p)
	}) {
		require.NoError(e.t, err)
		list = append(list, entry)
	}
	return list
}

// kinds returns the kinds and quantities of entries, "reserve×1".
func kinds(entries []billing.Entry) []string {
	out := make([]string, len(entries))
	for i, en := range entries {
		out[i] = fmt.Sprintf("%s×%d", en.Kind, en.Quantity)
	}
	return out
}

// events claims every pending event of the outbox and returns their topics
// and payloads.
func (e *env) events() []storage.Event {
	e.t.Helper()
	list, err := e.store.ClaimEvents(e.ctx, "test", 1000, time.Hour, e.clock.Now().Add(365*24*time.Hour))
	require.NoError(e.t, err)
	ids := make([]uuid.UUID, len(list))
	for i, ev := range list {
		ids[i] = ev.ID
	}
	require.NoError(e.t, e.store.AckEvents(e.ctx, "test", ids...))
	return list
}

// billingEvents returns the topics of the billing events among events.
func billingEvents(list []storage.Event) []string {
	var out []string
	for _, ev := range list {
		if len(ev.Topic) > 8 && ev.Topic[:8] == "billing." {
			out = append(out, ev.Topic)
		}
	}
	return out
}

func payload[T any](t testing.TB, ev storage.Event) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(ev.Payload, &v))
	return v
}

// code returns the stable code of an *i18n.Error, or "".
func code(err error) string {
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return ie.Code
	}
	return ""
}

// faults returns the "field:code" pairs of a *ValidationError, or nil.
func faults(err error) []string {
	var ve *i18n.ValidationError
	if errors.As(err, &ve) {
		return ve.Codes()
	}
	return nil
}
