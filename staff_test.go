package babillard_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/babillard/babillard"
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

// boardCall is one board entry point, called by m.
type boardCall struct {
	name string // package.Method
	call func(m group.Moderator) error
}

// staffWorld is a world with an offer waiting for validation, a pending
// request for a new group, and staff members of each board role.
type staffWorld struct {
	*world
	admin, moderator, finance group.Moderator
	offer                     offer.Offer
	request                   group.JoinRequest
	second                    uuid.UUID
}

func newStaffWorld(t *testing.T, store babillard.Store) *staffWorld {
	t.Helper()
	w := &staffWorld{world: newWorld(t, store)}
	w.admin = w.world.moderator // bootstrapped by newWorld
	g := w.board.Groups
	mod, err := g.AddStaff(w.ctx, w.admin, uuid.New(), group.StaffModerator)
	require.NoError(t, err)
	fin, err := g.AddStaff(w.ctx, w.admin, uuid.New(), group.StaffFinance)
	require.NoError(t, err)
	w.moderator, w.finance = group.Moderator{ID: mod.UserID}, group.Moderator{ID: fin.UserID}
	w.grant(billing.EngineerPosting, 2)
	w.offer, _, err = w.board.Offers.Create(w.ctx, w.jean, jobContent())
	require.NoError(t, err)
	w.offer, err = w.board.Offers.Submit(w.ctx, w.jean, w.offer.ID)
	require.NoError(t, err)
	u, err := g.RegisterUser(w.ctx, "paul@acme-genie.ca", group.UserProfile{FirstName: "Paul", LastName: "Roy"})
	require.NoError(t, err)
	w.request, err = g.RequestGroup(w.ctx, u.ID, w.companyID(), "Bureau de Québec")
	require.NoError(t, err)
	second, err := g.CreateGroup(w.ctx, w.moderator, w.companyID(), "Bureau de Laval")
	require.NoError(t, err)
	w.second = second.ID
	return w
}

func (w *staffWorld) companyID() uuid.UUID {
	w.t.Helper()
	grp, err := w.board.Groups.Group(w.ctx, w.marie.GroupID)
	require.NoError(w.t, err)
	return grp.CompanyID
}

