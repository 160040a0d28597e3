package storagetest

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// testStaffRosterPage checks StaffRosterPage: the roster, removed members
// included, by added time then user ID (pairs of records added at the same
// instant are ordered by ID), whole and walked page by page, with records
// added between pages read once and only when they sort after the cursor.
func (su *suite) testStaffRosterPage(t *testing.T) {
	f := su.fixture(t)
	got, err := f.s.StaffRosterPage(f.ctx, page.Window{Limit: 5})
	f.must(err, "StaffRosterPage of an empty roster")
	wantIDs(t, "StaffRosterPage of an empty roster", ids(got, staffUserID), []uuid.UUID{})

	userIDs := sortedIDs(7)
	times := tieTimes(at(100), 7)
	var want []uuid.UUID
	for i, id := range userIDs {
		f.staff(func(st *group.Staff) { st.UserID, st.AddedAt, st.Active = id, times[i], i%3 != 1 })
		want = append(want, id)
	}
	pagedList(t, "StaffRosterPage", want, func(w page.Window) ([]group.Staff, error) {
		return f.s.StaffRosterPage(f.ctx, w)
	}, group.StaffKey, staffUserID, func() []uuid.UUID {
		f.staff(func(st *group.Staff) { st.AddedAt = at(0) })
		late := f.staff(func(st *group.Staff) { st.AddedAt = at(500) })
		return []uuid.UUID{late.UserID}
	})

	// The records themselves, every field, come back as stored.
	all, err := f.s.StaffRoster(f.ctx)
	f.must(err, "StaffRoster")
	paged, err := f.s.StaffRosterPage(f.ctx, page.Window{})
	f.must(err, "StaffRosterPage")
	wantEqual(t, "StaffRosterPage (limit 0) and StaffRoster", paged, all)
}
