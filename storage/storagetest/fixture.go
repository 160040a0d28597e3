package storagetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// at returns the suite's fixed time 2026-03-01T12:00:00Z plus min minutes.
func at(min int) time.Time { return time.Date(2026, 3, 1, 12, min, 0, 0, time.UTC) }

// fixture is one subtest's store, with builders of valid records. The
// new* builders return a record with every field set, not yet stored; the
// builders without prefix store it (failing the test on error).
type fixture struct {
	t   *testing.T
	s   Store
	ctx context.Context
	n   int
}

func (su *suite) fixture(t *testing.T) *fixture {
	t.Helper()
	s := su.newStore(t)
	if s == nil {
		t.Fatal("storagetest: newStore returned nil")
	}
	return &fixture{t: t, s: s, ctx: t.Context()}
}

// next returns a number unique within the fixture.
func (f *fixture) next() int {
	f.n++
	return f.n
}

// must fails the test now if err is not nil.
func (f *fixture) must(err error, what string) {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("%s: %v", what, err)
	}
}

func (f *fixture) newCompany(mods ...func(*group.Company)) group.Company {
	n := f.next()
	c := group.Company{
		ID:             uuid.New(),
		LegalName:      fmt.Sprintf("Entreprise %04d inc.", n),
		NEQ:            fmt.Sprintf("11%08d", n),
		BusinessNumber: fmt.Sprintf("8%08dRT0001", n),
		SIRET:          fmt.Sprintf("7328%010d", n),
		HeadOffice: group.Address{
			Street: fmt.Sprintf("%d, rue Sainte-Catherine Ouest", n), City: "Gatineau",
			Province: "QC", PostalCode: "J8X 1A1", Country: "CA",
		},
		Phone:       "819-555-0100",
		Status:      group.CompanyActive,
		RequestedBy: uuid.New(),
		CreatedAt:   at(n),
	}
	for _, m := range mods {
		m(&c)
	}
	return c
}

func (f *fixture) company(mods ...func(*group.Company)) group.Company {
	f.t.Helper()
	c := f.newCompany(mods...)
	f.must(f.s.CreateCompany(f.ctx, &c), "CreateCompany")
	return c
}

func (f *fixture) newGroup(companyID uuid.UUID, mods ...func(*group.Group)) group.Group {
	n := f.next()
	g := group.Group{
		ID:        uuid.New(),
		CompanyID: companyID,
		Name:      fmt.Sprintf("Groupe %03d", n),
		Profile: group.Profile{
			Logo:        fmt.Sprintf("logos/%d.png", n),
			Name:        fmt.Sprintf("Profil %d", n),
			Description: i18n.Text{FR: "Une équipe accueillante.", EN: "A welcoming team."},
			Website:     "https://example.com",
			Address: group.Address{
				Street: "1, place Ville-Marie", City: "Montréal", Province: "QC",
				PostalCode: "H3B 2B6", Country: "CA",
			},
			Phone:              "514-555-0199",
			CompanyDescription: i18n.Text{FR: "Fondée en 1990.", EN: "Founded in 1990."},
		},
		CreatedAt: at(n),
	}
	for _, m := range mods {
		m(&g)
	}
	return g
}

func (f *fixture) group(companyID uuid.UUID, mods ...func(*group.Group)) group.Group {
	f.t.Helper()
	g := f.newGroup(companyID, mods...)
	f.must(f.s.CreateGroup(f.ctx, &g), "CreateGroup")
	return g
}

func (f *fixture) newUser(mods ...func(*group.User)) group.User {
	n := f.next()
	u := group.User{
		ID:                  uuid.New(),
		Email:               fmt.Sprintf("user%d@example.com", n),
		FirstName:           "Léa",
		LastName:            fmt.Sprintf("Tremblay-%d", n),
		Function:            "Directrice RH",
		Phone:               "418-555-0123",
		Extension:           "42",
		CompanyID:           uuid.New(),
		PendingEmail:        fmt.Sprintf("new%d@example.com", n),
		PendingEmailHash:    []byte(fmt.Sprintf("pending-hash-%d", n)),
		PendingEmailExpires: at(n + 60*24),
		CreatedAt:           at(n),
	}
	for _, m := range mods {
		m(&u)
	}
	return u
}

func (f *fixture) user(mods ...func(*group.User)) group.User {
	f.t.Helper()
	u := f.newUser(mods...)
	f.must(f.s.CreateUser(f.ctx, &u), "CreateUser")
	return u
}

func (f *fixture) newMembership(groupID, userID uuid.UUID, mods ...func(*group.Membership)) group.Membership {
	n := f.next()
	m := group.Membership{
		GroupID:  groupID,
		UserID:   userID,
		Roles:    []group.Role{group.PostingManager, group.FinanceManager},
		Active:   true,
		JoinedAt: at(n),
	}
	for _, mod := range mods {
		mod(&m)
	}
	return m
}

func (f *fixture) membership(groupID, userID uuid.UUID, mods ...func(*group.Membership)) group.Membership {
	f.t.Helper()
	m := f.newMembership(groupID, userID, mods...)
	f.must(f.s.CreateMembership(f.ctx, &m), "CreateMembership")
	return m
}

func (f *fixture) newJoinRequest(userID, companyID, groupID uuid.UUID, mods ...func(*group.JoinRequest)) group.JoinRequest {
	n := f.next()
	r := group.JoinRequest{
		ID:        uuid.New(),
		UserID:    userID,
		CompanyID: companyID,
		GroupID:   groupID,
		Status:    group.RequestPending,
		CreatedAt: at(n),
	}
	if groupID == uuid.Nil {
		r.NewGroup = true
		r.GroupName = fmt.Sprintf("Nouveau groupe %d", n)
	}
	for _, m := range mods {
		m(&r)
	}
	return r
}

