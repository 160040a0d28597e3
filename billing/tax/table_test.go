package tax_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/catalogtest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	catalogtest.CheckSources(t, ".", tax.MessagesHas, 20)
}

func pct(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// validRates returns one open period per province and territory: the
// current rates, written as Go values.
func validRates() []tax.Rate {
	gst := func(p canada.Province) tax.Rate {
		return tax.Rate{Province: p, From: day("2008-01-01"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5")}}}
	}
	hst := func(p canada.Province, r string) tax.Rate {
		return tax.Rate{Province: p, From: day("2016-10-01"), Taxes: []tax.Levy{{Kind: tax.HST, Percent: pct(r)}}}
	}
	two := func(p canada.Province, k tax.Kind, r string) tax.Rate {
		return tax.Rate{Province: p, From: day("2019-07-01"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5")}, {Kind: k, Percent: pct(r)}}}
	}
	return []tax.Rate{
		gst(canada.AB), gst(canada.NT), gst(canada.NU), gst(canada.YT),
		two(canada.BC, tax.PST, "7"), two(canada.MB, tax.RST, "7"), two(canada.SK, tax.PST, "6"), two(canada.QC, tax.QST, "9.975"),
		hst(canada.ON, "13"), hst(canada.NB, "15"), hst(canada.NL, "15"), hst(canada.PE, "15"), hst(canada.NS, "14"),
	}
}

func TestDefaultTable(t *testing.T) {
	rates := tax.Default().Rates()
	assert.Len(t, rates, 14, "13 jurisdictions, Nova Scotia twice")
	assert.Same(t, tax.Default(), tax.Default())
	for _, p := range canada.Provinces() {
		r, err := tax.Default().RateOn(p.Code, day("2026-06-01"))
		require.NoError(t, err, p.Code)
		assert.True(t, r.In(day("2026-06-01")))
		assert.True(t, r.To == canada.Date{}, "%s: still in force", p.Code)
	}
	qc, err := tax.Default().RateOn(canada.QC, day("2026-06-01"))
	require.NoError(t, err)
	assert.Equal(t, "14.975", qc.Total().String())
	assert.True(t, qc.In(day("2013-01-01")))
	assert.False(t, qc.In(day("2012-12-31")))
	ns, err := tax.Default().RateOn(canada.NS, day("2025-03-31"))
	require.NoError(t, err)
	assert.True(t, ns.In(day("2010-07-01")))
	assert.True(t, ns.In(day("2025-03-31")))
	assert.False(t, ns.In(day("2025-04-01")))

	// The embedded file is the package's rates.csv.
	b, err := os.ReadFile("rates.csv")
	require.NoError(t, err)
	loaded, err := tax.Load(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, tax.Default().Rates(), loaded.Rates())
}

// TestRatesJSON: a board can keep its table as JSON, the periods still in
// force without a "to".
func TestRatesJSON(t *testing.T) {
	b, err := json.Marshal(tax.Default().Rates())
	require.NoError(t, err)
	assert.Contains(t, string(b), `{"province":"QC","from":"2013-01-01","taxes":[{"kind":"GST","percent":"5"},{"kind":"QST","percent":"9.975"}]}`)
	var rates []tax.Rate
	require.NoError(t, json.Unmarshal(b, &rates))
	tbl, err := tax.New(rates)
	require.NoError(t, err)
	assert.Equal(t, tax.Default().Rates(), tbl.Rates())
}

func TestNewCopiesItsInput(t *testing.T) {
	rates := validRates()
	tbl, err := tax.New(rates)
	require.NoError(t, err)
	rates[7].Taxes[1].Percent = pct("50")
	r, err := tbl.RateOn(canada.QC, day("2026-06-01"))
	require.NoError(t, err)
	assert.Equal(t, "9.975", r.Taxes[1].Percent.String())
	r.Taxes[1].Percent = pct("50")
	again, err := tbl.RateOn(canada.QC, day("2026-06-01"))
	require.NoError(t, err)
	assert.Equal(t, "9.975", again.Taxes[1].Percent.String())
	_, err = tbl.RateOn(canada.QC, day("2019-06-30"))
	assert.ErrorIs(t, err, tax.ErrNoRate)
}

// TestNewReportsEveryFault: one call lists every fault of every row, and
// returns no table.
func TestNewReportsEveryFault(t *testing.T) {
	rates := validRates()
	// ON: a second period that overlaps the open first one.
	rates = append(rates, tax.Rate{Province: canada.ON, From: day("2026-01-01"), Taxes: []tax.Levy{{Kind: tax.HST, Percent: pct("12")}}})
	// NS: 15 % until 2025-03-31 then 14 % from 2025-04-02: a gap of one day.
	rates[12].From = day("2025-04-02")
	rates = append(rates, tax.Rate{Province: canada.NS, From: day("2010-07-01"), To: day("2025-03-31"), Taxes: []tax.Levy{{Kind: tax.HST, Percent: pct("15")}}})
	// Unknown province, negative rate, too precise a rate, 100 %, a bad
	// combination, an unknown kind, a reversed period, a zero From.
	rates = append(rates,
		tax.Rate{Province: "XX", From: day("2020-01-01"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5")}}},
		tax.Rate{Province: canada.AB, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("-1")}}},
		tax.Rate{Province: canada.YT, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5.0000001")}}},
		tax.Rate{Province: canada.NT, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("100")}}},
		tax.Rate{Province: canada.NU, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{{Kind: tax.HST, Percent: pct("13")}, {Kind: tax.PST, Percent: pct("1")}}},
		tax.Rate{Province: canada.MB, From: day("2000-01-01"), To: day("2007-12-31"), Taxes: []tax.Levy{{Kind: "VAT", Percent: pct("5")}}},
		tax.Rate{Province: canada.SK, From: day("2010-01-01"), To: day("2009-12-31"), Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5")}}},
		tax.Rate{Province: canada.BC, Taxes: []tax.Levy{{Kind: tax.GST, Percent: pct("5")}}},
	)
	tbl, err := tax.New(rates)
	assert.Nil(t, tbl)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ElementsMatch(t, []string{
		"rows[15].province:province.unknown",
		"rows[16].taxes[0].percent:rate.negative",
		"rows[17].taxes[0].percent:rate.precision",
		"rows[18].taxes[0].percent:rate.range",
		"rows[19].taxes:taxes.combination",
		"rows[20].taxes[0].kind:kind.unknown",
		"rows[20].taxes:taxes.combination",
		"rows[21].to:period.reversed",
		"rows[22].from:required",
		"rows[12].from:period.gap",
		"rows[13].from:period.overlap",
	}, ve.Codes())
	for _, f := range ve.Fields {
		if f.Code == "period.gap" {
			assert.Contains(t, f.Message.EN, "Nova Scotia from 2025-04-01 to 2025-04-01")
			assert.Contains(t, f.Message.FR, "Nouvelle-Écosse du 2025-04-01 au 2025-04-01")
		}
	}
}

func TestNewMissingProvinces(t *testing.T) {
	_, err := tax.New(nil)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 13)
	for _, f := range ve.Fields {
		assert.Equal(t, "rows:province.missing", f.Field+":"+f.Code)
	}
	_, err = tax.New(validRates()[1:])
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"rows:province.missing"}, ve.Codes())
	assert.Contains(t, ve.Fields[0].Message.EN, "Alberta")

	// A faulty row of a province is its only fault: the province is not
	// also missing.
	rates := validRates()
	rates[0].Taxes[0].Percent = pct("-5")
	_, err = tax.New(rates)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"rows[0].taxes[0].percent:rate.negative"}, ve.Codes())

	_, err = tax.New(make([]tax.Rate, tax.MaxRows+1))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"rows:rows.too_many"}, ve.Codes())
}

