package tax

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/shopspring/decimal"
)

// ErrNoRate is the sentinel of the *i18n.Error RateOn and Compute return
// when the table has no rate in force for the province on the day (a day
// before its first period, or after a period that ended).
var ErrNoRate = errors.New("tax: no rate in force")

// MaxRows is the number of periods a table may hold.
const MaxRows = 1000

// Table is a validated set of rates: for each of the thirteen provinces and
// territories, periods that follow one another without gap or overlap. It
// is immutable and safe for concurrent use. Get one from Default, New or
// Load; the zero Table has no rate.
type Table struct {
	rows  []Rate                      // as given, cloned
	byKey map[canada.Province][]entry // periods by province, by start
}

// entry is one period ready for lookups: integer day bounds and the rates
// scaled to integers.
type entry struct {
	from, to int // dayKey bounds, to inclusive (maxInt while in force)
	rate     Rate
	scaled   []uint64 // Percent × 10^MaxRateDecimals, per levy
}

//go:embed rates.csv
var ratesCSV []byte

// defaultTable parses the embedded table once.
var defaultTable = sync.OnceValue(func() *Table {
	t, err := Load(bytes.NewReader(ratesCSV))
	if err != nil {
		panic("tax: the embedded rates.csv is invalid: " + err.Error())
	}
	return t
})

// Default returns the table embedded from rates.csv: the rates of the
// thirteen provinces and territories in force in 2025–2026, with Nova
// Scotia's HST at 15 % until 2025-03-31 and 14 % from 2025-04-01 (sources
// in SOURCE.md beside the file). Every call returns the same table.
func Default() *Table { return defaultTable() }

// New validates rates as a whole and returns the table they make. Every
// fault is reported at once in one *i18n.ValidationError (fields
// "rows[i].province", "rows[i].from", "rows[i].taxes[j].percent"...,
// "rows" for a missing province): an unknown province, a missing or invalid
// From, a To before From, an unknown tax or combination, a negative rate or
// one of 100 % or more or with more than MaxRateDecimals decimals, two
// periods of one province that overlap or leave a gap between them, a
// province or territory with no period at all, more than MaxRows rows. On
// error no table is returned. New copies rates: changing them afterwards
// does not change the table.
func New(rates []Rate) (*Table, error) {
	v := messages.Validator()
	if v.Check(len(rates) > MaxRows, "rows", "rows.too_many", MaxRows) {
		return nil, v.Err()
	}
	names := make([]rowNames, len(rates))
	for i := range rates {
		names[i] = goNames(i)
	}
	return build(v, rates, names, nil)
}

// rowNames names the fields of one row in a ValidationError.
type rowNames struct {
	province, from, to string
	taxes              string
	percent            func(j int) string
}

// goNames names the fields of row i given as Go values (the JSON names).
func goNames(i int) rowNames {
	p := fmt.Sprintf("rows[%d].", i)
	return rowNames{
		province: p + "province", from: p + "from", to: p + "to", taxes: p + "taxes",
		percent: func(j int) string { return fmt.Sprintf("%staxes[%d].percent", p, j) },
	}
}

