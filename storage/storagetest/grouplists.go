package storagetest

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// walkPages reads a keyset-paged list page by page, limit records at a
// time, passing each page's last Key (through its cursor, as services do)
// to the next call, and calls between after each full page. It fails the
// test when a page is longer than limit or a record does not sort strictly
// after the previous one (a record returned twice, or out of order; with
// desc, keys descend), and returns every record read.
func walkPages[T any](t *testing.T, what string, limit int, list func(page.Window) ([]T, error), key func(T) page.Key, desc bool, between func(n int)) []T {
	t.Helper()
	var out []T
	w := page.Window{Limit: limit}
	for n := 0; n < 10000; n++ {
		got, err := list(w)
		if err != nil {
			t.Fatalf("%s: page %d: %v", what, n, err)
		}
		if limit > 0 && len(got) > limit {
			t.Errorf("%s: page %d has %d records, limit %d", what, n, len(got), limit)
		}
		for _, item := range got {
			if len(out) > 0 {
				if c := key(out[len(out)-1]).Compare(key(item)); !desc && c >= 0 || desc && c <= 0 {
					t.Errorf("%s: page %d: %+v does not sort after %+v", what, n, key(item), key(out[len(out)-1]))
				}
			}
			out = append(out, item)
		}
		if limit == 0 || len(got) < limit {
			return out
		}
		k, err := page.ParseCursor(key(got[len(got)-1]).Cursor())
		if err != nil {
			t.Fatalf("%s: cursor: %v", what, err)
		}
		w.After = k
		if between != nil {
			between(n)
		}
	}
	t.Fatalf("%s: the walk does not end", what)
	return nil
}

// pagedList checks one paged list: read whole (limit 0) it is want, in
// order; walked 2 and 3 at a time it is want too; walked 2 at a time while
// insert adds records after the first page, it is want followed by the
// records insert returns (they sort after every record read so far), each
// once, and never a record insert adds before the cursor.
func pagedList[T any](t *testing.T, what string, want []uuid.UUID, list func(page.Window) ([]T, error), key func(T) page.Key, id func(T) uuid.UUID, insert func() (after []uuid.UUID)) {
	t.Helper()
	pagedListOrder(t, what, want, list, key, id, false, insert)
}

// pagedListOrder is pagedList for an ascending (desc false) or descending
// list.
func pagedListOrder[T any](t *testing.T, what string, want []uuid.UUID, list func(page.Window) ([]T, error), key func(T) page.Key, id func(T) uuid.UUID, desc bool, insert func() (after []uuid.UUID)) {
	t.Helper()
	wantIDs(t, what+" whole", ids(walkPages(t, what, 0, list, key, desc, nil), id), want)
	for _, limit := range []int{1, 2, 3, len(want), len(want) + 1} {
		wantIDs(t, fmt.Sprintf("%s by %d", what, limit), ids(walkPages(t, what, limit, list, key, desc, nil), id), want)
	}
	var added []uuid.UUID
	got := walkPages(t, what, 2, list, key, desc, func(n int) {
		if n == 0 {
			added = insert()
		}
	})
	wantIDs(t, what+" with records inserted between pages", ids(got, id), append(append([]uuid.UUID{}, want...), added...))
}

// tieTimes returns n times, in pairs sharing one instant (so that the ID
// decides their order), microseconds apart, from base.
func tieTimes(base time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = base.Add(time.Duration(i/2) * time.Microsecond)
	}
	return out
}

