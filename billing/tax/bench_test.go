package tax_test

import (
	"testing"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/shopspring/decimal"
)

// naiveCompute is the baseline: the same rule with decimal everywhere. The
// rates in force are copied out of the table, the subtotal becomes decimal
// dollars, each tax is subtotal × rate / 100 rounded to the cent (decimal's
// Round rounds half away from zero: half-up for amounts that are never
// negative), the total is summed in decimal, and the lines and the total are
// converted back to cents.
func naiveCompute(t *tax.Table, p canada.Province, d canada.Date, subtotal tax.Cents) ([]tax.Cents, tax.Cents, error) {
	r, err := t.RateOn(p, d)
	if err != nil {
		return nil, 0, err
	}
	dollars := decimal.New(int64(subtotal), -2)
	out := make([]tax.Cents, len(r.Taxes))
	total := dollars
	for i, l := range r.Taxes {
		amount := dollars.Mul(l.Percent).Div(decimal.NewFromInt(100)).Round(2)
		total = total.Add(amount)
		out[i] = tax.Cents(amount.Shift(2).IntPart())
	}
	return out, tax.Cents(total.Shift(2).IntPart()), nil
}

var benchSink tax.Cents

// BenchmarkCompute: the taxes of a 150 $ sale in Quebec (two lines), the
// library's integer arithmetic against the naive decimal baseline, in the
// same run.
func BenchmarkCompute(b *testing.B) {
	tbl := tax.Default()
	d := canada.Date{Year: 2026, Month: 6, Day: 1}
	b.Run("cents", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			br, err := tbl.Compute(canada.QC, d, 15000)
			if err != nil {
				b.Fatal(err)
			}
			benchSink = br.Total
		}
	})
	b.Run("decimal-baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, total, err := naiveCompute(tbl, canada.QC, d, 15000)
			if err != nil {
				b.Fatal(err)
			}
			benchSink = total
		}
	})
}
