package promo_test

import (
	"context"
	"fmt"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// A 15 % code on a 5-pack and a Featured credit. The package price is an
// example: the board's guide gives none.
func Example() {
	ctx := context.Background()
	store := memory.New()
	now := func() time.Time { return time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) }
	groups := group.New(store, &group.Options{Now: now})
	admin, _ := groups.BootstrapStaff(ctx, uuid.New())
	promos, err := promo.New(store, groups, &promo.Options{Now: now})
	if err != nil {
		panic(err)
	}
	from, _ := canada.ParseDate("2026-03-01")
	until, _ := canada.ParseDate("2026-03-31")
	_, err = promos.Create(ctx, group.Moderator{ID: admin.UserID}, promo.Input{
		Code: "printemps15", Kind: promo.Percent, Percent: decimal.NewFromInt(15),
		From: from, Until: until, MaxUsesPerGroup: 1,
	})
	if err != nil {
		panic(err)
	}

	buyer := uuid.New()
	lines := []promo.Line{
		{SKU: price.Engineer5, Amount: 99_999}, // an example price: 999.99 $
		{SKU: price.Featured, Amount: 15_000},  // 150 $
	}
	d, err := promos.Apply(ctx, " Printemps15 ", buyer, lines)
	if err != nil {
		panic(err)
	}
	for i, l := range lines {
		fmt.Printf("%s: %s − %s\n", l.SKU, l.Amount.Format(i18n.English), d.Lines[i].Format(i18n.English))
	}
	fmt.Println("discount:", d.Total.Format(i18n.English))

	// Checkout counts the use under the order's key; a retry counts nothing.
	order := uuid.New()
	for range 2 {
		if _, err := promos.Redeem(ctx, "PRINTEMPS15", buyer, order); err != nil {
			panic(err)
		}
	}
	_, err = promos.Apply(ctx, "printemps15", buyer, lines)
	fmt.Println(err.(*i18n.Error).Code)
	// Output:
	// engineer_posting_5: $999.99 − $150.00
	// featured: $150.00 − $22.50
	// discount: $172.50
	// code.exhausted_group
}