// build checks rows (named by names) into v and returns the table, or v's
// error. Rows that are faulty on their own are left out of the checks
// across periods, so that one typo is not also reported as a gap; seen
// holds the provinces of rows the caller already found faulty, so that
// they are not reported missing either.
func build(v *i18n.Validator, rows []Rate, names []rowNames, seen map[canada.Province]bool) (*Table, error) {
	t := &Table{byKey: make(map[canada.Province][]entry, 13)}
	index := make(map[canada.Province][]int, 13)
	for i, r := range rows {
		before := v.Len()
		checkRate(v, r, names[i])
		if v.Len() > before {
			if seen == nil {
				seen = map[canada.Province]bool{}
			}
			seen[r.Province] = true
			continue
		}
		index[r.Province] = append(index[r.Province], i)
	}
	for _, p := range canada.Provinces() {
		is := index[p.Code]
		if len(is) == 0 {
			if seen[p.Code] {
				continue
			}
			v.Add("rows", "province.missing", p.NameFR, p.NameEN)
			continue
		}
		slices.SortStableFunc(is, func(a, b int) int { return rows[a].From.Compare(rows[b].From) })
		for k := 1; k < len(is); k++ {
			prev, cur := rows[is[k-1]], rows[is[k]]
			switch {
			case prev.To == (canada.Date{}) || !cur.From.After(prev.To):
				end := "…"
				if prev.To != (canada.Date{}) {
					end = prev.To.String()
				}
				v.Add(names[is[k]].from, "period.overlap", p.NameFR, p.NameEN, end)
			case cur.From.After(prev.To.AddDays(1)):
				v.Add(names[is[k]].from, "period.gap", p.NameFR, p.NameEN, prev.To.AddDays(1).String(), cur.From.AddDays(-1).String())
			}
		}
		for _, i := range is {
			t.byKey[p.Code] = append(t.byKey[p.Code], newEntry(rows[i]))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	t.rows = make([]Rate, len(rows))
	for i, r := range rows {
		t.rows[i] = r.clone()
	}
	return t, nil
}

// checkRate records the faults of one row on its own.
func checkRate(v *i18n.Validator, r Rate, n rowNames) {
	v.Check(!r.Province.Valid(), n.province, "province.unknown")
	if r.From == (canada.Date{}) {
		v.Add(n.from, "required")
	} else {
		v.Check(!r.From.Valid(), n.from, "day.invalid")
	}
	if r.To != (canada.Date{}) {
		if !v.Check(!r.To.Valid(), n.to, "day.invalid") && r.From.Valid() {
			v.Check(r.To.Before(r.From), n.to, "period.reversed")
		}
	}
	kinds := make([]Kind, 0, len(r.Taxes))
	for j, l := range r.Taxes {
		if !l.Kind.Valid() {
			v.Add(fmt.Sprintf("%s[%d].kind", n.taxes, j), "kind.unknown")
		}
		kinds = append(kinds, l.Kind)
		checkPercent(v, l.Percent, n.percent(j))
	}
	v.Check(!validCombination(kinds), n.taxes, "taxes.combination")
}

// checkPercent records the faults of one rate in percent.
func checkPercent(v *i18n.Validator, p decimal.Decimal, field string) {
	switch {
	case p.IsNegative():
		v.Add(field, "rate.negative")
	case p.GreaterThanOrEqual(hundred):
		v.Add(field, "rate.range")
	case !p.Shift(MaxRateDecimals).IsInteger():
		v.Add(field, "rate.precision", MaxRateDecimals)
	}
}

// validCombination reports whether kinds is GST alone, HST alone, or GST
// then one QST, PST or RST.
func validCombination(kinds []Kind) bool {
	switch len(kinds) {
	case 1:
		return kinds[0].federal()
	case 2:
		return kinds[0] == GST && (kinds[1] == QST || kinds[1] == PST || kinds[1] == RST)
	}
	return false
}

var (
	hundred = decimal.NewFromInt(100)
	// rateScale is 10^MaxRateDecimals.
	rateScale = decimal.New(1, MaxRateDecimals)
)

// newEntry prepares a valid row for lookups.
func newEntry(r Rate) entry {
	r = r.clone()
	e := entry{from: dayKey(r.From), to: int(^uint(0) >> 1), rate: r, scaled: make([]uint64, len(r.Taxes))}
	if r.To != (canada.Date{}) {
		e.to = dayKey(r.To)
	}
	for j, l := range r.Taxes {
		e.scaled[j] = uint64(l.Percent.Mul(rateScale).IntPart())
	}
	return e
}

// Rates returns every period of the table, in the order it was given. The
// slice and its rates are freshly copied.
func (t *Table) Rates() []Rate {
	out := make([]Rate, len(t.rows))
	for i, r := range t.rows {
		out[i] = r.clone()
	}
	return out
}

// RateOn returns the rates in force for province on day. It returns a
// *i18n.ValidationError for an unknown province ("province",
// "province.unknown") or an invalid or zero day ("day", "day.invalid"),
// and an *i18n.Error with code "rate.none" wrapping ErrNoRate when the
// table has no period covering day. The rate returned is a copy.
func (t *Table) RateOn(province canada.Province, day canada.Date) (Rate, error) {
	e, err := t.lookup(province, day)
	if err != nil {
		return Rate{}, err
	}
	return e.rate.clone(), nil
}

// lookup finds the entry in force, or the error RateOn documents.
func (t *Table) lookup(province canada.Province, day canada.Date) (*entry, error) {
	if err := checkQuery(province, day, 0); err != nil {
		return nil, err
	}
	return t.find(province, day)
}

// checkQuery validates the inputs of a lookup or a computation.
func checkQuery(province canada.Province, day canada.Date, subtotal Cents) error {
	provinceOK, dayOK := province.Valid(), day != (canada.Date{}) && day.Valid()
	if provinceOK && dayOK && subtotal >= 0 && subtotal <= MaxSubtotal {
		return nil
	}
	v := messages.Validator()
	v.Check(!provinceOK, "province", "province.unknown")
	v.Check(!dayOK, "day", "day.invalid")
	v.Check(subtotal < 0, "subtotal", "subtotal.negative")
	v.Check(subtotal > MaxSubtotal, "subtotal", "subtotal.range", MaxSubtotal.String())
	return v.Err()
}

// find returns the entry of a valid province covering a valid day.
func (t *Table) find(province canada.Province, day canada.Date) (*entry, error) {
	k := dayKey(day)
	es := t.byKey[province]
	for i := range es {
		if es[i].from <= k && k <= es[i].to {
			return &es[i], nil
		}
	}
	return nil, messages.Error(ErrNoRate, "rate.none", province.NameFR(), province.NameEN(), day.String())
}