func (f *fixture) joinRequest(userID, companyID, groupID uuid.UUID, mods ...func(*group.JoinRequest)) group.JoinRequest {
	f.t.Helper()
	r := f.newJoinRequest(userID, companyID, groupID, mods...)
	f.must(f.s.CreateJoinRequest(f.ctx, &r), "CreateJoinRequest")
	return r
}

func (f *fixture) newInvitation(groupID uuid.UUID, mods ...func(*group.Invitation)) group.Invitation {
	n := f.next()
	inv := group.Invitation{
		ID:        uuid.New(),
		GroupID:   groupID,
		Email:     fmt.Sprintf("invitee%d@example.com", n),
		Roles:     []group.Role{group.PostingManager},
		InvitedBy: uuid.New(),
		TokenHash: []byte(fmt.Sprintf("token-hash-%d", n)),
		ExpiresAt: at(n + 7*24*60),
		Status:    group.InvitationPending,
		SentCount: 1,
		CreatedAt: at(n),
	}
	for _, m := range mods {
		m(&inv)
	}
	return inv
}

func (f *fixture) invitation(groupID uuid.UUID, mods ...func(*group.Invitation)) group.Invitation {
	f.t.Helper()
	inv := f.newInvitation(groupID, mods...)
	f.must(f.s.CreateInvitation(f.ctx, &inv), "CreateInvitation")
	return inv
}

// companyGroup stores a company and one of its groups.
func (f *fixture) companyGroup() (group.Company, group.Group) {
	f.t.Helper()
	c := f.company()
	return c, f.group(c.ID)
}

// newEvent returns an event with a small JSON payload.
func newEvent(occurredAt time.Time, n int) storage.Event {
	return storage.Event{
		ID:         uuid.New(),
		Topic:      "group.test.happened",
		GroupID:    uuid.New(),
		Subject:    uuid.New(),
		Payload:    json.RawMessage(fmt.Sprintf(`{"n":%d,"name":"Événement"}`, n)),
		OccurredAt: occurredAt,
	}
}

// wantErr reports an error unless errors.Is(err, target).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error = %v, want %v", what, err, target)
	}
}

// wantEqual reports an error unless got and want are the same records, as
// the suite compares them (see canon).
func wantEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(canon(got), canon(want)) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// wantIDs reports an error unless got lists exactly want, in order.
func wantIDs(t *testing.T, what string, got, want []uuid.UUID) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got IDs\n %v\nwant\n %v", what, got, want)
	}
}

// ids maps records to their identities.
func ids[T any](list []T, id func(T) uuid.UUID) []uuid.UUID {
	out := make([]uuid.UUID, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return out
}

func companyID(c group.Company) uuid.UUID        { return c.ID }
func groupID(g group.Group) uuid.UUID            { return g.ID }
func requestID(r group.JoinRequest) uuid.UUID    { return r.ID }
func invitationID(i group.Invitation) uuid.UUID  { return i.ID }
func eventID(e storage.Event) uuid.UUID          { return e.ID }
func memberUserID(m group.Membership) uuid.UUID  { return m.UserID }
func memberGroupID(m group.Membership) uuid.UUID { return m.GroupID }

// sortedIDs returns n new UUIDs in ascending (byte-wise) order.
func sortedIDs(n int) []uuid.UUID {
	out := make([]uuid.UUID, n)
	for i := range out {
		out[i] = uuid.New()
	}
	slices.SortFunc(out, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// canon returns v in the form the suite compares: times in UTC to the
// microsecond, empty slices as nil, JSON payloads re-encoded canonically,
// and slices of records as []any of canonical records.
func canon(v any) any {
	switch x := v.(type) {
	case group.Company:
		x.CreatedAt = ct(x.CreatedAt)
		return x
	case group.Group:
		x.CreatedAt = ct(x.CreatedAt)
		return x
	case group.User:
		x.PendingEmailHash = nilIfEmpty(x.PendingEmailHash)
		x.PendingEmailExpires = ct(x.PendingEmailExpires)
		x.CreatedAt = ct(x.CreatedAt)
		return x
	case group.Membership:
		x.Roles = nilIfEmpty(x.Roles)
		x.JoinedAt = ct(x.JoinedAt)
		x.RemovedAt = ct(x.RemovedAt)
		return x
	case group.JoinRequest:
		x.DecidedAt = ct(x.DecidedAt)
		x.CreatedAt = ct(x.CreatedAt)
		return x
	case group.Invitation:
		x.Roles = nilIfEmpty(x.Roles)
		x.TokenHash = nilIfEmpty(x.TokenHash)
		x.ExpiresAt = ct(x.ExpiresAt)
		x.DecidedAt = ct(x.DecidedAt)
		x.CreatedAt = ct(x.CreatedAt)
		return x
	case billing.Entry:
		x.Seq = 0 // set by the store; BillingLists checks it
		return x
	case storage.Event:
		x.Payload = canonJSON(x.Payload)
		x.OccurredAt = ct(x.OccurredAt)
		return x
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = canon(rv.Index(i).Interface())
		}
		return out
	}
	return v
}

func ct(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

func canonJSON(p json.RawMessage) json.RawMessage {
	if len(p) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(p, &v); err != nil {
		return p
	}
	out, err := json.Marshal(v)
	if err != nil {
		return p
	}
	return out
}

// sortRequests sorts join requests by creation time, then ID.
func sortRequests(rs []group.JoinRequest) {
	slices.SortFunc(rs, func(a, b group.JoinRequest) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return bytes.Compare(a.ID[:], b.ID[:])
	})
}
