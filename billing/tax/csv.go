package tax

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/shopspring/decimal"
)

// MaxCSVBytes is the size of the largest file Load reads.
const MaxCSVBytes = 1 << 20

// csvColumns are the columns Load needs; others (names, notes) are
// ignored.
var csvColumns = []string{
	"jurisdiction_code", "tax_system", "gst_rate_pct", "hst_rate_pct", "provincial_tax_name",
	"provincial_rate_pct", "combined_rate_pct", "provincial_tax_applies_on", "effective_from", "effective_to",
}

// excludingGST is the one value of provincial_tax_applies_on Load accepts
// (besides empty): every tax is on the price excluding GST.
const excludingGST = "price excluding GST"

// Load reads a table in the shape of the embedded rates.csv (see SOURCE.md):
// a header row naming at least the columns jurisdiction_code ("CA-QC" or
// "QC"), tax_system (GST, HST, GST+PST or GST+QST), gst_rate_pct,
// hst_rate_pct, provincial_tax_name (PST or RST for GST+PST), provincial_rate_pct
// (the QST, PST or RST rate; for HST, its provincial part, not charged
// separately), combined_rate_pct (checked against the sum when present),
// provincial_tax_applies_on (empty or "price excluding GST"), effective_from
// and effective_to (YYYY-MM-DD, inclusive, empty while in force), in any
// order; then one row per period.
//
// Every fault of the file is reported at once in one
// *i18n.ValidationError: those of each row (fields "rows[i].column", i
// counting data rows from 0, so rows[0] is line 2 of the file) and those New
// reports across rows (overlaps, gaps, missing provinces). A file larger
// than MaxCSVBytes, or with more than MaxRows rows, is refused. On error no
// table is returned.
func Load(r io.Reader) (*Table, error) {
	v := messages.Validator()
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, fmt.Errorf("tax: reading the rates: %w", err)
	}
	if v.Check(len(data) > MaxCSVBytes, "csv", "csv.too_large", MaxCSVBytes) {
		return nil, v.Err()
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = fmt.Sprintf("line %d: %v", pe.Line, pe.Err)
		}
		v.Add("csv", "csv.format", msg)
		return nil, v.Err()
	}
	if len(records) == 0 {
		v.Add("csv", "csv.format", "no header")
		return nil, v.Err()
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))] = i
	}
	for _, c := range csvColumns {
		if _, ok := col[c]; !ok {
			v.Add(c, "csv.column_missing")
		}
	}
	if v.Len() > 0 {
		return nil, v.Err()
	}
	records = records[1:]
	if v.Check(len(records) > MaxRows, "rows", "rows.too_many", MaxRows) {
		return nil, v.Err()
	}
	var rows []Rate
	var names []rowNames
	seen := map[canada.Province]bool{}
	for i, rec := range records {
		get := func(c string) string {
			if j := col[c]; j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		before := v.Len()
		r := parseRow(v, fmt.Sprintf("rows[%d].", i), get)
		if v.Len() == before {
			rows = append(rows, r)
			names = append(names, csvNames(i, r))
		} else {
			seen[r.Province] = true
		}
	}
	return build(v, rows, names, seen)
}

// csvNames names the fields of data row i (parsed into r) after the CSV
// columns.
func csvNames(i int, r Rate) rowNames {
	p := fmt.Sprintf("rows[%d].", i)
	return rowNames{
		province: p + "jurisdiction_code", from: p + "effective_from", to: p + "effective_to",
		taxes: p + "tax_system",
		percent: func(j int) string {
			switch {
			case j > 0:
				return p + "provincial_rate_pct"
			case r.Taxes[0].Kind == HST:
				return p + "hst_rate_pct"
			}
			return p + "gst_rate_pct"
		},
	}
}

// parseRow reads one data row, recording its faults with fields prefixed by
// p.
func parseRow(v *i18n.Validator, p string, get func(string) string) Rate {
	var r Rate
	code := get("jurisdiction_code")
	r.Province = canada.Province(strings.TrimPrefix(code, "CA-"))
	if code == "" {
		v.Add(p+"jurisdiction_code", "required")
	} else {
		v.Check(!r.Province.Valid(), p+"jurisdiction_code", "province.unknown")
	}
	r.From = parseDay(v, p+"effective_from", get("effective_from"), true)
	r.To = parseDay(v, p+"effective_to", get("effective_to"), false)

	rate := func(c string) decimal.Decimal {
		s := get(c)
		if s == "" {
			v.Add(p+c, "required")
			return decimal.Zero
		}
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eE") {
			v.Add(p+c, "rate.format")
			return decimal.Zero
		}
		checkPercent(v, d, p+c)
		return d
	}
	beforeRates := v.Len()
	switch system := get("tax_system"); system {
	case "GST":
		r.Taxes = []Levy{{GST, rate("gst_rate_pct")}}
	case "HST":
		r.Taxes = []Levy{{HST, rate("hst_rate_pct")}}
		if get("provincial_rate_pct") != "" {
			rate("provincial_rate_pct") // the provincial part of HST: checked, not charged apart
		}
	case "GST+QST", "GST+PST":
		kind := QST
		if system == "GST+PST" {
			switch get("provincial_tax_name") {
			case "PST":
				kind = PST
			case "RST":
				kind = RST
			default:
				v.Add(p+"provincial_tax_name", "provincial_tax.unknown")
			}
		}
		r.Taxes = []Levy{{GST, rate("gst_rate_pct")}, {kind, rate("provincial_rate_pct")}}
		if on := get("provincial_tax_applies_on"); on != "" && on != excludingGST {
			v.Add(p+"provincial_tax_applies_on", "applies_on.unknown")
		}
	default:
		v.Add(p+"tax_system", "tax_system.unknown")
	}
	if s := get("combined_rate_pct"); s != "" && len(r.Taxes) > 0 && v.Len() == beforeRates {
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eE") {
			v.Add(p+"combined_rate_pct", "rate.format")
		} else if total := r.Total(); !d.Equal(total) {
			v.Add(p+"combined_rate_pct", "combined.mismatch", total.String())
		}
	}
	return r
}

// parseDay reads a YYYY-MM-DD date, recording a fault in field.
func parseDay(v *i18n.Validator, field, s string, required bool) canada.Date {
	if s == "" {
		v.Check(required, field, "required")
		return canada.Date{}
	}
	d, err := canada.ParseDate(s)
	v.Check(err != nil, field, "date.format")
	return d
}
