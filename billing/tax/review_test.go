package tax_test

import (
	"encoding/json"
	"fmt"
	"github.com/babillard/babillard/i18n"
	"strings"
	"testing"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestComputeGoldenReview checks the 13 provinces and territories on
// 2026-06-01 for 100.00 $, 150.00 $ and 0.07 $, each figure computed
// independently (exact decimals, half-up to the cent): 0.07 $ is where the
// rounding shows (QST 0.69825 → 0.01, HST 13 % 0.91 → 0.01, GST 0.35 → 0).
func TestComputeGoldenReview(t *testing.T) {
	cases := []struct {
		province string
		subtotal tax.Cents
		kinds    string
		amounts  []tax.Cents
		total    tax.Cents
	}{
		{"AB", 10000, "GST", []tax.Cents{500}, 10500},
		{"AB", 15000, "GST", []tax.Cents{750}, 15750},
		{"AB", 7, "GST", []tax.Cents{0}, 7},
		{"NT", 10000, "GST", []tax.Cents{500}, 10500},
		{"NT", 15000, "GST", []tax.Cents{750}, 15750},
		{"NT", 7, "GST", []tax.Cents{0}, 7},
		{"NU", 10000, "GST", []tax.Cents{500}, 10500},
		{"NU", 15000, "GST", []tax.Cents{750}, 15750},
		{"NU", 7, "GST", []tax.Cents{0}, 7},
		{"YT", 10000, "GST", []tax.Cents{500}, 10500},
		{"YT", 15000, "GST", []tax.Cents{750}, 15750},
		{"YT", 7, "GST", []tax.Cents{0}, 7},
		{"BC", 10000, "GST+PST", []tax.Cents{500, 700}, 11200},
		{"BC", 15000, "GST+PST", []tax.Cents{750, 1050}, 16800},
		{"BC", 7, "GST+PST", []tax.Cents{0, 0}, 7},
		{"MB", 10000, "GST+RST", []tax.Cents{500, 700}, 11200},
		{"MB", 15000, "GST+RST", []tax.Cents{750, 1050}, 16800},
		{"MB", 7, "GST+RST", []tax.Cents{0, 0}, 7},
		{"SK", 10000, "GST+PST", []tax.Cents{500, 600}, 11100},
		{"SK", 15000, "GST+PST", []tax.Cents{750, 900}, 16650},
		{"SK", 7, "GST+PST", []tax.Cents{0, 0}, 7},
		{"QC", 10000, "GST+QST", []tax.Cents{500, 998}, 11498},
		{"QC", 15000, "GST+QST", []tax.Cents{750, 1496}, 17246},
		{"QC", 7, "GST+QST", []tax.Cents{0, 1}, 8},
		{"ON", 10000, "HST", []tax.Cents{1300}, 11300},
		{"ON", 15000, "HST", []tax.Cents{1950}, 16950},
		{"ON", 7, "HST", []tax.Cents{1}, 8},
		{"NB", 10000, "HST", []tax.Cents{1500}, 11500},
		{"NB", 15000, "HST", []tax.Cents{2250}, 17250},
		{"NB", 7, "HST", []tax.Cents{1}, 8},
		{"NL", 10000, "HST", []tax.Cents{1500}, 11500},
		{"NL", 15000, "HST", []tax.Cents{2250}, 17250},
		{"NL", 7, "HST", []tax.Cents{1}, 8},
		{"PE", 10000, "HST", []tax.Cents{1500}, 11500},
		{"PE", 15000, "HST", []tax.Cents{2250}, 17250},
		{"PE", 7, "HST", []tax.Cents{1}, 8},
		{"NS", 10000, "HST", []tax.Cents{1400}, 11400},
		{"NS", 15000, "HST", []tax.Cents{2100}, 17100},
		{"NS", 7, "HST", []tax.Cents{1}, 8},
	}
	seen := map[canada.Province]bool{}
	for _, c := range cases {
		p := canada.Province(c.province)
		seen[p] = true
		b, err := tax.Default().Compute(p, day("2026-06-01"), c.subtotal)
		require.NoError(t, err, c.province)
		kinds := make([]string, len(b.Lines))
		got := make([]tax.Cents, len(b.Lines))
		for i, l := range b.Lines {
			kinds[i] = string(l.Kind)
			got[i] = l.Amount
			assert.Equal(t, c.subtotal, l.Base)
		}
		assert.Equal(t, c.kinds, strings.Join(kinds, "+"), "%s %v", c.province, c.subtotal)
		assert.Equal(t, c.amounts, got, "%s %v", c.province, c.subtotal)
		assert.Equal(t, c.total, b.Total, "%s %v", c.province, c.subtotal)
		assert.Equal(t, b.Subtotal+b.Tax, b.Total)
	}
	assert.Len(t, seen, 13)
}

// TestComputeNovaScotiaCut checks the 15 % → 14 % change lands on
// 2025-04-01 exactly.
func TestComputeNovaScotiaCut(t *testing.T) {
	before, err := tax.Default().Compute(canada.NS, day("2025-03-31"), 10000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(1500), before.Tax)
	after, err := tax.Default().Compute(canada.NS, day("2025-04-01"), 10000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(1400), after.Tax)
}

// TestKindNamesReview checks the French and English names of the five
// taxes, Manitoba's included (taxe de vente au détail, TVD).
func TestKindNamesReview(t *testing.T) {
	want := map[tax.Kind][4]string{
		tax.GST: {"TPS", "GST", "taxe sur les produits et services", "goods and services tax"},
		tax.HST: {"TVH", "HST", "taxe de vente harmonisée", "harmonized sales tax"},
		tax.QST: {"TVQ", "QST", "taxe de vente du Québec", "Quebec sales tax"},
		tax.PST: {"TVP", "PST", "taxe de vente provinciale", "provincial sales tax"},
		tax.RST: {"TVD", "RST", "taxe de vente au détail", "retail sales tax"},
	}
	for k, w := range want {
		assert.Equal(t, w[0], k.Abbrev().FR)
		assert.Equal(t, w[1], k.Abbrev().EN)
		assert.Equal(t, w[2], k.Name().FR)
		assert.Equal(t, w[3], k.Name().EN)
	}
	assert.Empty(t, tax.Kind("VAT").Abbrev().FR)
	assert.Empty(t, tax.Kind("VAT").Name().EN)
}

// TestNewRefusesNoneOrThreeTaxes checks a period with no tax or with three
// is refused as a combination fault, and an open period followed by
// another as an overlap.
func TestNewRefusesNoneOrThreeTaxes(t *testing.T) {
	rates := validRates()
	rates = append(rates,
		tax.Rate{Province: canada.NU, From: day("2000-01-01"), To: day("2007-12-31")},
		tax.Rate{Province: canada.NT, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{
			{Kind: tax.GST, Percent: pct("5")}, {Kind: tax.PST, Percent: pct("7")}, {Kind: tax.QST, Percent: pct("9.975")}}},
	)
	tbl, err := tax.New(rates)
	assert.Nil(t, tbl)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	n := len(rates)
	assert.ElementsMatch(t, []string{
		fmt.Sprintf("rows[%d].taxes:taxes.combination", n-2),
		fmt.Sprintf("rows[%d].taxes:taxes.combination", n-1),
	}, ve.Codes())
	for _, f := range ve.Fields {
		assert.NotEmpty(t, f.Message.FR)
		assert.NotEmpty(t, f.Message.EN)
	}
}

// TestRegistrationJSONErrors checks the QST number's text form and that a
// failed decoding leaves the registration unchanged.
func TestRegistrationJSONErrors(t *testing.T) {
	r, err := tax.NewRegistration("123456782 RT0001", "1234567890 TQ0001")
	require.NoError(t, err)
	b, err := r.QST.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "1234567890TQ0001", string(b))
	before := r
	assert.Error(t, json.Unmarshal([]byte(`{"gst_hst_number": 5}`), &r))
	assert.Error(t, json.Unmarshal([]byte(`{"gst_hst_number": "123456789RT0001", "qst_number": "12TQ1"}`), &r))
	assert.Equal(t, before, r)
}
