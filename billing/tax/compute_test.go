package tax_test

import (
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func day(s string) canada.Date {
	d, err := canada.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// golden is one sale checked by hand: the amount of each tax line, in the
// table's order, and the total.
type golden struct {
	province canada.Province
	subtotal tax.Cents
	kinds    []tax.Kind
	amounts  []tax.Cents
	total    tax.Cents
}

// TestComputeGolden checks every province and territory on 2026-06-01 for
// 150.00 $, 0.01 $ and 33.33 $, each amount computed by hand:
//
//	GST 5 %     150.00 → 7.50    0.01 → 0.0005 → 0   33.33 → 1.6665 → 1.67
//	PST/RST 7 % 150.00 → 10.50   0.01 → 0             33.33 → 2.3331 → 2.33
//	PST 6 %     150.00 → 9.00    0.01 → 0             33.33 → 1.9998 → 2.00
//	QST 9.975 % 150.00 → 14.9625 → 14.96  0.01 → 0   33.33 → 3.3246675 → 3.32
//	HST 13 %    150.00 → 19.50   0.01 → 0             33.33 → 4.3329 → 4.33
//	HST 14 %    150.00 → 21.00   0.01 → 0             33.33 → 4.6662 → 4.67
//	HST 15 %    150.00 → 22.50   0.01 → 0             33.33 → 4.9995 → 5.00
func TestComputeGolden(t *testing.T) {
	gst := []tax.Kind{tax.GST}
	hst := []tax.Kind{tax.HST}
	cases := []golden{
		{canada.AB, 15000, gst, []tax.Cents{750}, 15750},
		{canada.AB, 1, gst, []tax.Cents{0}, 1},
		{canada.AB, 3333, gst, []tax.Cents{167}, 3500},
		{canada.NT, 15000, gst, []tax.Cents{750}, 15750},
		{canada.NT, 3333, gst, []tax.Cents{167}, 3500},
		{canada.NU, 15000, gst, []tax.Cents{750}, 15750},
		{canada.NU, 3333, gst, []tax.Cents{167}, 3500},
		{canada.YT, 15000, gst, []tax.Cents{750}, 15750},
		{canada.YT, 1, gst, []tax.Cents{0}, 1},
		{canada.BC, 15000, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{750, 1050}, 16800},
		{canada.BC, 1, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{0, 0}, 1},
		{canada.BC, 3333, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{167, 233}, 3733},
		{canada.MB, 15000, []tax.Kind{tax.GST, tax.RST}, []tax.Cents{750, 1050}, 16800},
		{canada.MB, 3333, []tax.Kind{tax.GST, tax.RST}, []tax.Cents{167, 233}, 3733},
		{canada.SK, 15000, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{750, 900}, 16650},
		{canada.SK, 1, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{0, 0}, 1},
		{canada.SK, 3333, []tax.Kind{tax.GST, tax.PST}, []tax.Cents{167, 200}, 3700},
		{canada.QC, 15000, []tax.Kind{tax.GST, tax.QST}, []tax.Cents{750, 1496}, 17246},
		{canada.QC, 1, []tax.Kind{tax.GST, tax.QST}, []tax.Cents{0, 0}, 1},
		{canada.QC, 3333, []tax.Kind{tax.GST, tax.QST}, []tax.Cents{167, 332}, 3832},
		{canada.ON, 15000, hst, []tax.Cents{1950}, 16950},
		{canada.ON, 1, hst, []tax.Cents{0}, 1},
		{canada.ON, 3333, hst, []tax.Cents{433}, 3766},
		{canada.NS, 15000, hst, []tax.Cents{2100}, 17100},
		{canada.NS, 3333, hst, []tax.Cents{467}, 3800},
		{canada.NB, 15000, hst, []tax.Cents{2250}, 17250},
		{canada.NB, 3333, hst, []tax.Cents{500}, 3833},
		{canada.NL, 15000, hst, []tax.Cents{2250}, 17250},
		{canada.NL, 1, hst, []tax.Cents{0}, 1},
		{canada.PE, 15000, hst, []tax.Cents{2250}, 17250},
		{canada.PE, 3333, hst, []tax.Cents{500}, 3833},
	}
	seen := map[canada.Province]bool{}
	for _, c := range cases {
		seen[c.province] = true
		b, err := tax.Default().Compute(c.province, day("2026-06-01"), c.subtotal)
		require.NoError(t, err, c.province)
		require.Len(t, b.Lines, len(c.kinds), c.province)
		var sum tax.Cents
		for i, l := range b.Lines {
			assert.Equal(t, c.kinds[i], l.Kind, "%s %v", c.province, c.subtotal)
			assert.Equal(t, c.amounts[i], l.Amount, "%s %v %s", c.province, c.subtotal, l.Kind)
			assert.Equal(t, c.subtotal, l.Base, "every tax is on the price excluding GST")
			sum += l.Amount
		}
		assert.Equal(t, sum, b.Tax)
		assert.Equal(t, c.total, b.Total, "%s %v", c.province, c.subtotal)
	}
	assert.Len(t, seen, 13, "every province and territory")
}

func TestComputeLineNamesAndRates(t *testing.T) {
	b, err := tax.Default().Compute(canada.QC, day("2026-06-01"), 15000)
	require.NoError(t, err)
	assert.Equal(t, i18n.Text{FR: "TPS", EN: "GST"}, b.Lines[0].Name)
	assert.Equal(t, i18n.Text{FR: "TVQ", EN: "QST"}, b.Lines[1].Name)
	assert.True(t, b.Lines[0].Percent.Equal(decimal.NewFromInt(5)))
	assert.Equal(t, "9.975", b.Lines[1].Percent.String())
	assert.Equal(t, "7,50\u00a0$", b.Lines[0].Amount.Format(i18n.French))
	assert.Equal(t, "$172.46", b.Total.Format(i18n.English))

	on, err := tax.Default().Compute(canada.ON, day("2026-06-01"), 100)
	require.NoError(t, err)
	assert.Equal(t, i18n.Text{FR: "TVH", EN: "HST"}, on.Lines[0].Name)
	mb, err := tax.Default().Compute(canada.MB, day("2026-06-01"), 100)
	require.NoError(t, err)
	assert.Equal(t, i18n.Text{FR: "TVD", EN: "RST"}, mb.Lines[1].Name)
	bc, err := tax.Default().Compute(canada.BC, day("2026-06-01"), 100)
	require.NoError(t, err)
	assert.Equal(t, i18n.Text{FR: "TVP", EN: "PST"}, bc.Lines[1].Name)
}

// TestNovaScotiaRateChange: the HST went from 15 % to 14 % on 2025-04-01;
// the new rate applies from that day, the old one until the day before.
func TestNovaScotiaRateChange(t *testing.T) {
	for _, c := range []struct {
		day    string
		hst    tax.Cents
		rate   string
		total  tax.Cents
		period string
	}{
		{"2010-07-01", 2250, "15", 17250, "2010-07-01"},
		{"2025-03-31", 2250, "15", 17250, "2010-07-01"},
		{"2025-04-01", 2100, "14", 17100, "2025-04-01"},
		{"2026-06-01", 2100, "14", 17100, "2025-04-01"},
	} {
		b, err := tax.Default().Compute(canada.NS, day(c.day), 15000)
		require.NoError(t, err, c.day)
		require.Len(t, b.Lines, 1)
		assert.Equal(t, c.hst, b.Lines[0].Amount, c.day)
		assert.Equal(t, c.rate, b.Lines[0].Percent.String(), c.day)
		assert.Equal(t, c.total, b.Total, c.day)
		r, err := tax.Default().RateOn(canada.NS, day(c.day))
		require.NoError(t, err)
		assert.Equal(t, c.period, r.From.String())
	}
}

// TestRateChangeByTheTorontoDay: the day of a sale is its date in
// America/Toronto. A sale at 23:30 on 2025-03-31 in Toronto (03:30 UTC on
// April 1st) still pays 15 %; one hour later it pays 14 %.
func TestRateChangeByTheTorontoDay(t *testing.T) {
	loc, err := canada.LoadToronto()
	require.NoError(t, err)
	at := time.Date(2025, 4, 1, 3, 30, 0, 0, time.UTC)
	b, err := tax.Default().Compute(canada.NS, canada.DateOf(at.In(loc)), 15000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(2250), b.Lines[0].Amount)
	b, err = tax.Default().Compute(canada.NS, canada.DateOf(at.Add(time.Hour).In(loc)), 15000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(2100), b.Lines[0].Amount)
}

// TestHalfUpRounding: exactly half a cent rounds up, never to even.
func TestHalfUpRounding(t *testing.T) {
	for _, c := range []struct {
		province canada.Province
		subtotal tax.Cents
		want     []tax.Cents
	}{
		{canada.AB, 10, []tax.Cents{1}},          // 5 % of 0.10 = 0.5 cent → 1 (to even: 0)
		{canada.AB, 50, []tax.Cents{3}},          // 2.5 → 3 (to even: 2)
		{canada.AB, 30, []tax.Cents{2}},          // 1.5 → 2
		{canada.AB, 9, []tax.Cents{0}},           // 0.45 → 0
		{canada.AB, 11, []tax.Cents{1}},          // 0.55 → 1
		{canada.ON, 50, []tax.Cents{7}},          // 13 % of 0.50 = 6.5 → 7
		{canada.NS, 25, []tax.Cents{4}},          // 14 % of 0.25 = 3.5 → 4
		{canada.QC, 6000, []tax.Cents{300, 599}}, // 9.975 % of 60.00 = 598.5 → 599 (to even: 598)
		{canada.QC, 2000, []tax.Cents{100, 200}}, // 199.5 → 200
		{canada.SK, 25, []tax.Cents{1, 2}},       // 1.25 → 1, 6 % of 0.25 = 1.5 → 2
		{canada.BC, 50, []tax.Cents{3, 4}},       // 2.5 → 3, 7 % of 0.50 = 3.5 → 4
	} {
		b, err := tax.Default().Compute(c.province, day("2026-06-01"), c.subtotal)
		require.NoError(t, err)
		got := make([]tax.Cents, len(b.Lines))
		for i, l := range b.Lines {
			got[i] = l.Amount
		}
		assert.Equal(t, c.want, got, "%s %d", c.province, c.subtotal)
	}
}

func TestComputeZeroAndLargest(t *testing.T) {
	b, err := tax.Default().Compute(canada.QC, day("2026-06-01"), 0)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(0), b.Total)
	assert.Len(t, b.Lines, 2)

	b, err = tax.Default().Compute(canada.QC, day("2026-06-01"), tax.MaxSubtotal)
	require.NoError(t, err)
	// 10^12 × 5 % = 5 × 10^10; 10^12 × 9.975 % = 9.975 × 10^10.
	assert.Equal(t, tax.Cents(50_000_000_000), b.Lines[0].Amount)
	assert.Equal(t, tax.Cents(99_750_000_000), b.Lines[1].Amount)
	assert.Equal(t, tax.MaxSubtotal+149_750_000_000, b.Total)
}

func TestComputeInvalidInputs(t *testing.T) {
	tbl := tax.Default()
	_, err := tbl.Compute("XX", canada.Date{}, -1)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, i18n.ErrInvalid)
	assert.Equal(t, []string{"province:province.unknown", "day:day.invalid", "subtotal:subtotal.negative"}, ve.Codes())
	for _, f := range ve.Fields {
		assert.NotEmpty(t, f.Message.FR)
		assert.NotEmpty(t, f.Message.EN)
		assert.NotEqual(t, f.Message.FR, f.Message.EN)
	}

	_, err = tbl.Compute(canada.QC, canada.Date{Year: 2026, Month: 2, Day: 30}, 100)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"day:day.invalid"}, ve.Codes())
	_, err = tbl.Compute("", day("2026-06-01"), 100)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"province:province.unknown"}, ve.Codes())
	_, err = tbl.Compute("qc", day("2026-06-01"), 100)
	require.ErrorAs(t, err, &ve, "codes are upper case; parse names with canada.ParseProvince")
	_, err = tbl.Compute(canada.QC, day("2026-06-01"), tax.MaxSubtotal+1)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"subtotal:subtotal.range"}, ve.Codes())

	_, err = tbl.RateOn("ZZ", canada.Date{})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"province:province.unknown", "day:day.invalid"}, ve.Codes())
}

