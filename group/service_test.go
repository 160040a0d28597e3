package group_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

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

// fixture is a board with one active company whose "Groupe 001" has Marie
// as Principal.
type fixture struct {
	t         *testing.T
	ctx       context.Context
	store     *memory.Store
	svc       *group.Service
	clock     *clocktest.Clock
	moderator group.Moderator
	company   group.Company
	group     group.Group
	marie     group.User
	principal group.Actor
	tokens    int
	peeks     int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), store: memory.New(),
		clock: clocktest.New(time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC))}
	f.svc = group.New(f.store, &group.Options{Now: f.clock.Now, NewToken: func() string {
		f.tokens++
		return "token-" + string(rune('a'+f.tokens))
	}})
	f.moderator = boardAdmin(t, f.svc)
	f.marie = f.user("marie@acme-genie.ca", "Marie")
	var req group.JoinRequest
	var err error
	f.company, req, err = f.svc.RequestCompany(f.ctx, f.marie.ID, validCompany())
	require.NoError(t, err)
	_, f.group, err = f.svc.ApproveGroupRequest(f.ctx, f.moderator, req.ID)
	require.NoError(t, err)
	f.principal = group.Actor{UserID: f.marie.ID, GroupID: f.group.ID}
	return f
}

func validCompany() group.CompanyInput {
	return group.CompanyInput{
		LegalName: "Acme Génie-Conseil inc.", NEQ: "1143920115", BusinessNumber: "123456782RT0001", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "h3a 3g4"},
	}
}

func (f *fixture) user(email, first string) group.User {
	f.t.Helper()
	u, err := f.svc.RegisterUser(f.ctx, email, group.UserProfile{FirstName: first, LastName: "Test"})
	require.NoError(f.t, err)
	return u
}

// member registers a user and adds them to the fixture's group with roles.
func (f *fixture) member(email string, roles ...group.Role) group.Actor {
	f.t.Helper()
	u := f.user(email, "Member")
	_, err := f.svc.AddMember(f.ctx, f.principal, u.ID, roles...)
	require.NoError(f.t, err)
	return group.Actor{UserID: u.ID, GroupID: f.group.ID}
}

// events returns the topics in the outbox, in order, without consuming them.
func (f *fixture) events() []string {
	f.t.Helper()
	// Each peek claims at a later instant than the last with a 1 ns lease,
	// so every unacknowledged event is seen again.
	f.peeks++
	at := f.clock.Now().Add(365*24*time.Hour + time.Duration(f.peeks)*time.Second)
	evs, err := f.store.ClaimEvents(f.ctx, "peek", 10000, time.Nanosecond, at)
	require.NoError(f.t, err)
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Topic
	}
	return out
}

func requireInvalid(t *testing.T, err error, codes ...string) {
	t.Helper()
	var ve *group.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, i18n.ErrInvalid)
	assert.Equal(t, codes, ve.Codes())
	for _, fe := range ve.Fields {
		assert.NotEmpty(t, fe.Message.FR)
		assert.NotEmpty(t, fe.Message.EN)
		assert.NotEqual(t, fe.Message.FR, fe.Message.EN)
	}
}

func requireRefused(t *testing.T, err error, sentinel error, code string) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var e *i18n.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, code, e.Code)
	assert.NotEmpty(t, e.Message.FR)
	assert.NotEmpty(t, e.Message.EN)
	assert.NotContains(t, e.Message.FR+e.Message.EN, "%!", "a message template and its arguments disagree")
}

func TestRegisterUser(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.RegisterUser(f.ctx, "jean@hotmail.com", group.UserProfile{})
	requireInvalid(t, err, "email:email.free_domain", "first_name:required", "last_name:required")
	_, err = f.svc.RegisterUser(f.ctx, "MARIE@ACME-GENIE.CA", group.UserProfile{FirstName: "M", LastName: "T"})
	requireInvalid(t, err, "email:email.taken")
	_, err = f.svc.RegisterUser(f.ctx, "jean@acme.ca", group.UserProfile{FirstName: "J", LastName: "R", Phone: "555", Extension: "12a"})
	requireInvalid(t, err, "phone:phone.format", "extension:extension.format")
	_, err = f.svc.UserByEmail(f.ctx, "jean@acme.ca")
	assert.ErrorIs(t, err, storage.ErrNotFound, "an invalid registration writes nothing")

	u, err := f.svc.RegisterUser(f.ctx, " Jean.Roy@Acme.ca ", group.UserProfile{FirstName: " Jean ", LastName: "Roy", Phone: "+1 (514) 555-0199", Extension: "204"})
	require.NoError(t, err)
	assert.Equal(t, "jean.roy@acme.ca", u.Email)
	assert.Equal(t, "Jean", u.FirstName)
	assert.Equal(t, uuid.Nil, u.CompanyID)
}

