package babillard_test

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// A board over the in-memory store, with a fixed clock.
func ExampleNew() {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	board, err := babillard.New(memory.New(), &babillard.Options{Now: func() time.Time { return now }})
	if err != nil {
		fmt.Println(err)
		return
	}

	admin, err := board.Groups.BootstrapStaff(ctx, uuid.New()) // once, when the board is set up
	if err != nil {
		fmt.Println(err)
		return
	}
	company, g, err := board.Groups.CreateCompany(ctx, group.Moderator{ID: admin.UserID}, group.CompanyInput{
		LegalName: "Hydro Génie inc.", Phone: "418-555-0100",
		HeadOffice: group.Address{Street: "75, boul. René-Lévesque", City: "Québec", Province: "QC", PostalCode: "G1R 2B5"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(company.LegalName, company.Status, g.Name, g.CreatedAt.Format(time.DateOnly))
	// Output: Hydro Génie inc. active Groupe 001 2026-11-23
}