// TestNoRateBeforeTheTable: a day before a province's first period is a
// refusal with a stable code, not a zero tax.
func TestNoRateBeforeTheTable(t *testing.T) {
	for _, c := range []struct {
		province canada.Province
		day      string
	}{
		{canada.QC, "2012-12-31"},
		{canada.NS, "2010-06-30"},
		{canada.PE, "2016-09-30"},
	} {
		_, err := tax.Default().Compute(c.province, day(c.day), 100)
		require.ErrorIs(t, err, tax.ErrNoRate)
		var e *i18n.Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "rate.none", e.Code)
		assert.Contains(t, e.Message.FR, c.province.NameFR())
		assert.Contains(t, e.Message.EN, c.province.NameEN())
		assert.Contains(t, e.Message.EN, c.day)
		_, err = tax.Default().RateOn(c.province, day(c.day))
		assert.ErrorIs(t, err, tax.ErrNoRate)
	}
	_, err := tax.Default().Compute(canada.QC, day("2013-01-01"), 100)
	assert.NoError(t, err)
	_, err = tax.Default().Compute(canada.PE, day("2016-10-01"), 100)
	assert.NoError(t, err)
}

func TestCentsString(t *testing.T) {
	for c, want := range map[tax.Cents]string{0: "0.00", 1: "0.01", 10: "0.10", 17246: "172.46", -5: "-0.05", 123456: "1234.56"} {
		assert.Equal(t, want, c.String())
	}
	assert.Equal(t, "-$0.05", tax.Cents(-5).Format(i18n.English))
	assert.Equal(t, "1234,56\u00a0$", tax.Cents(123456).Format(i18n.French))
}