func TestHostMayReplaceTheFreeMailPolicy(t *testing.T) {
	svc := group.New(memory.New(), &group.Options{IsFreeMail: func(d string) bool { return d == "acme.ca" }})
	_, err := svc.RegisterUser(context.Background(), "a@acme.ca", group.UserProfile{FirstName: "A", LastName: "B"})
	requireInvalid(t, err, "email:email.free_domain")
	_, err = svc.RegisterUser(context.Background(), "a@gmail.com", group.UserProfile{FirstName: "A", LastName: "B"})
	assert.NoError(t, err)
}

func TestRequestCompanyValidatesEveryField(t *testing.T) {
	f := newFixture(t)
	u := f.user("paul@autre.ca", "Paul")
	_, _, err := f.svc.RequestCompany(f.ctx, u.ID, group.CompanyInput{
		NEQ: "123", BusinessNumber: "123456789", SIRET: "1",
		HeadOffice: group.Address{Province: "Ontario", PostalCode: "H3A 3G4"},
	})
	requireInvalid(t, err, "legal_name:required", "neq:neq.format", "business_number:business_number.format", "siret:siret.format",
		"head_office.street:required", "head_office.city:required", "head_office.postal_code:postal_code.province", "phone:required")
	_, _, err = f.svc.RequestCompany(f.ctx, u.ID, group.CompanyInput{LegalName: "X", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1 rue A", City: "Laval", Province: "Narnia", PostalCode: "ZZZ"}})
	requireInvalid(t, err, "head_office.province:province.unknown", "head_office.postal_code:postal_code.format")
	_, _, err = f.svc.RequestCompany(f.ctx, u.ID, group.CompanyInput{LegalName: "Sarl Dupont", Phone: "+33 1 23 45 67 89", SIRET: "732 829 320 00074",
		HeadOffice: group.Address{Street: "1 rue de Rivoli", City: "Paris", PostalCode: "75001", Country: "fr"}})
	assert.NoError(t, err, "a French company needs no province")
}

func TestCompanyRequestApprovedMakesRequesterPrincipal(t *testing.T) {
	f := newFixture(t)
	c, err := f.svc.Company(f.ctx, f.company.ID)
	require.NoError(t, err)
	assert.Equal(t, group.CompanyActive, c.Status)
	assert.Equal(t, "H3A 3G4", c.HeadOffice.PostalCode)
	assert.Equal(t, "1143920115", c.NEQ)
	assert.Equal(t, "123456782RT0001", c.BusinessNumber)
	assert.Equal(t, group.DefaultGroupName, f.group.Name)
	m, err := f.store.Membership(f.ctx, f.group.ID, f.marie.ID)
	require.NoError(t, err)
	assert.Equal(t, []group.Role{group.Principal}, m.Roles)
	u, _ := f.svc.User(f.ctx, f.marie.ID)
	assert.Equal(t, f.company.ID, u.CompanyID)
	assert.Equal(t, []string{group.TopicStaffAdded, group.TopicJoinRequestCreated, group.TopicCompanyCreated, group.TopicGroupCreated,
		group.TopicMemberAdded, group.TopicJoinRequestApproved}, f.events())
}

func TestCompanyRequestRefused(t *testing.T) {
	f := newFixture(t)
	u := f.user("paul@autre.ca", "Paul")
	in := validCompany()
	in.LegalName = "Autre Génie"
	c, req, err := f.svc.RequestCompany(f.ctx, u.ID, in)
	require.NoError(t, err)
	found, err := f.svc.SearchCompanies(f.ctx, "autre", page.Page{})
	require.NoError(t, err)
	assert.Empty(t, found.Items, "a pending company is not offered to others")
	_, err = f.svc.RefuseGroupRequest(f.ctx, group.Moderator{}, req.ID, "")
	requireRefused(t, err, group.ErrForbidden, "forbidden.moderator")
	req, err = f.svc.RefuseGroupRequest(f.ctx, f.moderator, req.ID, "Entreprise déjà inscrite")
	require.NoError(t, err)
	assert.Equal(t, group.RequestRefused, req.Status)
	assert.Equal(t, f.moderator.ID, req.DecidedBy)
	assert.Equal(t, f.clock.Now(), req.DecidedAt)
	c, _ = f.svc.Company(f.ctx, c.ID)
	assert.Equal(t, group.CompanyRefused, c.Status)
	_, _, err = f.svc.ApproveGroupRequest(f.ctx, f.moderator, req.ID)
	requireRefused(t, err, group.ErrNotAllowed, "request.decided")
}

func TestSearchCompanies(t *testing.T) {
	f := newFixture(t)
	// A duplicate typed in by another member: both are found.
	dup := validCompany()
	dup.LegalName = "ACME genie conseil"
	_, _, err := f.svc.CreateCompany(f.ctx, f.moderator, dup)
	require.NoError(t, err)
	other := validCompany()
	other.LegalName, other.NEQ, other.BusinessNumber, other.HeadOffice.City = "Béton Québec", "", "", "Québec"
	other.HeadOffice.PostalCode = "G1R 4P5"
	_, _, err = f.svc.CreateCompany(f.ctx, f.moderator, other)
	require.NoError(t, err)

	names := func(query string) []string {
		cs, err := f.svc.SearchCompanies(f.ctx, query, page.Page{})
		require.NoError(t, err)
		out := []string{}
		for _, c := range cs.Items {
			out = append(out, c.LegalName)
		}
		return out
	}
	assert.Equal(t, []string{"ACME genie conseil", "Acme Génie-Conseil inc."}, names("acme GENIE"))
	assert.Equal(t, []string{"ACME genie conseil", "Acme Génie-Conseil inc."}, names("montreal"))
	assert.Equal(t, []string{"Béton Québec"}, names("beton quebec"))
	assert.Equal(t, []string{"ACME genie conseil", "Acme Génie-Conseil inc."}, names("1143920115"))
	assert.Equal(t, []string{"ACME genie conseil", "Acme Génie-Conseil inc."}, names("123 456 782"))
	assert.Equal(t, []string{"ACME genie conseil", "Acme Génie-Conseil inc."}, names("123456782 RT0001"))
	assert.Empty(t, names("999999998"))
	assert.Empty(t, names("  -- "))
}

func TestCreateCompanyNeedsAModerator(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.svc.CreateCompany(f.ctx, group.Moderator{}, validCompany())
	requireRefused(t, err, group.ErrForbidden, "forbidden.moderator")
	_, err = f.svc.CreateGroup(f.ctx, group.Moderator{}, f.company.ID, "Bureau de Québec")
	requireRefused(t, err, group.ErrForbidden, "forbidden.moderator")
}

func TestExtraGroups(t *testing.T) {
	f := newFixture(t)
	g2, err := f.svc.CreateGroup(f.ctx, f.moderator, f.company.ID, "Bureau de Québec")
	require.NoError(t, err)
	_, err = f.svc.CreateGroup(f.ctx, f.moderator, f.company.ID, " groupe 001 ")
	requireInvalid(t, err, "name:group.name_taken")

	// Marie asks for a group of her own in her company; the board approves.
	req, err := f.svc.RequestGroup(f.ctx, f.marie.ID, f.company.ID, "Client Hydro")
	require.NoError(t, err)
	_, err = f.svc.RequestGroup(f.ctx, f.marie.ID, f.company.ID, "client hydro")
	requireRefused(t, err, group.ErrNotAllowed, "request.pending_exists")
	queue, err := f.svc.PendingGroupRequests(f.ctx, f.moderator, page.Page{})
	require.NoError(t, err)
	require.Len(t, queue.Items, 1)
	_, err = f.svc.ApproveJoinRequest(f.ctx, f.principal, req.ID)
	requireRefused(t, err, group.ErrNotAllowed, "request.board_decides")
	_, g3, err := f.svc.ApproveGroupRequest(f.ctx, f.moderator, req.ID)
	require.NoError(t, err)

	groups, err := f.svc.GroupsOfCompany(f.ctx, f.company.ID, page.Page{})
	require.NoError(t, err)
	assert.Len(t, groups.Items, 3)
	ms, err := f.svc.Memberships(f.ctx, f.marie.ID, page.Page{})
	require.NoError(t, err)
	require.Len(t, ms.Items, 2, "Marie holds roles in two groups")
	_, m, err := f.svc.Switch(f.ctx, f.marie.ID, g3.ID)
	require.NoError(t, err)
	assert.True(t, m.Has(group.Principal))
	_, _, err = f.svc.Switch(f.ctx, f.marie.ID, g2.ID)
	requireRefused(t, err, group.ErrForbidden, "forbidden.not_member")
}

func TestJoinExistingGroup(t *testing.T) {
	f := newFixture(t)
	jean := f.user("jean@acme-genie.ca", "Jean")
	req, err := f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	require.NoError(t, err)
	assert.Equal(t, group.RequestPending, req.Status)
	_, err = f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	requireRefused(t, err, group.ErrNotAllowed, "request.pending_exists")

	// Only the group's Principal decides.
	posting := f.member("poste@acme-genie.ca", group.PostingManager)
	before := len(f.events())
	_, err = f.svc.ApproveJoinRequest(f.ctx, posting, req.ID)
	requireRefused(t, err, group.ErrForbidden, "forbidden.review_join_requests")
	_, err = f.svc.PendingJoinRequests(f.ctx, posting, page.Page{})
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, _, err = f.svc.ApproveGroupRequest(f.ctx, f.moderator, req.ID)
	requireRefused(t, err, group.ErrNotAllowed, "request.principal_decides")
	assert.Equal(t, before, len(f.events()), "a refused action writes nothing")

	pending, err := f.svc.PendingJoinRequests(f.ctx, f.principal, page.Page{})
	require.NoError(t, err)
	require.Len(t, pending.Items, 1)

	_, err = f.svc.ApproveJoinRequest(f.ctx, f.principal, req.ID, "owner")
	requireInvalid(t, err, "roles:role.unknown")
	req, err = f.svc.ApproveJoinRequest(f.ctx, f.principal, req.ID, group.FinanceManager, group.PostingManager, group.FinanceManager)
	require.NoError(t, err)
	assert.Equal(t, group.RequestApproved, req.Status)
	assert.Equal(t, f.marie.ID, req.DecidedBy)
	m, _ := f.store.Membership(f.ctx, f.group.ID, jean.ID)
	assert.Equal(t, []group.Role{group.PostingManager, group.FinanceManager}, m.Roles)
	jean, _ = f.svc.User(f.ctx, jean.ID)
	assert.Equal(t, f.company.ID, jean.CompanyID)

	_, err = f.svc.RefuseJoinRequest(f.ctx, f.principal, req.ID, "")
	requireRefused(t, err, group.ErrNotAllowed, "request.decided")
	_, err = f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	requireRefused(t, err, group.ErrNotAllowed, "member.already")
	mine, err := f.svc.JoinRequestsOfUser(f.ctx, jean.ID, page.Page{})
	require.NoError(t, err)
	assert.Len(t, mine.Items, 1)
}

func TestJoinRefusedAndCrossCompany(t *testing.T) {
	f := newFixture(t)
	// A second company with its own Principal.
	paul := f.user("paul@beton.ca", "Paul")
	in := validCompany()
	in.LegalName = "Béton inc."
	_, req, err := f.svc.RequestCompany(f.ctx, paul.ID, in)
	require.NoError(t, err)
	_, other, err := f.svc.ApproveGroupRequest(f.ctx, f.moderator, req.ID)
	require.NoError(t, err)
	otherPrincipal := group.Actor{UserID: paul.ID, GroupID: other.ID}

	jean := f.user("jean@acme-genie.ca", "Jean")
	r, err := f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	require.NoError(t, err)
	_, err = f.svc.ApproveJoinRequest(f.ctx, otherPrincipal, r.ID)
	requireRefused(t, err, storage.ErrNotFound, "request.not_found")
	_, err = f.svc.RefuseJoinRequest(f.ctx, otherPrincipal, r.ID, "non")
	requireRefused(t, err, storage.ErrNotFound, "request.not_found")

	r, err = f.svc.RefuseJoinRequest(f.ctx, f.principal, r.ID, "Nous ne vous connaissons pas.")
	require.NoError(t, err)
	assert.Equal(t, group.RequestRefused, r.Status)
	assert.Equal(t, "Nous ne vous connaissons pas.", r.Reason)

	// Paul's e-mail belongs to Béton: he cannot join Acme.
	_, err = f.svc.RequestToJoin(f.ctx, paul.ID, f.group.ID)
	requireRefused(t, err, group.ErrNotAllowed, "member.other_company")
	_, err = f.svc.AddMember(f.ctx, f.principal, paul.ID, group.PostingManager)
	requireRefused(t, err, storage.ErrNotFound, "user.not_found")
	// A Principal acting in another group sees nothing of this one.
	_, err = f.svc.Members(f.ctx, group.Actor{UserID: paul.ID, GroupID: f.group.ID}, page.Page{})
	requireRefused(t, err, group.ErrForbidden, "forbidden.not_member")
}

func TestAuthorizeThroughTheServiceForEveryRole(t *testing.T) {
	f := newFixture(t)
	actors := map[group.Role]group.Actor{
		group.Principal:      f.principal,
		group.PostingManager: f.member("a@acme-genie.ca", group.PostingManager),
		group.FinanceManager: f.member("f@acme-genie.ca", group.FinanceManager),
	}
	for _, row := range domainMatrix {
		for role, want := range map[group.Role]bool{group.Principal: row.p, group.PostingManager: row.a, group.FinanceManager: row.f} {
			err := f.svc.Authorize(f.ctx, actors[role], row.permission)
			if want {
				assert.NoError(t, err, "%s / %s", role, row.permission)
			} else {
				requireRefused(t, err, group.ErrForbidden, "forbidden."+string(row.permission))
			}
		}
	}
	requireRefused(t, f.svc.Authorize(f.ctx, group.Actor{}, group.ViewDashboard), group.ErrForbidden, "forbidden.not_member")
}

func TestRolesAndTheLastPrincipal(t *testing.T) {
	f := newFixture(t)
	jean := f.member("jean@acme-genie.ca", group.PostingManager)

	_, err := f.svc.SetRoles(f.ctx, jean, jean.UserID, group.Principal)
	requireRefused(t, err, group.ErrForbidden, "forbidden.manage_members")
	_, err = f.svc.SetRoles(f.ctx, f.principal, f.marie.ID, group.PostingManager)
	requireRefused(t, err, group.ErrNotAllowed, "member.last_principal")
	_, err = f.svc.RemoveMember(f.ctx, f.principal, f.marie.ID)
	requireRefused(t, err, group.ErrNotAllowed, "member.last_principal")
	_, err = f.svc.SetRoles(f.ctx, f.principal, jean.UserID)
	requireInvalid(t, err, "roles:roles.required")

	m, err := f.svc.SetRoles(f.ctx, f.principal, jean.UserID, group.PostingManager, group.Principal)
	require.NoError(t, err)
	assert.Equal(t, []group.Role{group.Principal, group.PostingManager}, m.Roles)
	// Now Marie may step down and leave.
	_, err = f.svc.SetRoles(f.ctx, f.principal, f.marie.ID, group.FinanceManager)
	require.NoError(t, err)
	_, err = f.svc.RemoveMember(f.ctx, f.principal, f.marie.ID)
	require.NoError(t, err, "any member may leave")
	_, err = f.svc.RemoveMember(f.ctx, jean, jean.UserID)
	requireRefused(t, err, group.ErrNotAllowed, "member.last_principal")

	// A removed member is kept, inactive, and holds nothing any more.
	members, err := f.svc.Members(f.ctx, jean, page.Page{})
	require.NoError(t, err)
	require.Len(t, members.Items, 2)
	assert.False(t, members.Items[0].Active)
	assert.Equal(t, f.marie.ID, members.Items[0].RemovedBy)
	assert.Equal(t, f.clock.Now(), members.Items[0].RemovedAt)
	requireRefused(t, f.svc.Authorize(f.ctx, f.principal, group.EditOwnProfile), group.ErrForbidden, "forbidden.not_member")
	_, err = f.svc.RemoveMember(f.ctx, jean, f.marie.ID)
	requireRefused(t, err, group.ErrNotAllowed, "member.inactive")

	// Added back, she is active again with the roles given.
	m, err = f.svc.AddMember(f.ctx, jean, f.marie.ID, group.FinanceManager)
	require.NoError(t, err)
	assert.True(t, m.Active)
	assert.Equal(t, uuid.Nil, m.RemovedBy)
}

func TestConcurrentDemotionsKeepAPrincipal(t *testing.T) {
	f := newFixture(t)
	actors := []group.Actor{f.principal}
	for _, e := range []string{"p1@acme-genie.ca", "p2@acme-genie.ca", "p3@acme-genie.ca", "p4@acme-genie.ca"} {
		actors = append(actors, f.member(e, group.Principal))
	}
	var wg sync.WaitGroup
	for _, a := range actors {
		wg.Go(func() {
			_, err := f.svc.SetRoles(f.ctx, a, a.UserID, group.PostingManager)
			if err != nil {
				assert.ErrorIs(t, err, group.ErrNotAllowed)
			}
		})
	}
	wg.Wait()
	members, err := f.store.MembersOfGroup(f.ctx, f.group.ID)
	require.NoError(t, err)
	principals := 0
	for _, m := range members {
		if m.Has(group.Principal) {
			principals++
		}
	}
	assert.Equal(t, 1, principals, "exactly the last one stays Principal")
}

func TestInvitations(t *testing.T) {
	f := newFixture(t)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)

	_, _, err := f.svc.Invite(f.ctx, posting, "sophie@gmail.com")
	requireInvalid(t, err, "email:email.free_domain", "roles:roles.required")
	_, _, err = f.svc.Invite(f.ctx, posting, "sophie@acme-genie.ca", group.FinanceManager)
	requireRefused(t, err, group.ErrForbidden, "roles.beyond_inviter")
	_, _, err = f.svc.Invite(f.ctx, group.Actor{UserID: uuid.New(), GroupID: f.group.ID}, "sophie@acme-genie.ca", group.PostingManager)
	requireRefused(t, err, group.ErrForbidden, "forbidden.not_member")
	_, _, err = f.svc.Invite(f.ctx, f.principal, "poste@acme-genie.ca", group.PostingManager)
	requireRefused(t, err, group.ErrNotAllowed, "member.already")

	// Any member invites with the roles they hold.
	inv, first, err := f.svc.Invite(f.ctx, posting, "Sophie@Acme-Genie.ca", group.PostingManager)
	require.NoError(t, err)
	assert.Equal(t, "sophie@acme-genie.ca", inv.Email)
	assert.Equal(t, f.clock.Now().Add(14*24*time.Hour), inv.ExpiresAt)
	stored, err := f.store.Invitation(f.ctx, inv.ID)
	require.NoError(t, err)
	assert.NotContains(t, string(stored.TokenHash), first, "only the token's hash is stored")
	assert.Len(t, stored.TokenHash, 32)

	// Sending again voids the first link.
	f.clock.Advance(24 * time.Hour)
	inv, second, err := f.svc.ResendInvitation(f.ctx, f.principal, inv.ID)
	require.NoError(t, err)
	assert.NotEqual(t, first, second)
	assert.Equal(t, 2, inv.SentCount)
	assert.Equal(t, f.clock.Now().Add(14*24*time.Hour), inv.ExpiresAt)

	sophie := f.user("sophie@acme-genie.ca", "Sophie")
	_, err = f.svc.AcceptInvitation(f.ctx, sophie.ID, first)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")
	stranger := f.user("autre@acme-genie.ca", "Autre")
	_, err = f.svc.AcceptInvitation(f.ctx, stranger.ID, second)
	requireRefused(t, err, group.ErrForbidden, "invitation.wrong_email")

	m, err := f.svc.AcceptInvitation(f.ctx, sophie.ID, second)
	require.NoError(t, err)
	assert.Equal(t, []group.Role{group.PostingManager}, m.Roles)
	assert.True(t, m.Active)
	sophie, _ = f.svc.User(f.ctx, sophie.ID)
	assert.Equal(t, f.company.ID, sophie.CompanyID)
	_, err = f.svc.AcceptInvitation(f.ctx, sophie.ID, second)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")
	_, _, err = f.svc.ResendInvitation(f.ctx, f.principal, inv.ID)
	requireRefused(t, err, group.ErrNotAllowed, "invitation.closed")
}

func TestInvitationExpiresAndIsRevocable(t *testing.T) {
	f := newFixture(t)
	inv, token, err := f.svc.Invite(f.ctx, f.principal, "luc@acme-genie.ca", group.FinanceManager)
	require.NoError(t, err)
	luc := f.user("luc@acme-genie.ca", "Luc")
	f.clock.Advance(14 * 24 * time.Hour)
	_, err = f.svc.AcceptInvitation(f.ctx, luc.ID, token)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")

	// An expired invitation can be sent again; a revoked one cannot be used.
	_, token, err = f.svc.ResendInvitation(f.ctx, f.principal, inv.ID)
	require.NoError(t, err)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)
	_, err = f.svc.RevokeInvitation(f.ctx, posting, inv.ID)
	requireRefused(t, err, group.ErrForbidden, "forbidden.manage_members")
	inv, err = f.svc.RevokeInvitation(f.ctx, f.principal, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, group.InvitationRevoked, inv.Status)
	_, err = f.svc.AcceptInvitation(f.ctx, luc.ID, token)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")

	list, err := f.svc.Invitations(f.ctx, posting, page.Page{})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)

	// The inviter may revoke their own invitation without ManageMembers.
	own, _, err := f.svc.Invite(f.ctx, posting, "eve@acme-genie.ca", group.PostingManager)
	require.NoError(t, err)
	_, err = f.svc.RevokeInvitation(f.ctx, posting, own.ID)
	assert.NoError(t, err)
}

