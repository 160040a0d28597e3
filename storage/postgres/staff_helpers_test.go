package postgres_test

import (
	"context"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// staffAdmin returns an active admin of the board's staff roster in store,
// bootstrapping one when the roster has none.
func staffAdmin(t testing.TB, store group.Store, svc *group.Service) group.Moderator {
	t.Helper()
	ctx := context.Background()
	roster, err := store.StaffRoster(ctx)
	mustNil(t, err)
	for _, st := range roster {
		if st.Has(group.StaffAdmin) {
			return group.Moderator{ID: st.UserID}
		}
	}
	st, err := svc.BootstrapStaff(ctx, uuid.New())
	mustNil(t, err)
	return group.Moderator{ID: st.UserID}
}
