package tax

import (
	"strconv"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/shopspring/decimal"
)

// Cents is an amount of money in Canadian cents: 15000 is 150.00 $. Amounts
// are never floating-point.
type Cents int64

// String returns the amount in dollars with two decimals and a point,
// "172.46" ("-0.05" when negative), as CSV exports and logs want it.
func (c Cents) String() string {
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign = "-"
		u = -u
	}
	frac := u % 100
	s := sign + strconv.FormatUint(u/100, 10) + "."
	if frac < 10 {
		s += "0"
	}
	return s + strconv.FormatUint(frac, 10)
}

// Format returns the amount as printed on an invoice in l: "172,46 $" in
// French (a non-breaking space before the sign), "$172.46" in English, with
// no thousands separator.
func (c Cents) Format(l i18n.Lang) string {
	s := c.String()
	if l == i18n.English {
		if s[0] == '-' {
			return "-$" + s[1:]
		}
		return "$" + s
	}
	b := []byte(s)
	b[len(b)-3] = ','
	return string(b) + "\u00a0$"
}

// Kind is one Canadian sales tax. Its value is the English abbreviation.
type Kind string

// The five sales taxes.
const (
	// GST is the federal goods and services tax (TPS).
	GST Kind = "GST"
	// HST is the harmonized sales tax (TVH) that replaces GST and the
	// provincial tax in the participating provinces.
	HST Kind = "HST"
	// QST is the Québec sales tax (TVQ).
	QST Kind = "QST"
	// PST is a provincial sales tax (TVP): British Columbia, Saskatchewan.
	PST Kind = "PST"
	// RST is Manitoba's retail sales tax (TVD).
	RST Kind = "RST"
)

// Kinds returns the five kinds: GST, HST, QST, PST, RST. The slice is
// freshly allocated.
func Kinds() []Kind { return []Kind{GST, HST, QST, PST, RST} }

// Valid reports whether k is one of the five kinds.
func (k Kind) Valid() bool {
	switch k {
	case GST, HST, QST, PST, RST:
		return true
	}
	return false
}

// federal reports whether k is the federal tax (GST, or HST, which includes
// it).
func (k Kind) federal() bool { return k == GST || k == HST }

// kindNames holds each tax's abbreviation and full name, in French and
// English.
var kindNames = map[Kind]struct{ abbrev, name i18n.Text }{
	GST: {i18n.Text{FR: "TPS", EN: "GST"}, i18n.Text{FR: "taxe sur les produits et services", EN: "goods and services tax"}},
	HST: {i18n.Text{FR: "TVH", EN: "HST"}, i18n.Text{FR: "taxe de vente harmonisée", EN: "harmonized sales tax"}},
	QST: {i18n.Text{FR: "TVQ", EN: "QST"}, i18n.Text{FR: "taxe de vente du Québec", EN: "Quebec sales tax"}},
	PST: {i18n.Text{FR: "TVP", EN: "PST"}, i18n.Text{FR: "taxe de vente provinciale", EN: "provincial sales tax"}},
	RST: {i18n.Text{FR: "TVD", EN: "RST"}, i18n.Text{FR: "taxe de vente au détail", EN: "retail sales tax"}},
}

// Abbrev returns the abbreviation invoices print: "TPS"/"GST",
// "TVH"/"HST", "TVQ"/"QST", "TVP"/"PST", "TVD"/"RST". It is empty for an
// unknown kind.
func (k Kind) Abbrev() i18n.Text { return kindNames[k].abbrev }

// Name returns the full name of the tax ("taxe sur les produits et
// services" / "goods and services tax"). It is empty for an unknown kind.
func (k Kind) Name() i18n.Text { return kindNames[k].name }

// Levy is one tax of a Rate: its kind and its rate in percent (5 for 5 %,
// 9.975 for QST), exact. A rate is at least 0, below 100 and has at most
// MaxRateDecimals decimals.
type Levy struct {
	Kind    Kind            `json:"kind"`
	Percent decimal.Decimal `json:"percent"`
}

// MaxRateDecimals is the number of decimals a rate in percent may have
// (9.975 has three).
const MaxRateDecimals = 6

// Rate is one period of the rates of a province or territory: the taxes in
// force From its first day To its last day, both included, as civil dates
// in America/Toronto. A zero To means still in force. Taxes is GST alone,
// HST alone, or GST then one QST, PST or RST; every tax is computed on the
// price excluding GST.
type Rate struct {
	Province canada.Province `json:"province"`
	From     canada.Date     `json:"from"`
	To       canada.Date     `json:"to,omitzero"`
	Taxes    []Levy          `json:"taxes"`
}

// In reports whether day, a valid date, is within r's period, its first
// and last days included.
func (r Rate) In(day canada.Date) bool {
	k := dayKey(day)
	return dayKey(r.From) <= k && (r.To == canada.Date{} || k <= dayKey(r.To))
}

// Total returns the sum of r's rates in percent (14.975 for Quebec).
func (r Rate) Total() decimal.Decimal {
	sum := decimal.Zero
	for _, l := range r.Taxes {
		sum = sum.Add(l.Percent)
	}
	return sum
}

// clone returns r with its own copy of Taxes.
func (r Rate) clone() Rate {
	r.Taxes = append([]Levy(nil), r.Taxes...)
	return r
}

// dayKey orders valid dates as integers: 20260601.
func dayKey(d canada.Date) int {
	return d.Year*10000 + int(d.Month)*100 + d.Day
}
