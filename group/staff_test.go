package group_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/clocktest"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refusal returns the stable code of err, failing unless it is an
// *i18n.Error unwrapping to target.
func refusal(t *testing.T, err error, target error) string {
	t.Helper()
	require.ErrorIs(t, err, target)
	var ie *i18n.Error
	require.ErrorAs(t, err, &ie)
	assert.NotEmpty(t, ie.Message.FR)
	assert.NotEmpty(t, ie.Message.EN)
	return ie.Code
}

func TestStaffPowerMatrix(t *testing.T) {
	for _, p := range group.StaffPowers() {
		assert.True(t, group.StaffCan(group.StaffAdmin, p), "an admin holds %s", p)
	}
	assert.True(t, group.StaffCan(group.StaffModerator, group.PowerModerateOffers))
	assert.False(t, group.StaffCan(group.StaffModerator, group.PowerGrantCredits))
	assert.False(t, group.StaffCan(group.StaffModerator, group.PowerManageStaff))
	assert.True(t, group.StaffCan(group.StaffFinance, group.PowerGrantCredits))
	assert.False(t, group.StaffCan(group.StaffFinance, group.PowerModerateOffers))
	assert.False(t, group.StaffCan(group.StaffFinance, group.PowerManageStaff))
	assert.False(t, group.StaffCan("owner", group.PowerModerateOffers))
	rows := group.StaffPowerMatrix()
	rows[0].Roles[0] = group.StaffFinance
	assert.True(t, group.StaffCan(group.StaffAdmin, group.StaffPowerMatrix()[0].Power), "the matrix is a fresh copy")
	for _, r := range group.StaffRoles() {
		fr, en := r.Name()
		assert.True(t, r.Valid())
		assert.NotEqual(t, string(r), fr)
		assert.NotEqual(t, string(r), en)
	}
	st := group.Staff{Roles: []group.StaffRole{group.StaffModerator}, Active: true}
	assert.True(t, st.Can(group.PowerModerateOffers))
	st.Active = false
	assert.False(t, st.Can(group.PowerModerateOffers), "a removed member holds no power")
	assert.False(t, st.Has(group.StaffModerator))
}

func TestBootstrapStaffOnce(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC))
	svc := group.New(memory.New(), &group.Options{Now: clock.Now})

	_, err := svc.BootstrapStaff(ctx, uuid.Nil)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("user_id", "required"))

	id := uuid.New()
	st, err := svc.BootstrapStaff(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, group.Staff{UserID: id, Roles: []group.StaffRole{group.StaffAdmin}, Active: true, AddedAt: clock.Now(), Version: 1}, st)
	admin := group.Moderator{ID: id}
	require.NoError(t, svc.AuthorizeStaff(ctx, admin, group.PowerManageStaff))

	for _, other := range []uuid.UUID{uuid.New(), id} {
		_, err = svc.BootstrapStaff(ctx, other)
		assert.Equal(t, "staff.bootstrap_closed", refusal(t, err, group.ErrNotAllowed), "a running board cannot be taken over")
	}
	roster, err := svc.StaffRoster(ctx, admin, page.Page{})
	require.NoError(t, err)
	assert.Equal(t, page.Result[group.Staff]{Items: []group.Staff{st}}, roster)
}

// Of many bootstraps at once, one wins; the others are refused.
func TestConcurrentBootstrapsOneWins(t *testing.T) {
	testConcurrentBootstraps(t, memory.New())
}

func testConcurrentBootstraps(t *testing.T, store group.Store) {
	ctx := context.Background()
	svc := group.New(store, nil)
	const n = 16
	var won, refused atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, err := svc.BootstrapStaff(ctx, uuid.New())
			switch {
			case err == nil:
				won.Add(1)
			case errors.Is(err, group.ErrNotAllowed):
				refused.Add(1)
			default:
				t.Errorf("bootstrap: %v", err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), won.Load())
	assert.Equal(t, int32(n-1), refused.Load())
	roster, err := store.StaffRoster(ctx)
	require.NoError(t, err)
	assert.Len(t, roster, 1)
}

