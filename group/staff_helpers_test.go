package group_test

import (
	"context"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// boardAdmin bootstraps the first admin of svc's staff roster (which must
// have none) and returns them as a Moderator.
func boardAdmin(t testing.TB, svc *group.Service) group.Moderator {
	t.Helper()
	st, err := svc.BootstrapStaff(context.Background(), uuid.New())
	require.NoError(t, err)
	return group.Moderator{ID: st.UserID}
}

// staffMember adds a new staff member with roles, by admin.
func staffMember(t testing.TB, svc *group.Service, admin group.Moderator, roles ...group.StaffRole) group.Moderator {
	t.Helper()
	st, err := svc.AddStaff(context.Background(), admin, uuid.New(), roles...)
	require.NoError(t, err)
	return group.Moderator{ID: st.UserID}
}