func (su *suite) testGroupLists(t *testing.T) {
	t.Run("MembersOfGroupPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		times := tieTimes(at(100), 7)
		var want []uuid.UUID
		users := make([]group.User, 7)
		for i := range users {
			users[i] = f.user()
		}
		// Sorted by (time, user ID): give the pairs' times to users in ID
		// order.
		byID := sortByID(users, func(u group.User) uuid.UUID { return u.ID })
		for i, u := range byID {
			f.membership(g.ID, u.ID, func(m *group.Membership) { m.JoinedAt, m.Active = times[i], i%3 != 0 })
			f.membership(other.ID, u.ID)
			want = append(want, u.ID)
		}
		pagedList(t, "MembersOfGroupPage", want, func(w page.Window) ([]group.Membership, error) {
			return f.s.MembersOfGroupPage(f.ctx, g.ID, w)
		}, group.MemberKey, memberUserID, func() []uuid.UUID {
			early, late := f.user(), f.user()
			f.membership(g.ID, early.ID, func(m *group.Membership) { m.JoinedAt = at(0) })
			f.membership(g.ID, late.ID, func(m *group.Membership) { m.JoinedAt = at(500) })
			return []uuid.UUID{late.ID}
		})
		got, err := f.s.MembersOfGroupPage(f.ctx, uuid.New(), page.Window{Limit: 5})
		f.must(err, "MembersOfGroupPage of an unknown group")
		wantIDs(t, "MembersOfGroupPage of an unknown group", ids(got, memberUserID), []uuid.UUID{})
	})

	t.Run("ActiveMembershipsOfUser", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		u := f.user()
		groups := make([]group.Group, 8)
		for i := range groups {
			groups[i] = f.group(c.ID)
		}
		times := tieTimes(at(100), 8)
		var want []uuid.UUID
		for i, g := range sortByID(groups, groupID) {
			active := i%4 != 1
			f.membership(g.ID, u.ID, func(m *group.Membership) { m.JoinedAt, m.Active = times[i], active })
			if active {
				want = append(want, g.ID)
			}
		}
		f.membership(groups[0].ID, f.user().ID)
		pagedList(t, "ActiveMembershipsOfUser", want, func(w page.Window) ([]group.Membership, error) {
			return f.s.ActiveMembershipsOfUser(f.ctx, u.ID, w)
		}, group.MembershipKey, memberGroupID, func() []uuid.UUID {
			early, late, gone := f.group(c.ID), f.group(c.ID), f.group(c.ID)
			f.membership(early.ID, u.ID, func(m *group.Membership) { m.JoinedAt = at(0) })
			f.membership(late.ID, u.ID, func(m *group.Membership) { m.JoinedAt = at(500) })
			f.membership(gone.ID, u.ID, func(m *group.Membership) { m.JoinedAt, m.Active = at(501), false })
			return []uuid.UUID{late.ID}
		})
	})

	t.Run("InvitationsOfGroupPage", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		times := tieTimes(at(100), 7)
		var want []uuid.UUID
		for i, id := range sortedIDs(7) {
			f.invitation(g.ID, func(inv *group.Invitation) { inv.ID, inv.CreatedAt = id, times[i] })
			f.invitation(other.ID)
			want = append(want, id)
		}
		pagedList(t, "InvitationsOfGroupPage", want, func(w page.Window) ([]group.Invitation, error) {
			return f.s.InvitationsOfGroupPage(f.ctx, g.ID, w)
		}, group.InvitationKey, invitationID, func() []uuid.UUID {
			f.invitation(g.ID, func(inv *group.Invitation) { inv.CreatedAt = at(0) })
			return []uuid.UUID{f.invitation(g.ID, func(inv *group.Invitation) { inv.CreatedAt = at(500) }).ID}
		})
	})

	t.Run("GroupsOfCompanyPage", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		other := f.company()
		times := tieTimes(at(100), 7)
		var want []uuid.UUID
		for i, id := range sortedIDs(7) {
			f.group(c.ID, func(g *group.Group) { g.ID, g.CreatedAt = id, times[i] })
			f.group(other.ID)
			want = append(want, id)
		}
		pagedList(t, "GroupsOfCompanyPage", want, func(w page.Window) ([]group.Group, error) {
			return f.s.GroupsOfCompanyPage(f.ctx, c.ID, w)
		}, group.GroupKey, groupID, func() []uuid.UUID {
			f.group(c.ID, func(g *group.Group) { g.CreatedAt = at(0) })
			return []uuid.UUID{f.group(c.ID, func(g *group.Group) { g.CreatedAt = at(500) }).ID}
		})
	})

	t.Run("JoinRequestsPage", func(t *testing.T) {
		f := su.fixture(t)
		c, g := f.companyGroup()
		times := tieTimes(at(100), 7)
		var want []uuid.UUID
		for i, id := range sortedIDs(7) {
			u := f.user()
			f.joinRequest(u.ID, c.ID, g.ID, func(r *group.JoinRequest) { r.ID, r.CreatedAt = id, times[i] })
			f.joinRequest(u.ID, c.ID, uuid.Nil)
			f.joinRequest(u.ID, c.ID, g.ID, func(r *group.JoinRequest) { r.Status = group.RequestRefused })
			want = append(want, id)
		}
		no := false
		q := group.JoinRequestQuery{GroupID: g.ID, Status: group.RequestPending, NewGroup: &no}
		pagedList(t, "JoinRequestsPage", want, func(w page.Window) ([]group.JoinRequest, error) {
			return f.s.JoinRequestsPage(f.ctx, q, w)
		}, group.JoinRequestKey, requestID, func() []uuid.UUID {
			u := f.user()
			f.joinRequest(u.ID, c.ID, g.ID, func(r *group.JoinRequest) { r.CreatedAt = at(0) })
			return []uuid.UUID{f.joinRequest(u.ID, c.ID, g.ID, func(r *group.JoinRequest) { r.CreatedAt = at(500) }).ID}
		})
	})

	t.Run("SearchCompaniesPage", func(t *testing.T) {
		f := su.fixture(t)
		// Byte-wise order: upper case before lower case, "É" after "z";
		// equal names are ordered by ID.
		names := []string{"Acier Nord", "Acier Nord", "Zinc ltée", "acier sud", "Écoforage", "Écoforage", "Érable"}
		ids := sortedIDs(len(names))
		var want []uuid.UUID
		for i, name := range names {
			f.company(func(c *group.Company) { c.ID, c.LegalName, c.HeadOffice.City = ids[i], name, "Sept-Îles" })
			want = append(want, ids[i])
		}
		f.company(func(c *group.Company) { c.LegalName, c.HeadOffice.City = "Ailleurs", "Gaspé" })
		f.company(func(c *group.Company) { c.HeadOffice.City, c.Status = "Sept-Îles", group.CompanyPending })
		q := group.CompanyQuery{Keyword: "sept iles", Status: group.CompanyActive, Limit: 1}
		pagedList(t, "SearchCompaniesPage", want, func(w page.Window) ([]group.Company, error) {
			return f.s.SearchCompaniesPage(f.ctx, q, w)
		}, group.CompanyKey, companyID, func() []uuid.UUID {
			f.company(func(c *group.Company) { c.LegalName, c.HeadOffice.City = "AAA", "Sept-Îles" })
			return []uuid.UUID{f.company(func(c *group.Company) { c.LegalName, c.HeadOffice.City = "Ősz", "Sept-Îles" }).ID}
		})
	})
}

// sortByID returns list sorted by ID, byte-wise.
func sortByID[T any](list []T, id func(T) uuid.UUID) []T {
	out := slices.Clone(list)
	slices.SortFunc(out, func(a, b T) int {
		x, y := id(a), id(b)
		return bytes.Compare(x[:], y[:])
	})
	return out
}