func TestStaffRoster(t *testing.T) {
	f := newFixture(t)
	ctx, svc, admin := f.ctx, f.svc, f.moderator
	modID, finID := uuid.New(), uuid.New()

	// Validation comes after the refusal, and lists the faulty fields.
	_, err := svc.AddStaff(ctx, admin, uuid.Nil)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("user_id", "required"))
	_, err = svc.AddStaff(ctx, admin, modID)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("roles", "staff_roles.required"))
	_, err = svc.AddStaff(ctx, admin, modID, group.StaffModerator, "owner")
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("roles", "staff_role.unknown"))

	f.clock.Advance(time.Hour)
	mod, err := svc.AddStaff(ctx, admin, modID, group.StaffModerator, group.StaffModerator)
	require.NoError(t, err)
	assert.Equal(t, group.Staff{UserID: modID, Roles: []group.StaffRole{group.StaffModerator}, Active: true, AddedBy: admin.ID,
		AddedAt: f.clock.Now(), Version: 1}, mod)
	fin, err := svc.AddStaff(ctx, admin, finID, group.StaffFinance, group.StaffAdmin)
	require.NoError(t, err)
	assert.Equal(t, []group.StaffRole{group.StaffAdmin, group.StaffFinance}, fin.Roles, "roles in StaffRoles order")
	_, err = svc.AddStaff(ctx, admin, modID, group.StaffFinance)
	assert.Equal(t, "staff.already", refusal(t, err, group.ErrNotAllowed))

	// Only admins manage the roster; anyone else is refused before validation.
	moderator := group.Moderator{ID: modID}
	for name, by := range map[string]group.Moderator{"a moderator": moderator, "a stranger": {ID: uuid.New()}, "no one": {}} {
		_, err = svc.AddStaff(ctx, by, uuid.Nil)
		refusal(t, err, group.ErrForbidden)
		_, err = svc.SetStaffRoles(ctx, by, modID, group.StaffAdmin)
		refusal(t, err, group.ErrForbidden)
		_, err = svc.RemoveStaff(ctx, by, finID)
		refusal(t, err, group.ErrForbidden)
		_, err = svc.StaffRoster(ctx, by, page.Page{})
		refusal(t, err, group.ErrForbidden)
		_, err = svc.Staff(ctx, by, admin.ID)
		assert.ErrorIs(t, err, group.ErrForbidden, name)
	}
	_, err = svc.AddStaff(ctx, moderator, uuid.New(), group.StaffAdmin)
	assert.Equal(t, "forbidden.staff.manage_staff", refusal(t, err, group.ErrForbidden))

	// A staff member reads their own record; an admin reads anyone's.
	got, err := svc.Staff(ctx, moderator, modID)
	require.NoError(t, err)
	assert.Equal(t, mod, got)
	got, err = svc.Staff(ctx, admin, finID)
	require.NoError(t, err)
	assert.Equal(t, fin, got)
	_, err = svc.Staff(ctx, admin, uuid.New())
	assert.Equal(t, "staff.not_staff", refusal(t, err, group.ErrNotAllowed))

	f.clock.Advance(time.Hour)
	mod, err = svc.SetStaffRoles(ctx, admin, modID, group.StaffFinance, group.StaffModerator)
	require.NoError(t, err)
	assert.Equal(t, []group.StaffRole{group.StaffModerator, group.StaffFinance}, mod.Roles)
	assert.Equal(t, admin.ID, mod.ChangedBy)
	assert.Equal(t, f.clock.Now(), mod.ChangedAt)
	require.NoError(t, svc.AuthorizeStaff(ctx, moderator, group.PowerGrantCredits), "the new roles hold at once")

	removed, err := svc.RemoveStaff(ctx, admin, modID)
	require.NoError(t, err)
	assert.False(t, removed.Active)
	assert.Equal(t, "forbidden.moderator", refusal(t, svc.AuthorizeStaff(ctx, moderator, group.PowerModerateOffers), group.ErrForbidden))
	_, err = svc.Staff(ctx, moderator, modID)
	refusal(t, err, group.ErrForbidden)
	_, err = svc.SetStaffRoles(ctx, admin, modID, group.StaffModerator)
	assert.Equal(t, "staff.not_staff", refusal(t, err, group.ErrNotAllowed))
	_, err = svc.RemoveStaff(ctx, admin, modID)
	assert.Equal(t, "staff.not_staff", refusal(t, err, group.ErrNotAllowed))

	// A removed member comes back with new roles.
	back, err := svc.AddStaff(ctx, admin, modID, group.StaffModerator)
	require.NoError(t, err)
	assert.True(t, back.Active)
	assert.Equal(t, []group.StaffRole{group.StaffModerator}, back.Roles)
	assert.Zero(t, back.ChangedAt)

	roster, err := svc.StaffRoster(ctx, admin, page.Page{})
	require.NoError(t, err)
	var ids []uuid.UUID
	for _, st := range roster.Items {
		ids = append(ids, st.UserID)
	}
	assert.Equal(t, []uuid.UUID{admin.ID, finID, modID}, ids, "by time added")
}

// The roster always keeps one active admin: the last cannot be demoted nor
// removed, not even by themself.
func TestStaffKeepsAnAdmin(t *testing.T) {
	f := newFixture(t)
	ctx, svc, admin := f.ctx, f.svc, f.moderator
	_, err := svc.SetStaffRoles(ctx, admin, admin.ID, group.StaffModerator)
	assert.Equal(t, "staff.last_admin", refusal(t, err, group.ErrNotAllowed))
	_, err = svc.RemoveStaff(ctx, admin, admin.ID)
	assert.Equal(t, "staff.last_admin", refusal(t, err, group.ErrNotAllowed))
	st, err := svc.Staff(ctx, admin, admin.ID)
	require.NoError(t, err)
	assert.True(t, st.Has(group.StaffAdmin), "nothing written")

	second := staffMember(t, svc, admin, group.StaffAdmin)
	_, err = svc.RemoveStaff(ctx, admin, admin.ID)
	require.NoError(t, err, "an admin may leave while another remains")
	_, err = svc.RemoveStaff(ctx, second, second.ID)
	assert.Equal(t, "staff.last_admin", refusal(t, err, group.ErrNotAllowed))
	_, err = svc.BootstrapStaff(ctx, uuid.New())
	assert.Equal(t, "staff.bootstrap_closed", refusal(t, err, group.ErrNotAllowed))
}

