package group_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// The host bootstraps the board's first admin once; the admin adds a
// moderator; a staff ID is worth what the roster says, at every call.
func ExampleService_AddStaff() {
	ctx := context.Background()
	svc := group.New(memory.New(), nil)
	first, _ := svc.BootstrapStaff(ctx, uuid.New())
	admin := group.Moderator{ID: first.UserID}

	st, _ := svc.AddStaff(ctx, admin, uuid.New(), group.StaffModerator)
	moderator := group.Moderator{ID: st.UserID}
	fmt.Println(svc.AuthorizeStaff(ctx, moderator, group.PowerModerateOffers) == nil)

	var refusal *i18n.Error
	err := svc.AuthorizeStaff(ctx, moderator, group.PowerGrantCredits)
	fmt.Println(errors.Is(err, group.ErrForbidden), errors.As(err, &refusal) && refusal.Code == "forbidden.staff.grant_credits")

	_, _ = svc.RemoveStaff(ctx, admin, moderator.ID)
	err = svc.AuthorizeStaff(ctx, moderator, group.PowerModerateOffers)
	fmt.Println(errors.As(err, &refusal), refusal.Code)

	_, err = svc.BootstrapStaff(ctx, uuid.New())
	fmt.Println(errors.Is(err, group.ErrNotAllowed))
	// Output:
	// true
	// true true
	// true forbidden.moderator
	// true
}
