package price

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
)

// MaxJSONBytes is the size of the largest file Load reads.
const MaxJSONBytes = 1 << 20

// bookJSON is the JSON shape of a book.
type bookJSON struct {
	Prices []Entry `json:"prices"`
}

// rawEntry is an Entry as read, before its values are checked one by one.
type rawEntry struct {
	SKU          string       `json:"sku"`
	From         string       `json:"from"`
	Unit         *json.Number `json:"unit"`
	PerRecipient *json.Number `json:"per_recipient"`
	Credits      *json.Number `json:"credits"`
}

// MarshalJSON writes the book as Load reads it: {"prices": [...]}, each
// entry as Entry's JSON tags say, amounts in cents, days as "2026-06-01".
func (b *Book) MarshalJSON() ([]byte, error) {
	es := b.Entries()
	if es == nil {
		es = []Entry{}
	}
	return json.Marshal(bookJSON{Prices: es})
}

// Load reads a book from JSON: an object {"prices": [...]} whose entries
// have the fields "sku", "from" (YYYY-MM-DD), "unit" and "per_recipient"
// (whole numbers of cents: 15000 for 150 $) and "credits", as New takes
// them; an unknown field is refused, so that a misspelt one does not
// silently leave a price out. A file larger than MaxJSONBytes is refused
// before it is parsed, one with more than MaxEntries prices before any
// price is checked.
//
// Every fault is reported at once in one *i18n.ValidationError: a value of
// the wrong shape ("prices[i].from", "date.format"; "prices[i].unit" or
// "per_recipient", "price.format"; "prices[i].credits", "credits.format";
// an entry that is not an object of those fields, "prices[i]",
// "json.format"), then every fault New reports. A document that is not
// such an object, or has data after it, is one fault ("json",
// "json.format"); a missing or null "prices" is ("prices", "required"). On
// error no book is returned; an error of r is returned wrapped, not as a
// fault.
func Load(r io.Reader) (*Book, error) {
	v := messages.Validator()
	data, err := io.ReadAll(io.LimitReader(r, MaxJSONBytes+1))
	if err != nil {
		return nil, fmt.Errorf("price: reading the price book: %w", err)
	}
	if v.Check(len(data) > MaxJSONBytes, "json", "json.too_large", MaxJSONBytes) {
		return nil, v.Err()
	}
	var raw struct {
		Prices []json.RawMessage `json:"prices"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		v.Add("json", "json.format", describe(err))
		return nil, v.Err()
	}
	if dec.More() {
		v.Add("json", "json.format", "data after the book")
		return nil, v.Err()
	}
	if raw.Prices == nil {
		v.Add("prices", "required")
		return nil, v.Err()
	}
	if v.Check(len(raw.Prices) > MaxEntries, "prices", "prices.too_many", MaxEntries) {
		return nil, v.Err()
	}
	entries := make([]Entry, len(raw.Prices))
	bad := make([]bool, len(raw.Prices))
	for i, m := range raw.Prices {
		p := fmt.Sprintf("prices[%d].", i)
		var re rawEntry
		d := json.NewDecoder(bytes.NewReader(m))
		d.DisallowUnknownFields()
		d.UseNumber()
		if err := d.Decode(&re); err != nil {
			v.Add(p[:len(p)-1], "json.format", describe(err))
			bad[i] = true
			continue
		}
		var ok bool
		entries[i], ok = parseEntry(v, p, re)
		bad[i] = !ok
	}
	return build(v, entries, bad)
}

// describe says what is wrong with a JSON document, without Go's type
// names.
func describe(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te) && te.Field != "":
		return fmt.Sprintf("%q cannot be a JSON %s", te.Field, te.Value)
	case errors.As(err, &te):
		return fmt.Sprintf("an object is expected, not a JSON %s", te.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the document is empty or cut short"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// parseEntry reads one raw entry, recording the faults of its shape; the
// fields left zero are then reported by New's checks ("required"...).
//
// A value of the wrong shape is replaced by a placeholder that New's checks
// accept, so that it is reported once, and the entry is marked bad (left
// out of the checks across entries).
func parseEntry(v *i18n.Validator, p string, re rawEntry) (Entry, bool) {
	before := v.Len()
	e := Entry{SKU: SKU(re.SKU)}
	if re.From != "" {
		d, err := canada.ParseDate(re.From)
		if err != nil {
			v.Add(p+"from", "date.format")
			d = canada.Date{Year: 1, Month: 1, Day: 1} // valid, so not also "required"
		}
		e.From = d
	}
	num := func(n *json.Number, field, code string, bits int, placeholder int64) int64 {
		if n == nil {
			return 0
		}
		x, err := strconv.ParseInt(n.String(), 10, bits)
		if err != nil {
			v.Add(p+field, code)
			return placeholder
		}
		return x
	}
	e.Unit = tax.Cents(num(re.Unit, "unit", "price.format", 64, 1))
	e.PerRecipient = tax.Cents(num(re.PerRecipient, "per_recipient", "price.format", 64, 0))
	e.Credits = int(num(re.Credits, "credits", "credits.format", 32, 0))
	return e, v.Len() == before
}