// Concurrent demotions of two admins by each other keep one admin.
func TestConcurrentAdminDemotionsKeepOne(t *testing.T) {
	testConcurrentAdminDemotions(t, memory.New())
}

func testConcurrentAdminDemotions(t *testing.T, store group.Store) {
	ctx := context.Background()
	svc := group.New(store, nil)
	a := boardAdmin(t, svc)
	b := staffMember(t, svc, a, group.StaffAdmin)
	var wg sync.WaitGroup
	for _, pair := range [][2]group.Moderator{{a, b}, {b, a}} {
		wg.Go(func() {
			_, err := svc.SetStaffRoles(ctx, pair[0], pair[1].ID, group.StaffModerator)
			if err != nil && !errors.Is(err, group.ErrNotAllowed) && !errors.Is(err, group.ErrForbidden) {
				t.Errorf("demotion: %v", err)
			}
		})
	}
	wg.Wait()
	roster, err := store.StaffRoster(ctx)
	require.NoError(t, err)
	admins := 0
	for _, st := range roster {
		if st.Has(group.StaffAdmin) {
			admins++
		}
	}
	assert.Equal(t, 1, admins)
}

// Every roster change goes to the outbox; refusals write nothing.
func TestStaffEvents(t *testing.T) {
	f := newFixture(t)
	ctx, svc, admin := f.ctx, f.svc, f.moderator
	id := uuid.New()
	_, err := svc.AddStaff(ctx, admin, id, group.StaffModerator)
	require.NoError(t, err)
	_, err = svc.SetStaffRoles(ctx, admin, id, group.StaffFinance)
	require.NoError(t, err)
	_, err = svc.RemoveStaff(ctx, admin, id)
	require.NoError(t, err)
	_, err = svc.RemoveStaff(ctx, admin, admin.ID)
	require.Error(t, err)
	_, err = svc.AddStaff(ctx, group.Moderator{ID: id}, uuid.New(), group.StaffAdmin)
	require.Error(t, err)

	evs, err := f.store.ClaimEvents(ctx, "staff-test", 1000, time.Minute, f.clock.Now().Add(time.Hour))
	require.NoError(t, err)
	type ev struct {
		topic   string
		subject uuid.UUID
		payload group.StaffPayload
	}
	var got []ev
	for _, e := range evs {
		if e.Subject != id && e.Subject != admin.ID {
			continue
		}
		assert.Equal(t, uuid.Nil, e.GroupID)
		var p group.StaffPayload
		require.NoError(t, json.Unmarshal(e.Payload, &p))
		got = append(got, ev{e.Topic, e.Subject, p})
	}
	assert.Equal(t, []ev{
		{group.TopicStaffAdded, admin.ID, group.StaffPayload{UserID: admin.ID, Roles: []group.StaffRole{group.StaffAdmin}, Active: true, Bootstrap: true}},
		{group.TopicStaffAdded, id, group.StaffPayload{UserID: id, Roles: []group.StaffRole{group.StaffModerator}, Active: true, By: admin.ID}},
		{group.TopicStaffRolesChanged, id, group.StaffPayload{UserID: id, Roles: []group.StaffRole{group.StaffFinance}, Active: true, By: admin.ID}},
		{group.TopicStaffRemoved, id, group.StaffPayload{UserID: id, Roles: []group.StaffRole{group.StaffFinance}, By: admin.ID}},
	}, got)
}

// Group board actions check the roster: CreateCompany and the group
// requests need their powers; finance staff have neither.
func TestGroupBoardActionsNeedTheirPower(t *testing.T) {
	f := newFixture(t)
	fin := staffMember(t, f.svc, f.moderator, group.StaffFinance)
	_, _, err := f.svc.CreateCompany(f.ctx, fin, validCompany())
	assert.Equal(t, "forbidden.staff.create_companies", refusal(t, err, group.ErrForbidden))
	_, err = f.svc.PendingGroupRequests(f.ctx, fin, page.Page{})
	assert.Equal(t, "forbidden.staff.review_group_requests", refusal(t, err, group.ErrForbidden))
	mod := staffMember(t, f.svc, f.moderator, group.StaffModerator)
	_, err = f.svc.CreateGroup(f.ctx, mod, f.company.ID, "Bureau de Québec")
	require.NoError(t, err)
}