// calls lists every board entry point of the group, billing and offer
// services, each with valid arguments: only the caller's staff powers can
// make it fail.
func (w *staffWorld) calls() []boardCall {
	ctx, b := w.ctx, w.board
	g, o := w.marie.GroupID, w.offer.ID
	company := group.CompanyInput{LegalName: "Nouvelle firme inc.", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1, rue Principale", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"}}
	companyID := w.companyID()
	return []boardCall{
		{"group.CreateCompany", func(m group.Moderator) error { _, _, err := b.Groups.CreateCompany(ctx, m, company); return err }},
		{"group.CreateGroup", func(m group.Moderator) error {
			_, err := b.Groups.CreateGroup(ctx, m, companyID, "Bureau de Gatineau")
			return err
		}},
		{"group.PendingGroupRequests", func(m group.Moderator) error {
			_, err := b.Groups.PendingGroupRequests(ctx, m, page.Page{})
			return err
		}},
		{"group.ApproveGroupRequest", func(m group.Moderator) error {
			_, _, err := b.Groups.ApproveGroupRequest(ctx, m, w.request.ID)
			return err
		}},
		{"group.RefuseGroupRequest", func(m group.Moderator) error {
			_, err := b.Groups.RefuseGroupRequest(ctx, m, w.request.ID, "")
			return err
		}},
		{"group.AuthorizeStaff", func(m group.Moderator) error { return b.Groups.AuthorizeStaff(ctx, m, group.PowerModerateOffers) }},
		{"group.AddStaff", func(m group.Moderator) error {
			_, err := b.Groups.AddStaff(ctx, m, uuid.New(), group.StaffModerator)
			return err
		}},
		{"group.SetStaffRoles", func(m group.Moderator) error {
			_, err := b.Groups.SetStaffRoles(ctx, m, w.finance.ID, group.StaffFinance, group.StaffModerator)
			return err
		}},
		{"group.RemoveStaff", func(m group.Moderator) error { _, err := b.Groups.RemoveStaff(ctx, m, w.finance.ID); return err }},
		{"group.Staff", func(m group.Moderator) error { _, err := b.Groups.Staff(ctx, m, w.admin.ID); return err }},
		{"group.StaffRoster", func(m group.Moderator) error { _, err := b.Groups.StaffRoster(ctx, m, page.Page{}); return err }},
		{"group.InviteByBoard", func(m group.Moderator) error {
			_, _, err := b.Groups.InviteByBoard(ctx, m, w.second, "pierre@acme-genie.ca")
			return err
		}},
		{"group.DeleteUserByBoard", func(m group.Moderator) error {
			_, err := b.Groups.DeleteUserByBoard(ctx, m, w.marie.UserID)
			return err
		}},
		{"group.ExportUserByBoard", func(m group.Moderator) error {
			_, err := b.Groups.ExportUserByBoard(ctx, m, w.marie.UserID)
			return err
		}},
		{"babillard.DeleteUserByBoard", func(m group.Moderator) error {
			_, err := b.DeleteUserByBoard(ctx, m, w.request.UserID)
			return err
		}},
		{"babillard.ExportUserByBoard", func(m group.Moderator) error {
			_, err := b.ExportUserByBoard(ctx, m, w.request.UserID)
			return err
		}},
		{"billing.Grant", func(m group.Moderator) error {
			_, err := b.Billing.Grant(ctx, m, billing.GrantInput{GroupID: g, Product: billing.Featured, Quantity: 3})
			return err
		}},
		{"billing.Transfer", func(m group.Moderator) error {
			_, err := b.Billing.Transfer(ctx, m, billing.TransferInput{From: g, To: w.second, Product: billing.EngineerPosting, Quantity: 1})
			return err
		}},
		{"billing.ReleaseByBoard", func(m group.Moderator) error {
			_, err := b.Billing.ReleaseByBoard(ctx, m, o, billing.EngineerPosting)
			return err
		}},
		{"billing.Consume", func(m group.Moderator) error {
			_, err := b.Billing.Consume(ctx, m, o, billing.EngineerPosting)
			return err
		}},
		{"billing.BalancesOf", func(m group.Moderator) error { _, err := b.Billing.BalancesOf(ctx, m, g); return err }},
		{"billing.StatementOf", func(m group.Moderator) error {
			_, err := b.Billing.StatementOf(ctx, m, billing.EntryQuery{GroupID: g}, page.Page{})
			return err
		}},
		{"offer.GetByBoard", func(m group.Moderator) error { _, err := b.Offers.GetByBoard(ctx, m, o); return err }},
		{"offer.HistoryByBoard", func(m group.Moderator) error { _, err := b.Offers.HistoryByBoard(ctx, m, o, page.Page{}); return err }},
		{"offer.ValidationQueue", func(m group.Moderator) error { _, err := b.Offers.ValidationQueue(ctx, m, page.Page{}); return err }},
		{"offer.Approve", func(m group.Moderator) error { _, err := b.Offers.Approve(ctx, m, o); return err }},
		{"offer.Refuse", func(m group.Moderator) error {
			_, err := b.Offers.Refuse(ctx, m, o, "Précisez le salaire.")
			return err
		}},
		{"offer.CancelByBoard", func(m group.Moderator) error { _, err := b.Offers.CancelByBoard(ctx, m, o, ""); return err }},
		{"offer.ApproveRevision", func(m group.Moderator) error { _, err := b.Offers.ApproveRevision(ctx, m, o); return err }},
		{"offer.RefuseRevision", func(m group.Moderator) error { _, err := b.Offers.RefuseRevision(ctx, m, o, "Non."); return err }},
		{"offer.Withdraw", func(m group.Moderator) error { _, err := b.Offers.Withdraw(ctx, m, o, "Non conforme."); return err }},
		{"offer.PushDeadline", func(m group.Moderator) error {
			_, err := b.Offers.PushDeadline(ctx, m, o, canada.Date{Year: 2026, Month: 9, Day: 30})
			return err
		}},
		{"offer.Moderate", func(m group.Moderator) error {
			c := w.offer.Content
			sel := offer.Selections{FunctionType: c.FunctionType, EmploymentType: c.EmploymentType, PositionStatus: c.PositionStatus,
				Domains: c.Domains, WorkArrangement: c.WorkArrangement, Workplace: c.Workplace, Interests: c.Interests}
			_, err := b.Offers.Moderate(ctx, m, o, sel, "Domaines revus.")
			return err
		}},
	}
}

// snapshot is what a refused board call must leave as it was.
type snapshot struct {
	offer    offer.Offer
	balances [][]billing.Balance
	roster   []group.Staff
	requests []group.JoinRequest
	groups   []group.Group
	user     group.User // the requester of w.request, whom the privacy calls name
}

