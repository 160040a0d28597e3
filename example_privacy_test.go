package babillard_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// A user exports what the board holds about them, then deletes their
// account: the export is JSON, and afterwards history names a former
// member while the address is free for a new account.
func ExampleBoard_DeleteUser() {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	board, _ := babillard.New(memory.New(), &babillard.Options{Now: func() time.Time { return now }})
	admin, _ := board.Groups.BootstrapStaff(ctx, uuid.New())
	moderator := group.Moderator{ID: admin.UserID}

	_, g, _ := board.Groups.CreateCompany(ctx, moderator, group.CompanyInput{LegalName: "Hydro Génie inc.", Phone: "418-555-0100",
		HeadOffice: group.Address{Street: "75, boul. René-Lévesque", City: "Québec", Province: "QC", PostalCode: "G1R 2B5"}})
	ana, _ := board.Groups.RegisterUser(ctx, "ana@hydro-genie.ca", group.UserProfile{FirstName: "Ana", LastName: "Roy"})
	_, _ = board.Groups.RequestToJoin(ctx, ana.ID, g.ID)

	export, err := board.ExportUser(ctx, ana.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _ := json.Marshal(export)
	var sections map[string]json.RawMessage
	_ = json.Unmarshal(data, &sections)
	fmt.Println(slices.Sorted(maps.Keys(sections)))
	fmt.Println(export.Profile.Email, len(export.JoinRequests), "join request")

	deleted, err := board.DeleteUser(ctx, ana.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(deleted.Deleted(), deleted.DisplayName().FR, "/", deleted.DisplayName().EN)
	again, err := board.Groups.RegisterUser(ctx, "ana@hydro-genie.ca", group.UserProfile{FirstName: "Ana", LastName: "Roy"})
	fmt.Println(err == nil, again.ID != ana.ID)
	// Output:
	// [credits invitations_received invitations_sent join_requests memberships offers profile]
	// ana@hydro-genie.ca 1 join request
	// true ancien membre / former member
	// true true
}
