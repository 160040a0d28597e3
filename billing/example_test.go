package billing_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// A group buys a package of two Engineer postings. One offer is submitted
// and approved; a second is submitted then cancelled before approval, so
// its credit returns to the bank; two more submissions find one credit.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	store := memory.New()
	groups := group.New(store, &group.Options{Now: func() time.Time { return now }})
	bank := billing.New(store, groups, &billing.Options{Now: func() time.Time { return now }})
	admin, _ := groups.BootstrapStaff(ctx, uuid.New()) // the board's first admin, set up once
	board := group.Moderator{ID: admin.UserID}

	marie, _ := groups.RegisterUser(ctx, "marie@acme-genie.ca", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	_, request, _ := groups.RequestCompany(ctx, marie.ID, group.CompanyInput{
		LegalName: "Acme Génie-Conseil inc.", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
	})
	_, g, _ := groups.ApproveGroupRequest(ctx, board, request.ID)
	principal := group.Actor{UserID: marie.ID, GroupID: g.ID}

	// After the payment, the order code grants the package.
	_, err := bank.GrantPurchase(ctx, principal, billing.GrantInput{
		Product: billing.EngineerPosting, Quantity: 2, PurchaseRef: "CMD-2026-0042", ExpiresAt: now.AddDate(1, 0, 0),
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	first, second := uuid.New(), uuid.New()                              // two offers' IDs
	_, _ = bank.Reserve(ctx, principal, first, billing.EngineerPosting)  // submitted
	_, _ = bank.Consume(ctx, board, first, billing.EngineerPosting)      // approved
	_, _ = bank.Reserve(ctx, principal, second, billing.EngineerPosting) // submitted
	_, _ = bank.Release(ctx, principal, second, billing.EngineerPosting) // cancelled

	b, _ := bank.Balance(ctx, principal, billing.EngineerPosting)
	fmt.Printf("granted %d, available %d, reserved %d, consumed %d\n", b.Granted, b.Available, b.Reserved, b.Consumed)

	_, err = bank.Reserve(ctx, principal, uuid.New(), billing.EngineerPosting)
	fmt.Println("third offer:", err)
	_, err = bank.Reserve(ctx, principal, uuid.New(), billing.EngineerPosting)
	fmt.Println("fourth offer:", errors.Is(err, billing.ErrNoCredit), err)

	entries, _ := bank.Statement(ctx, principal, billing.EntryQuery{}, page.Page{})
	for _, e := range entries.Items {
		fmt.Println(e.Kind, e.Quantity)
	}
	// Output:
	// granted 2, available 1, reserved 0, consumed 1
	// third offer: <nil>
	// fourth offer: true The group's bank holds no credit available for this product: Job posting – Engineer profile.
	// grant 2
	// reserve 1
	// consume 1
	// reserve 1
	// release 1
	// reserve 1
}

// A balance obeys one identity: granted + transferred in = available +
// reserved + consumed + expired + transferred out.
func ExampleBalance_Balanced() {
	b := billing.Balance{Granted: 10, TransferredIn: 2, Available: 4, Reserved: 1, Consumed: 5, Expired: 1, TransferredOut: 1}
	fmt.Println(b.Balanced())
	b.Available--
	fmt.Println(b.Balanced())
	// Output:
	// true
	// false
}
