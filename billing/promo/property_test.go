package promo_test

import (
	"testing"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/billing/tax"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestDiscountsProperty: for any code and lines, no discount is negative or
// above its line, lines out of scope get nothing, and the discounts add up
// to what the code promises: min(amount, in-scope total) for a fixed code,
// the sum of the half-up rounded percentages for a percentage code.
func TestDiscountsProperty(t *testing.T) {
	skus := price.SKUs()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, promo.MaxLines).Draw(t, "n")
		lines := make([]promo.Line, n)
		amounts := rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Int64Range(0, 10_000_000), rapid.Int64Range(0, int64(tax.MaxSubtotal)/int64(promo.MaxLines)))
		for i := range lines {
			lines[i] = promo.Line{SKU: rapid.SampledFrom(skus).Draw(t, "sku"), Amount: tax.Cents(amounts.Draw(t, "amount"))}
		}
		c := promo.Code{SKUs: rapid.SliceOfNDistinct(rapid.SampledFrom(skus), 0, 3, rapid.ID).Draw(t, "scope")}
		if rapid.Bool().Draw(t, "fixed") {
			c.Kind, c.Amount = promo.Fixed, tax.Cents(rapid.Int64Range(1, int64(promo.MaxAmount)).Draw(t, "off"))
		} else {
			c.Kind, c.Percent = promo.Percent, decimal.New(rapid.Int64Range(1, 10000).Draw(t, "hundredths"), -2)
		}
		var scope tax.Cents
		in := 0
		for _, l := range lines {
			if c.InScope(l.SKU) {
				scope += l.Amount
				in++
			}
		}
		got, err := c.Discounts(lines)
		if in == 0 {
			if err == nil {
				t.Fatal("no line in scope, no error")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var sum, want tax.Cents
		for i, d := range got {
			if d < 0 || d > lines[i].Amount {
				t.Fatalf("line %d: discount %d of %d", i, d, lines[i].Amount)
			}
			if !c.InScope(lines[i].SKU) && d != 0 {
				t.Fatalf("line %d out of scope: discount %d", i, d)
			}
			sum += d
			if c.Kind == promo.Percent && c.InScope(lines[i].SKU) {
				exact := decimal.NewFromInt(int64(lines[i].Amount)).Mul(c.Percent).Div(decimal.NewFromInt(100))
				want += tax.Cents(exact.Add(decimal.RequireFromString("0.5")).Floor().IntPart())
			}
		}
		if c.Kind == promo.Fixed {
			want = min(c.Amount, scope)
		}
		if sum != want {
			t.Fatalf("discounts sum to %d, want %d", sum, want)
		}
	})
}