func defaultCSV(t *testing.T) string {
	b, err := os.ReadFile("rates.csv")
	require.NoError(t, err)
	return string(b)
}

// TestLoadReportsEveryFault breaks several rows of the default file at once.
func TestLoadReportsEveryFault(t *testing.T) {
	csv := defaultCSV(t)
	for _, r := range []struct{ old, new string }{
		{"CA-AB,Alberta,Alberta,GST,5,", "CA-XX,Alberta,Alberta,GST,5,"},     // rows[0]
		{"price excluding GST,2013-04-01", "price excluding GST,2013-04-31"}, // rows[1]: BC
		{"RST,7,12", "RST,-7,-2"}, // rows[2]: MB
		{"HST,,15,HST provincial portion,10,15,,2016-07-01,,HST = 5% federal + 10% provincial.\nCA-NL", "HST,,15,HST provincial portion,10,16,,2016-07-01,,x\nCA-NL"}, // rows[3]: NB
		{"10,15,,2010-07-01,2025-03-31", "10,15,,2010-07-01,2025-03-30"},                                                                                              // rows[5]: NS gap
		{"CA-NT,Northwest Territories,Territoires du Nord-Ouest,GST,", "CA-NT,Northwest Territories,Territoires du Nord-Ouest,VAT,"},                                  // rows[7]
		{"QST (TVQ),9.975,14.975,price excluding GST", "QST (TVQ),9.975,14.975,price including GST"},                                                                  // rows[11]
		{"CA-SK,Saskatchewan,Saskatchewan,GST+PST,5,,PST", "CA-SK,Saskatchewan,Saskatchewan,GST+PST,5,,TVP"},                                                          // rows[12]
		{"CA-YT,Yukon,Yukon,GST,5,", "CA-YT,Yukon,Yukon,GST,abc,"},                                                                                                    // rows[13]
	} {
		require.Contains(t, csv, r.old)
		csv = strings.Replace(csv, r.old, r.new, 1)
	}
	// An ON period overlapping the open one.
	csv += "CA-ON,Ontario,Ontario,HST,,12,HST provincial portion,7,12,,2026-01-01,,\n"
	tbl, err := tax.Load(strings.NewReader(csv))
	assert.Nil(t, tbl)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ElementsMatch(t, []string{
		"rows[0].jurisdiction_code:province.unknown",
		"rows[1].effective_from:date.format",
		"rows[2].provincial_rate_pct:rate.negative",
		"rows[3].combined_rate_pct:combined.mismatch",
		"rows[6].effective_from:period.gap",
		"rows[7].tax_system:tax_system.unknown",
		"rows[11].provincial_tax_applies_on:applies_on.unknown",
		"rows[12].provincial_tax_name:provincial_tax.unknown",
		"rows[13].gst_rate_pct:rate.format",
		"rows[14].effective_from:period.overlap",
		"rows:province.missing", // Alberta: its only row names an unknown jurisdiction
	}, ve.Codes())
	for _, f := range ve.Fields {
		if f.Code == "combined.mismatch" {
			assert.Contains(t, f.Message.EN, "15 %")
		}
	}
}