func TestInvitationTTLIsConfigurable(t *testing.T) {
	store := memory.New()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	svc := group.New(store, &group.Options{Now: func() time.Time { return now }, InvitationTTL: 48 * time.Hour})
	ctx := context.Background()
	u, err := svc.RegisterUser(ctx, "a@firme.ca", group.UserProfile{FirstName: "A", LastName: "B"})
	require.NoError(t, err)
	_, req, err := svc.RequestCompany(ctx, u.ID, validCompany())
	require.NoError(t, err)
	_, g, err := svc.ApproveGroupRequest(ctx, boardAdmin(t, svc), req.ID)
	require.NoError(t, err)
	inv, _, err := svc.Invite(ctx, group.Actor{UserID: u.ID, GroupID: g.ID}, "b@firme.ca", group.PostingManager)
	require.NoError(t, err)
	assert.Equal(t, now.Add(48*time.Hour), inv.ExpiresAt)
}

func TestEmailChange(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.RequestEmailChange(f.ctx, f.marie.ID, "marie@yahoo.ca")
	requireInvalid(t, err, "email:email.free_domain")
	_, err = f.svc.RequestEmailChange(f.ctx, f.marie.ID, "MARIE@acme-genie.ca")
	requireInvalid(t, err, "email:email.unchanged")
	f.user("pris@acme-genie.ca", "Pris")
	_, err = f.svc.RequestEmailChange(f.ctx, f.marie.ID, "pris@acme-genie.ca")
	requireInvalid(t, err, "email:email.taken")

	token, err := f.svc.RequestEmailChange(f.ctx, f.marie.ID, "m.tremblay@acme-genie.ca")
	require.NoError(t, err)
	u, _ := f.svc.User(f.ctx, f.marie.ID)
	assert.Equal(t, "marie@acme-genie.ca", u.Email, "the old address stays the login until verified")
	assert.Equal(t, "m.tremblay@acme-genie.ca", u.PendingEmail)

	// Editing the profile never touches the e-mail.
	u, err = f.svc.UpdateUserProfile(f.ctx, f.marie.ID, group.UserProfile{FirstName: "Marie", LastName: "Tremblay", Function: "VP"})
	require.NoError(t, err)
	assert.Equal(t, "marie@acme-genie.ca", u.Email)
	assert.Equal(t, "VP", u.Function)

	_, err = f.svc.ConfirmEmailChange(f.ctx, "wrong")
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")
	u, err = f.svc.ConfirmEmailChange(f.ctx, token)
	require.NoError(t, err)
	assert.Equal(t, "m.tremblay@acme-genie.ca", u.Email)
	assert.Empty(t, u.PendingEmail)
	_, err = f.svc.ConfirmEmailChange(f.ctx, token)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")
	got, err := f.svc.UserByEmail(f.ctx, "M.Tremblay@acme-genie.ca")
	require.NoError(t, err)
	assert.Equal(t, f.marie.ID, got.ID)

	// An expired link does nothing.
	token, err = f.svc.RequestEmailChange(f.ctx, f.marie.ID, "marie2@acme-genie.ca")
	require.NoError(t, err)
	f.clock.Advance(group.DefaultEmailChangeTTL)
	_, err = f.svc.ConfirmEmailChange(f.ctx, token)
	requireRefused(t, err, group.ErrInvalidToken, "token.invalid")
}

