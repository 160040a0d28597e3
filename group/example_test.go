package group_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// A user asks for a company, the board approves it and she becomes the
// Principal of its first group; a colleague asks to join, she approves him
// as Posting manager, and the permission matrix answers who may do what.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	svc := group.New(memory.New(), &group.Options{Now: func() time.Time { return now }})
	// The host sets up the board's first admin once; every staff ID is then
	// looked up on the roster at each call.
	admin, _ := svc.BootstrapStaff(ctx, uuid.New())
	board := group.Moderator{ID: admin.UserID}

	marie, _ := svc.RegisterUser(ctx, "marie@acme-genie.ca", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	_, request, err := svc.RequestCompany(ctx, marie.ID, group.CompanyInput{
		LegalName: "Acme Génie-Conseil inc.", NEQ: "1143920115", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, g, _ := svc.ApproveGroupRequest(ctx, board, request.ID)
	principal := group.Actor{UserID: marie.ID, GroupID: g.ID}

	jean, _ := svc.RegisterUser(ctx, "jean@acme-genie.ca", group.UserProfile{FirstName: "Jean", LastName: "Roy"})
	join, _ := svc.RequestToJoin(ctx, jean.ID, g.ID)
	join, _ = svc.ApproveJoinRequest(ctx, principal, join.ID, group.PostingManager)
	poster := group.Actor{UserID: jean.ID, GroupID: g.ID}

	fmt.Println(g.Name, join.Status)
	fmt.Println("Jean may publish:", svc.Authorize(ctx, poster, group.PublishOffers) == nil)
	err = svc.Authorize(ctx, poster, group.BuyProducts)
	fmt.Println("Jean may buy:", err == nil, errors.Is(err, group.ErrForbidden))
	_, err = svc.SetRoles(ctx, principal, marie.ID, group.FinanceManager)
	fmt.Println(err)
	// Output:
	// Groupe 001 approved
	// Jean may publish: true
	// Jean may buy: false true
	// The group must keep at least one Principal.
}

// The permission matrix is one table; Can reads it.
func ExampleCan() {
	for _, role := range group.Roles() {
		_, en := role.Name()
		fmt.Printf("%-16s cancel in validation: %-5v buy: %v\n", en,
			group.Can(role, group.CancelOfferInValidation), group.Can(role, group.BuyProducts))
	}
	// Output:
	// Principal        cancel in validation: true  buy: true
	// Posting manager  cancel in validation: false buy: false
	// Finance manager  cancel in validation: false buy: true
}

func ExampleService_SearchCompanies() {
	ctx := context.Background()
	svc := group.New(memory.New(), nil)
	admin, _ := svc.BootstrapStaff(ctx, uuid.New())
	_, _, _ = svc.CreateCompany(ctx, group.Moderator{ID: admin.UserID}, group.CompanyInput{
		LegalName: "Béton Lévis ltée", BusinessNumber: "123456782 RT0001", Phone: "418-555-0100",
		HeadOffice: group.Address{Street: "5, rue Commerciale", City: "Lévis", Province: "QC", PostalCode: "G6V 6N5"},
	})
	for _, query := range []string{"beton levis", "LÉVIS", "123-456-782", "gravier"} {
		found, _ := svc.SearchCompanies(ctx, query, page.Page{})
		fmt.Printf("%q: %d\n", query, len(found.Items))
	}
	// Output:
	// "beton levis": 1
	// "LÉVIS": 1
	// "123-456-782": 1
	// "gravier": 0
}

// A company the board creates starts with an empty group; the board invites
// its first Principal, who accepts with the link's token.
func ExampleService_InviteByBoard() {
	ctx := context.Background()
	svc := group.New(memory.New(), nil)
	admin, _ := svc.BootstrapStaff(ctx, uuid.New())
	board := group.Moderator{ID: admin.UserID}
	_, g, _ := svc.CreateCompany(ctx, board, group.CompanyInput{
		LegalName: "Forage Nord inc.", Phone: "819-555-0100",
		HeadOffice: group.Address{Street: "12, rue Principale", City: "Rouyn-Noranda", Province: "QC", PostalCode: "J9X 4P2"},
	})
	_, token, _ := svc.InviteByBoard(ctx, board, g.ID, "lea@forage-nord.ca")
	lea, _ := svc.RegisterUser(ctx, "lea@forage-nord.ca", group.UserProfile{FirstName: "Léa", LastName: "Roy"})
	m, _ := svc.AcceptInvitation(ctx, lea.ID, token)
	fmt.Println(m.Roles)
	// Output: [principal]
}