func TestKinds(t *testing.T) {
	for _, k := range tax.Kinds() {
		assert.True(t, k.Valid())
		assert.NotEmpty(t, k.Abbrev().FR)
		assert.NotEmpty(t, k.Abbrev().EN)
		assert.NotEmpty(t, k.Name().FR)
		assert.NotEmpty(t, k.Name().EN)
	}
	assert.False(t, tax.Kind("VAT").Valid())
	assert.True(t, tax.Kind("VAT").Abbrev().IsZero())
	assert.True(t, tax.Kind("VAT").Name().IsZero())
}

// TestConcurrentCompute: a table is read by many goroutines at once (run
// with -race).
func TestConcurrentCompute(t *testing.T) {
	done := make(chan tax.Cents)
	for range 8 {
		go func() {
			var last tax.Cents
			for _, p := range canada.Provinces() {
				b, err := tax.Default().Compute(p.Code, day("2026-06-01"), 15000)
				if err != nil {
					panic(err)
				}
				last = b.Total
			}
			done <- last
		}()
	}
	for range 8 {
		assert.Equal(t, tax.Cents(15750), <-done) // Nunavut, last in order
	}
}

// TestPercentText: a rate prints with a decimal comma and a non-breaking
// space in French, a point and no space in English.
func TestPercentText(t *testing.T) {
	b, err := tax.Default().Compute(canada.QC, canada.Date{Year: 2026, Month: 6, Day: 1}, 15000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		line int
		lang i18n.Lang
		want string
	}{
		{0, i18n.French, "5\u00a0%"}, {0, i18n.English, "5%"},
		{1, i18n.French, "9,975\u00a0%"}, {1, i18n.English, "9.975%"},
	} {
		if got := b.Lines[c.line].PercentText(c.lang); got != c.want {
			t.Errorf("line %d in %v: %q, want %q", c.line, c.lang, got, c.want)
		}
	}
}
