package tax

import (
	"math/bits"
	"strings"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/shopspring/decimal"
)

// MaxSubtotal is the largest taxable subtotal Compute accepts: ten billion
// dollars, far above any sale and far below an overflow.
const MaxSubtotal Cents = 1_000_000_000_000

// Line is one tax of a Breakdown, as an invoice prints it.
type Line struct {
	// Kind is the tax: GST, HST, QST, PST or RST.
	Kind Kind `json:"kind"`
	// Name is its abbreviation in French and English ("TPS"/"GST").
	Name i18n.Text `json:"name"`
	// Percent is its rate in percent (9.975).
	Percent decimal.Decimal `json:"percent"`
	// Base is the amount it is computed on: the taxable subtotal, excluding
	// GST.
	Base Cents `json:"base"`
	// Amount is Base × Percent / 100, rounded half-up to the cent.
	Amount Cents `json:"amount"`
}

// PercentText returns the line's rate as an invoice prints it in l:
// "9,975 %" in French (a decimal comma and a non-breaking space before the
// sign), "9.975%" in English.
func (l Line) PercentText(lang i18n.Lang) string {
	s := l.Percent.String()
	if lang == i18n.English {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + "\u00a0%"
}

// Breakdown is the taxes of one sale: each line, their sum and the total.
// Tax is exactly the sum of the lines' amounts and Total is exactly Subtotal
// + Tax.
type Breakdown struct {
	// Province is the billing address's province or territory.
	Province canada.Province `json:"province"`
	// Day is the day of the sale in America/Toronto, which chose the rates.
	Day canada.Date `json:"day"`
	// Subtotal is the taxable subtotal, after discount, excluding taxes.
	Subtotal Cents `json:"subtotal"`
	// Lines are the taxes in force, federal first (GST or HST), then QST,
	// PST or RST.
	Lines []Line `json:"lines"`
	// Tax is the sum of the lines' amounts.
	Tax Cents `json:"tax"`
	// Total is Subtotal + Tax.
	Total Cents `json:"total"`
}

// Compute returns the taxes of a sale billed to an address in province on
// day (the day of the sale in America/Toronto), for a taxable subtotal in
// cents after any discount. Each tax in force that day is computed on the
// subtotal, the price excluding GST (so QST, PST and RST are never charged
// on GST), and rounded half-up to the cent: 0.5 cent becomes 1 cent. A zero
// subtotal has zero taxes.
//
// It returns a *i18n.ValidationError listing every faulty input at once:
// an unknown province ("province", "province.unknown"), a zero or invalid
// day ("day", "day.invalid"), a negative subtotal or one above MaxSubtotal
// ("subtotal", "subtotal.negative" or "subtotal.range"); and an *i18n.Error
// with code "rate.none" wrapping ErrNoRate when no rate is in force on day.
func (t *Table) Compute(province canada.Province, day canada.Date, subtotal Cents) (Breakdown, error) {
	if err := checkQuery(province, day, subtotal); err != nil {
		return Breakdown{}, err
	}
	e, err := t.find(province, day)
	if err != nil {
		return Breakdown{}, err
	}
	b := Breakdown{Province: province, Day: day, Subtotal: subtotal, Lines: make([]Line, len(e.scaled))}
	for j, l := range e.rate.Taxes {
		amount := percentOf(subtotal, e.scaled[j])
		b.Lines[j] = Line{Kind: l.Kind, Name: l.Kind.Abbrev(), Percent: l.Percent, Base: subtotal, Amount: amount}
		b.Tax += amount
	}
	b.Total = subtotal + b.Tax
	return b, nil
}

// scaledHundred is 100 × 10^MaxRateDecimals: a rate scaled by
// 10^MaxRateDecimals, in percent, divides by it.
const scaledHundred = 100 * 1_000_000

// percentOf returns base × scaled / scaledHundred rounded half-up, for
// 0 ≤ base ≤ MaxSubtotal and a scaled rate below scaledHundred, exactly: the
// product is computed on 128 bits.
func percentOf(base Cents, scaled uint64) Cents {
	hi, lo := bits.Mul64(uint64(base), scaled)
	lo, carry := bits.Add64(lo, scaledHundred/2, 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, scaledHundred)
	return Cents(q)
}