func TestProfileAndCompanyEditing(t *testing.T) {
	f := newFixture(t)
	posting := f.member("poste@acme-genie.ca", group.PostingManager)
	err := f.svc.CheckReadyToPost(f.ctx, f.group.ID)
	requireInvalid(t, err, "profile.logo:required", "profile.name:required", "profile.description:required", "profile.website:required",
		"profile.address:required", "profile.phone:required", "profile.company_description:required")

	_, err = f.svc.UpdateProfile(f.ctx, posting, group.Profile{Name: "Acme"})
	requireRefused(t, err, group.ErrForbidden, "forbidden.edit_company")
	_, err = f.svc.UpdateProfile(f.ctx, f.principal, group.Profile{Website: "javascript:alert(1)", Phone: "12"})
	requireInvalid(t, err, "website:url.format", "phone:phone.format")

	g, err := f.svc.UpdateProfile(f.ctx, f.principal, group.Profile{Name: "Acme", Logo: "logo.png"})
	require.NoError(t, err, "an incomplete profile may be saved")
	assert.Equal(t, int64(2), g.Version)
	_, err = f.svc.UpdateProfile(f.ctx, f.principal, group.Profile{
		Logo: "logo.png", Name: "Acme", Description: i18n.Text{FR: "Génie"}, Website: "https://acme.example",
		Address: group.Address{Street: "1 rue A", City: "Laval", Province: "qc", PostalCode: "H7N1A1"}, Phone: "450-555-0100",
		CompanyDescription: i18n.Text{FR: "Fondée en 1970"},
	})
	require.NoError(t, err)
	assert.NoError(t, f.svc.CheckReadyToPost(f.ctx, f.group.ID))

	in := validCompany()
	in.LegalName = "Acme Génie inc."
	_, err = f.svc.UpdateCompany(f.ctx, posting, in)
	requireRefused(t, err, group.ErrForbidden, "forbidden.edit_company")
	c, err := f.svc.UpdateCompany(f.ctx, f.principal, in)
	require.NoError(t, err)
	assert.Equal(t, "Acme Génie inc.", c.LegalName)
	in.Phone = ""
	_, err = f.svc.UpdateCompany(f.ctx, f.principal, in)
	requireInvalid(t, err, "phone:required")
}

