package group_test

import (
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStaffRosterPages: the roster is a paged list, oldest first (added
// time, then user ID), removed members included; a re-added member moves
// to the end; a bad cursor or size is a validation error; a caller without
// PowerManageStaff is refused before any fault of the page is looked at.
func TestStaffRosterPages(t *testing.T) {
	f := newFixture(t)
	admin := f.moderator
	want := []uuid.UUID{admin.ID}
	var mods []group.Moderator
	for range 5 {
		f.clock.Advance(time.Second)
		m := staffMember(t, f.svc, admin, group.StaffModerator)
		mods = append(mods, m)
		want = append(want, m.ID)
	}
	f.clock.Advance(time.Second)
	_, err := f.svc.RemoveStaff(f.ctx, admin, mods[1].ID)
	require.NoError(t, err)

	list := func(p page.Page) (page.Result[group.Staff], error) { return f.svc.StaffRoster(f.ctx, admin, p) }
	got := walk(t, 2, list)
	assert.Equal(t, want, staffIDs(got), "oldest first, the removed member in place")
	assert.False(t, got[2].Active)

	f.clock.Advance(time.Second)
	_, err = f.svc.AddStaff(f.ctx, admin, mods[1].ID, group.StaffFinance)
	require.NoError(t, err)
	got = walk(t, 4, list)
	assert.Equal(t, append(append(append([]uuid.UUID{}, want[:2]...), want[3:]...), mods[1].ID), staffIDs(got), "re-added: last")

	first, err := list(page.Page{})
	require.NoError(t, err)
	assert.Len(t, first.Items, 6, "the default size holds them all")
	assert.Empty(t, first.Next)
	one, err := list(page.Page{Limit: 1})
	require.NoError(t, err)
	assert.Len(t, one.Items, 1)
	assert.NotEmpty(t, one.Next)

	_, err = list(page.Page{After: "garbage"})
	requireInvalid(t, err, "after:page.cursor")
	_, err = list(page.Page{Limit: -1})
	requireInvalid(t, err, "limit:page.limit")

	for _, by := range []group.Moderator{mods[0], {}, {ID: uuid.New()}, {ID: f.marie.ID}} {
		_, err = f.svc.StaffRoster(f.ctx, by, page.Page{After: "garbage"})
		refusal(t, err, group.ErrForbidden)
	}
}

func staffIDs(list []group.Staff) []uuid.UUID {
	out := make([]uuid.UUID, len(list))
	for i, st := range list {
		out[i] = st.UserID
	}
	return out
}

// TestStaffRolesInput: AddStaff and SetStaffRoles take one to ten board
// roles (repeats included, more refused before any is read), known ones,
// kept once each in StaffRoles order; a caller without PowerManageStaff is
// refused before the input is looked at; no error writes anything.
func TestStaffRolesInput(t *testing.T) {
	f := newFixture(t)
	admin := f.moderator
	mod := staffMember(t, f.svc, admin, group.StaffModerator)
	before := f.events()
	many := make([]group.StaffRole, 11)
	for i := range many {
		many[i] = group.StaffFinance
	}
	bad := map[string][]group.StaffRole{
		"roles:staff_roles.required": nil,
		"roles:staff_role.unknown":   {group.StaffModerator, "owner"},
		"roles:too_many":             many,
	}
	for code, roles := range bad {
		_, err := f.svc.AddStaff(f.ctx, admin, uuid.New(), roles...)
		requireInvalid(t, err, code)
		_, err = f.svc.SetStaffRoles(f.ctx, admin, mod.ID, roles...)
		requireInvalid(t, err, code)
		_, err = f.svc.AddStaff(f.ctx, mod, uuid.New(), roles...)
		assert.Equal(t, "forbidden.staff.manage_staff", refusal(t, err, group.ErrForbidden), "refused before the input")
	}
	_, err := f.svc.AddStaff(f.ctx, admin, uuid.Nil, group.StaffFinance)
	requireInvalid(t, err, "user_id:required")
	assert.Equal(t, before, f.events(), "the errors wrote nothing")

	st, err := f.svc.AddStaff(f.ctx, admin, uuid.New(), many[:10]...)
	require.NoError(t, err, "ten roles, repeats included")
	assert.Equal(t, []group.StaffRole{group.StaffFinance}, st.Roles)
	st, err = f.svc.SetStaffRoles(f.ctx, admin, st.UserID, group.StaffFinance, group.StaffAdmin, group.StaffFinance, group.StaffModerator)
	require.NoError(t, err)
	assert.Equal(t, group.StaffRoles(), st.Roles, "once each, in StaffRoles order")
}

// TestStaffPowerMatrixIsAFreshCopy: changing a returned matrix changes
// neither the next one nor what the roles may do; each row is described in
// both languages; an unknown role is named by its own code.
func TestStaffPowerMatrixIsAFreshCopy(t *testing.T) {
	want := group.StaffPowerMatrix()
	rows := group.StaffPowerMatrix()
	for i := range rows {
		rows[i].Roles[0] = "owner"
		rows[i].FR, rows[i].Power = "", ""
	}
	assert.Equal(t, want, group.StaffPowerMatrix())
	assert.True(t, group.StaffCan(group.StaffAdmin, group.PowerManageStaff))
	powers := group.StaffPowers()
	require.Len(t, want, len(powers))
	for i, row := range want {
		assert.Equal(t, powers[i], row.Power, "StaffPowers is in the matrix's order")
		assert.NotEmpty(t, row.FR)
		assert.NotEmpty(t, row.EN)
		assert.NotEqual(t, row.FR, row.EN)
		assert.Contains(t, row.Roles, group.StaffAdmin, "an admin holds every power")
	}
	fr, en := group.StaffRole("owner").Name()
	assert.Equal(t, "owner", fr)
	assert.Equal(t, "owner", en)
	assert.False(t, group.StaffRole("owner").Valid())
}