func (w *staffWorld) snapshot() snapshot {
	w.t.Helper()
	var s snapshot
	var err error
	s.offer, err = w.board.Offers.GetByBoard(w.ctx, w.admin, w.offer.ID)
	require.NoError(w.t, err)
	for _, g := range []uuid.UUID{w.marie.GroupID, w.second} {
		bal, err := w.board.Billing.BalancesOf(w.ctx, w.admin, g)
		require.NoError(w.t, err)
		s.balances = append(s.balances, bal)
	}
	roster, err := w.board.Groups.StaffRoster(w.ctx, w.admin, page.Page{Limit: page.MaxLimit})
	require.NoError(w.t, err)
	s.roster = roster.Items
	requests, err := w.board.Groups.PendingGroupRequests(w.ctx, w.admin, page.Page{Limit: page.MaxLimit})
	require.NoError(w.t, err)
	s.requests = requests.Items
	s.groups, err = w.board.Store.GroupsOfCompany(w.ctx, w.companyID())
	require.NoError(w.t, err)
	s.user, err = w.board.Groups.User(w.ctx, w.request.UserID)
	require.NoError(w.t, err)
	return s
}

// TestBoardEntryPointsRefuseWhoIsNotOnTheRoster: a Moderator value is only
// an ID; whoever is not an active staff member of the roster is refused by
// every board entry point, with an *i18n.Error unwrapping to
// group.ErrForbidden, and nothing is written.
func TestBoardEntryPointsRefuseWhoIsNotOnTheRoster(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newStaffWorld(t, store)
		gone, err := w.board.Groups.AddStaff(w.ctx, w.admin, uuid.New(), group.StaffAdmin, group.StaffModerator, group.StaffFinance)
		require.NoError(t, err)
		_, err = w.board.Groups.RemoveStaff(w.ctx, w.admin, gone.UserID)
		require.NoError(t, err)
		marie := group.Moderator{ID: w.marie.UserID} // a Principal, not staff
		strangers := map[string]group.Moderator{
			"no ID":               {},
			"an unknown ID":       {ID: uuid.New()},
			"a group's Principal": marie,
			"a removed admin":     {ID: gone.UserID},
		}
		before := w.snapshot()
		for _, c := range w.calls() {
			for who, m := range strangers {
				err := c.call(m)
				require.ErrorIs(t, err, group.ErrForbidden, "%s by %s", c.name, who)
				var ie *i18n.Error
				require.ErrorAs(t, err, &ie, "%s by %s", c.name, who)
				assert.Equal(t, "forbidden.moderator", ie.Code, "%s by %s", c.name, who)
				assert.NotEmpty(t, ie.Message.FR, "%s by %s", c.name, who)
			}
		}
		assert.Equal(t, before, w.snapshot(), "refused board calls write nothing")
	})
}

// TestBoardEntryPointsAreAllInTheTable: every method of the Board and of
// its three services that takes a group.Moderator is in the refusal table
// above.
func TestBoardEntryPointsAreAllInTheTable(t *testing.T) {
	w := newStaffWorld(t, memory.New())
	var inTable []string
	for _, c := range w.calls() {
		inTable = append(inTable, c.name)
	}
	modType := reflect.TypeFor[group.Moderator]()
	for pkg, v := range map[string]any{"babillard": w.board, "group": w.board.Groups, "billing": w.board.Billing, "offer": w.board.Offers} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			for j := range m.Type.NumIn() {
				if m.Type.In(j) == modType {
					assert.Contains(t, inTable, pkg+"."+m.Name, "a board entry point missing from the refusal table")
				}
			}
		}
	}
}