func TestForbiddenActionsWriteNothing(t *testing.T) {
	f := newFixture(t)
	finance := f.member("f@acme-genie.ca", group.FinanceManager)
	target := f.member("t@acme-genie.ca", group.PostingManager)
	before := f.events()
	g0, _ := f.svc.Group(f.ctx, f.group.ID)
	for name, err := range map[string]error{
		"set roles": func() error { _, err := f.svc.SetRoles(f.ctx, finance, target.UserID, group.Principal); return err }(),
		"remove":    func() error { _, err := f.svc.RemoveMember(f.ctx, finance, target.UserID); return err }(),
		"add":       func() error { _, err := f.svc.AddMember(f.ctx, finance, uuid.New(), group.Principal); return err }(),
		"profile":   func() error { _, err := f.svc.UpdateProfile(f.ctx, finance, group.Profile{Name: "X"}); return err }(),
	} {
		assert.ErrorIs(t, err, group.ErrForbidden, name)
	}
	assert.Equal(t, before, f.events())
	g1, _ := f.svc.Group(f.ctx, f.group.ID)
	assert.Equal(t, g0, g1)
	m, _ := f.store.Membership(f.ctx, f.group.ID, target.UserID)
	assert.Equal(t, []group.Role{group.PostingManager}, m.Roles)
}

func TestEventsCarryWhatTheMailerNeeds(t *testing.T) {
	f := newFixture(t)
	jean := f.user("jean@acme-genie.ca", "Jean")
	req, err := f.svc.RequestToJoin(f.ctx, jean.ID, f.group.ID)
	require.NoError(t, err)
	_, err = f.svc.RefuseJoinRequest(f.ctx, f.principal, req.ID, "Poste comblé")
	require.NoError(t, err)
	evs, err := f.store.ClaimEvents(f.ctx, "w", 100, time.Minute, f.clock.Now())
	require.NoError(t, err)
	last := evs[len(evs)-1]
	assert.Equal(t, group.TopicJoinRequestRefused, last.Topic)
	assert.Equal(t, f.group.ID, last.GroupID)
	assert.Equal(t, req.ID, last.Subject)
	assert.JSONEq(t, `{"request_id":"`+req.ID.String()+`","user_id":"`+jean.ID.String()+`","company_id":"`+f.company.ID.String()+
		`","group_id":"`+f.group.ID.String()+`","new_group":false,"status":"refused","decided_by":"`+f.marie.ID.String()+
		`","reason":"Poste comblé"}`, string(last.Payload))
	assert.False(t, errors.Is(err, storage.ErrNotFound))
}