func TestLoadShape(t *testing.T) {
	var ve *i18n.ValidationError
	_, err := tax.Load(strings.NewReader(strings.Replace(defaultCSV(t), "CA-YT,Yukon,Yukon,GST,5,", "CA-YT,Yukon,Yukon,GST,5e0,", 1)))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"rows[13].gst_rate_pct:rate.format"}, ve.Codes(), "no exponents")
	_, err = tax.Load(strings.NewReader(strings.Replace(defaultCSV(t), "HST,,13,HST provincial portion,8,13", "HST,,13,HST provincial portion,x,13", 1)))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"rows[9].provincial_rate_pct:rate.format"}, ve.Codes(), "the provincial part of HST is checked")

	_, err = tax.Load(strings.NewReader(""))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"csv:csv.format"}, ve.Codes())

	_, err = tax.Load(strings.NewReader("jurisdiction_code,tax_system\nCA-QC,GST\n"))
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Codes(), "effective_from:csv.column_missing")
	assert.Len(t, ve.Fields, 8)

	_, err = tax.Load(strings.NewReader("a,\"b\nc"))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"csv:csv.format"}, ve.Codes())

	_, err = tax.Load(strings.NewReader(strings.Repeat("x", tax.MaxCSVBytes+1)))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"csv:csv.too_large"}, ve.Codes())

	// Columns in another order, codes without "CA-", a byte-order mark,
	// extra columns: accepted.
	var b strings.Builder
	b.WriteString("\ufeffeffective_from,effective_to,jurisdiction_code,tax_system,gst_rate_pct,hst_rate_pct,provincial_tax_name,provincial_rate_pct,combined_rate_pct,provincial_tax_applies_on,extra\n")
	for _, r := range validRates() {
		switch r.Taxes[0].Kind {
		case tax.HST:
			b.WriteString(r.From.String() + ",," + string(r.Province) + ",HST,," + r.Taxes[0].Percent.String() + ",,,,,x\n")
		default:
			system, name, prov := "GST", "", ""
			if len(r.Taxes) == 2 {
				system, prov = "GST+PST", r.Taxes[1].Percent.String()
				name = string(r.Taxes[1].Kind)
				if r.Taxes[1].Kind == tax.QST {
					system = "GST+QST"
				}
			}
			b.WriteString(r.From.String() + ",," + string(r.Province) + "," + system + ",5,," + name + "," + prov + ",,price excluding GST,\n")
		}
	}
	tbl, err := tax.Load(strings.NewReader(b.String()))
	require.NoError(t, err)
	want, err := tax.New(validRates())
	require.NoError(t, err)
	assert.Equal(t, want.Rates(), tbl.Rates())
}

// TestLoadedTableComputes: a board's own table is used as loaded.
func TestLoadedTableComputes(t *testing.T) {
	csv := strings.Replace(defaultCSV(t), "QST (TVQ),9.975,14.975,price excluding GST,2013-01-01,,",
		"QST (TVQ),9.975,14.975,price excluding GST,2013-01-01,2026-12-31,", 1)
	csv += "CA-QC,Quebec,Québec,GST+QST,5,,QST (TVQ),10,15,price excluding GST,2027-01-01,,example only\n"
	tbl, err := tax.Load(strings.NewReader(csv))
	require.NoError(t, err)
	b, err := tbl.Compute(canada.QC, day("2026-12-31"), 15000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(17246), b.Total)
	b, err = tbl.Compute(canada.QC, day("2027-01-01"), 15000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(1500), b.Lines[1].Amount)
	assert.Equal(t, tax.Cents(17250), b.Total)
}
