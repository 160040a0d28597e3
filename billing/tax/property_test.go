package tax_test

import (
	"testing"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"pgregory.net/rapid"
)

// drawSale draws a province, a day on which every province has a rate
// (2019-07-01 to 2027-09-17, across Nova Scotia's change) and a subtotal,
// mostly of everyday size, sometimes up to MaxSubtotal.
func drawSale(t *rapid.T) (canada.Province, canada.Date, tax.Cents) {
	ps := canada.Provinces()
	p := ps[rapid.IntRange(0, len(ps)-1).Draw(t, "province")].Code
	d := day("2019-07-01").AddDays(rapid.IntRange(0, 3000).Draw(t, "day"))
	s := rapid.OneOf(rapid.Int64Range(0, 100_000), rapid.Int64Range(0, int64(tax.MaxSubtotal))).Draw(t, "subtotal")
	return p, d, tax.Cents(s)
}

// TestPropertyNoCentLostOrInvented: for any sale, the lines add up exactly
// to the tax, subtotal + tax = total, every line is on the subtotal and is
// exactly the decimal product rounded half-up (the naive computation of
// bench_test.go), never negative, never more than the subtotal.
func TestPropertyNoCentLostOrInvented(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, d, s := drawSale(t)
		b, err := tax.Default().Compute(p, d, s)
		if err != nil {
			t.Fatal(err)
		}
		naive, naiveTotal, err := naiveCompute(tax.Default(), p, d, s)
		if err != nil {
			t.Fatal(err)
		}
		var sum tax.Cents
		for i, l := range b.Lines {
			if l.Base != s || l.Amount < 0 || l.Amount > s {
				t.Fatalf("line %d: %+v for %d", i, l, s)
			}
			if l.Amount != naive[i] {
				t.Fatalf("%s %s %d: %s is %d, exactly rounded %d", p, d, s, l.Kind, l.Amount, naive[i])
			}
			sum += l.Amount
		}
		if sum != b.Tax || b.Subtotal+b.Tax != b.Total || b.Subtotal != s || b.Total != naiveTotal {
			t.Fatalf("lines %d, tax %d, subtotal %d, total %d", sum, b.Tax, b.Subtotal, b.Total)
		}
	})
}

// TestPropertyMonotonic: a larger subtotal never has a smaller tax line,
// and always a larger total.
func TestPropertyMonotonic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, d, s := drawSale(t)
		more := s + tax.Cents(rapid.Int64Range(1, 10_000).Draw(t, "more"))
		if more > tax.MaxSubtotal {
			more = tax.MaxSubtotal
			if s == more {
				s--
			}
		}
		a, err := tax.Default().Compute(p, d, s)
		if err != nil {
			t.Fatal(err)
		}
		b, err := tax.Default().Compute(p, d, more)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a.Lines {
			if b.Lines[i].Amount < a.Lines[i].Amount {
				t.Fatalf("%s: %s of %d is %d, of %d is %d", p, a.Lines[i].Kind, s, a.Lines[i].Amount, more, b.Lines[i].Amount)
			}
		}
		if b.Total <= a.Total {
			t.Fatalf("%s: total of %d is %d, of %d is %d", p, s, a.Total, more, b.Total)
		}
	})
}