// TestStaffPowersFollowTheBoardRoles: finance staff cannot moderate
// offers, moderators cannot touch credits; each may do their own part.
func TestStaffPowersFollowTheBoardRoles(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newStaffWorld(t, store)
		want := map[group.StaffRole][]string{
			group.StaffModerator: {"group.CreateCompany", "group.CreateGroup", "group.InviteByBoard", "group.PendingGroupRequests", "group.ApproveGroupRequest",
				"group.RefuseGroupRequest", "group.AuthorizeStaff", "billing.ReleaseByBoard", "billing.Consume", "offer.GetByBoard",
				"offer.HistoryByBoard", "offer.ValidationQueue", "offer.Approve", "offer.Refuse", "offer.CancelByBoard",
				"offer.ApproveRevision", "offer.RefuseRevision", "offer.Withdraw", "offer.PushDeadline", "offer.Moderate"},
			group.StaffFinance: {"billing.Grant", "billing.Transfer", "billing.BalancesOf", "billing.StatementOf"},
		}
		for role, m := range map[group.StaffRole]group.Moderator{group.StaffModerator: w.moderator, group.StaffFinance: w.finance} {
			for _, c := range w.calls() {
				if slices.Contains(want[role], c.name) {
					continue // allowed; its success depends on the state, tested elsewhere
				}
				before := w.snapshot()
				err := c.call(m)
				require.ErrorIs(t, err, group.ErrForbidden, "%s by %s staff", c.name, role)
				var ie *i18n.Error
				require.ErrorAs(t, err, &ie)
				assert.Regexp(t, `^forbidden\.staff\.`, ie.Code, "%s by %s staff", c.name, role)
				assert.Equal(t, before, w.snapshot(), "%s by %s staff writes nothing", c.name, role)
			}
		}

		// Finance-only staff cannot approve offers; a moderator can.
		_, err := w.board.Offers.Approve(w.ctx, w.finance, w.offer.ID)
		assert.ErrorIs(t, err, group.ErrForbidden)
		assert.Equal(t, "forbidden.staff.moderate_offers", code(err))
		o, err := w.board.Offers.Approve(w.ctx, w.moderator, w.offer.ID)
		require.NoError(t, err)
		assert.Equal(t, offer.Published, o.Status)

		// A moderator cannot grant credits; finance can.
		in := billing.GrantInput{GroupID: w.marie.GroupID, Product: billing.Featured, Quantity: 2}
		_, err = w.board.Billing.Grant(w.ctx, w.moderator, in)
		assert.ErrorIs(t, err, group.ErrForbidden)
		assert.Equal(t, "forbidden.staff.grant_credits", code(err))
		_, err = w.board.Billing.Grant(w.ctx, w.finance, in)
		require.NoError(t, err)
		assert.Equal(t, 2, w.balance(billing.Featured).Granted)
	})
}

// TestRemovedStaffLoseTheirPowersAtOnce: the call right after the removal
// is refused; brought back, they act again.
func TestRemovedStaffLoseTheirPowersAtOnce(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newStaffWorld(t, store)
		_, err := w.board.Offers.ValidationQueue(w.ctx, w.moderator, page.Page{})
		require.NoError(t, err)
		_, err = w.board.Groups.RemoveStaff(w.ctx, w.admin, w.moderator.ID)
		require.NoError(t, err)
		_, err = w.board.Offers.Approve(w.ctx, w.moderator, w.offer.ID)
		assert.ErrorIs(t, err, group.ErrForbidden)
		_, err = w.board.Offers.ValidationQueue(w.ctx, w.moderator, page.Page{})
		assert.ErrorIs(t, err, group.ErrForbidden)
		_, err = w.board.Billing.Consume(w.ctx, w.moderator, w.offer.ID, billing.EngineerPosting)
		assert.ErrorIs(t, err, group.ErrForbidden)
		_, _, err = w.board.Groups.ApproveGroupRequest(w.ctx, w.moderator, w.request.ID)
		assert.ErrorIs(t, err, group.ErrForbidden)
		got, err := w.board.Offers.GetByBoard(w.ctx, w.admin, w.offer.ID)
		require.NoError(t, err)
		assert.Equal(t, offer.InValidation, got.Status)

		// Finance loses the finance role: refused at once, though still staff.
		_, err = w.board.Groups.SetStaffRoles(w.ctx, w.admin, w.finance.ID, group.StaffModerator)
		require.NoError(t, err)
		_, err = w.board.Billing.BalancesOf(w.ctx, w.finance, w.marie.GroupID)
		assert.ErrorIs(t, err, group.ErrForbidden)

		_, err = w.board.Groups.AddStaff(w.ctx, w.admin, w.moderator.ID, group.StaffModerator)
		require.NoError(t, err)
		o, err := w.board.Offers.Approve(w.ctx, w.moderator, w.offer.ID)
		require.NoError(t, err)
		assert.Equal(t, offer.Published, o.Status)
	})
}

// code returns the stable code of an *i18n.Error, or "".
func code(err error) string {
	var ie *i18n.Error
	if errors.As(err, &ie) {
		return ie.Code
	}
	return ""
}
