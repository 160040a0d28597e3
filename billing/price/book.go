package price

import (
	"errors"
	"fmt"
	"slices"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
)

// ErrNoPrice is the sentinel of the *i18n.Error (code "price.none") that
// PriceOn and Quote return when the book has no price in force for the SKU
// on the day: the SKU has no price at all, or only prices effective later.
var ErrNoPrice = errors.New("price: no price in force")

// Caps on a book's inputs (docs/RULES.md B-16).
const (
	// MaxEntries is the number of prices a book may hold.
	MaxEntries = 1000
	// MaxPrice is the largest unit or per-recipient price: one million
	// dollars.
	MaxPrice tax.Cents = 100_000_000
)

// Entry is one price of a book: the price of SKU in force From a day (a
// civil date in America/Toronto, included) until the day before the next
// entry of the same SKU, if any.
type Entry struct {
	// SKU is the catalogue item priced.
	SKU SKU `json:"sku"`
	// From is the first day the price is in force.
	From canada.Date `json:"from"`
	// Unit is the price of one unit in cents, excluding taxes, 1…MaxPrice:
	// a package, a credit, or a custom send's base price.
	Unit tax.Cents `json:"unit"`
	// PerRecipient is, for a custom send only, the price in cents of each
	// recipient reached, 0…MaxPrice; 0 otherwise.
	PerRecipient tax.Cents `json:"per_recipient,omitzero"`
	// Credits, when not 0, states the package size the board means to sell
	// and must equal the catalogue's (Item.Credits): a check that the book
	// prices the package it believes it prices. A custom send grants none.
	Credits int `json:"credits,omitzero"`
}

// Book is a validated price book. It is immutable and safe for concurrent
// use. Get one from DefaultBook, New or Load; the zero Book has no price,
// so it refuses every quote with ErrNoPrice.
type Book struct {
	entries []Entry         // as given
	bySKU   map[SKU][]Entry // sorted by From
}

// defaultFrom is the day from which DefaultBook's prices are in force.
var defaultFrom = canada.Date{Year: 2020, Month: 1, Day: 1}

// defaultEntries are the prices the engineering board's employer guide
// gives.
var defaultEntries = []Entry{
	{SKU: Featured, From: defaultFrom, Unit: 150_00},
	{SKU: Extension, From: defaultFrom, Unit: 200_00},
	{SKU: CustomSendRegions, From: defaultFrom, Unit: 300_00, PerRecipient: 2_00},
	{SKU: CustomSendEverywhere, From: defaultFrom, Unit: 300_00, PerRecipient: 2_00},
}

// DefaultBook returns a new book holding only the prices the engineering
// board's employer guide gives, in force from 2020-01-01 (a date the
// library chose; the guide gives none): Featured 150 $, the 7-day
// extension 200 $, each custom send 300 $ plus 2 $ per recipient reached.
// It has no price for the posting packages, which the guide does not give:
// quoting one fails with ErrNoPrice until the board sets its own (see
// DefaultEntries and New).
func DefaultBook() *Book {
	b, err := New(defaultEntries)
	if err != nil {
		panic("price: the default book is invalid: " + err.Error())
	}
	return b
}

// DefaultEntries returns the entries of DefaultBook, freshly allocated, for
// a board to extend with its own prices and pass to New.
func DefaultEntries() []Entry { return slices.Clone(defaultEntries) }

// New validates entries as a whole and returns the book they make. Every
// fault is reported at once in one *i18n.ValidationError, fields named
// "prices[i].sku", "prices[i].from"…: an SKU missing or not in the
// catalogue, a From missing or not a valid date, a Unit of zero or less or
// above MaxPrice, a PerRecipient on an SKU that is not a custom send, or
// negative, or above MaxPrice, a Credits not positive or unlike the
// catalogue's package size (or on a custom send), two prices of one SKU
// effective the same day, more than MaxEntries entries (checked before
// anything else). On error no book is returned. New copies entries:
// changing them afterwards does not change the book.
func New(entries []Entry) (*Book, error) {
	v := messages.Validator()
	if v.Check(len(entries) > MaxEntries, "prices", "prices.too_many", MaxEntries) {
		return nil, v.Err()
	}
	return build(v, entries, nil)
}

// build checks entries into v, whose faults may already hold those of
// decoding, and returns the book, or v's error. An entry marked bad (a
// fault of shape already recorded; bad may be nil) is checked on its own
// but left out of the checks across entries.
func build(v *i18n.Validator, entries []Entry, bad []bool) (*Book, error) {
	b := &Book{entries: slices.Clone(entries), bySKU: map[SKU][]Entry{}}
	firstOn := map[SKU]map[canada.Date]int{}
	for i, e := range entries {
		isBad := bad != nil && bad[i]
		if isBad && e == (Entry{}) {
			continue // not even decoded: its one fault is recorded
		}
		p := fmt.Sprintf("prices[%d].", i)
		before := v.Len()
		checkEntry(v, e, p)
		if isBad || !e.SKU.Valid() || e.From == (canada.Date{}) || !e.From.Valid() {
			continue
		}
		days := firstOn[e.SKU]
		if days == nil {
			days = map[canada.Date]int{}
			firstOn[e.SKU] = days
		}
		if j, dup := days[e.From]; dup {
			n := e.SKU.Name()
			v.Add(p+"from", "from.duplicate", n.FR, n.EN, e.From.String(), j)
			continue
		}
		days[e.From] = i
		if v.Len() == before {
			b.bySKU[e.SKU] = append(b.bySKU[e.SKU], e)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	for _, es := range b.bySKU {
		slices.SortFunc(es, func(a, c Entry) int { return a.From.Compare(c.From) })
	}
	return b, nil
}

// checkEntry records the faults of one entry on its own, fields prefixed
// by p.
func checkEntry(v *i18n.Validator, e Entry, p string) {
	item, known := e.SKU.Item()
	switch {
	case e.SKU == "":
		v.Add(p+"sku", "required")
	case !known:
		v.Add(p+"sku", "sku.unknown")
	}
	if e.From == (canada.Date{}) {
		v.Add(p+"from", "required")
	} else {
		v.Check(!e.From.Valid(), p+"from", "day.invalid")
	}
	checkPrice(v, e.Unit, p+"unit", "unit.not_positive", 1)
	if e.PerRecipient != 0 {
		if known && !item.CustomSend() {
			v.Add(p+"per_recipient", "per_recipient.not_custom_send")
		} else {
			checkPrice(v, e.PerRecipient, p+"per_recipient", "per_recipient.negative", 0)
		}
	}
	if e.Credits != 0 && known {
		switch {
		case item.CustomSend():
			v.Add(p+"credits", "credits.custom_send")
		case e.Credits < 0:
			v.Add(p+"credits", "credits.not_positive")
		case e.Credits != item.Credits:
			v.Add(p+"credits", "credits.mismatch", item.Credits)
		}
	} else if e.Credits < 0 {
		v.Add(p+"credits", "credits.not_positive")
	}
}

// checkPrice records a price below min (with code low) or above MaxPrice.
func checkPrice(v *i18n.Validator, c tax.Cents, field, low string, min tax.Cents) {
	switch {
	case c < min:
		v.Add(field, low)
	case c > MaxPrice:
		v.Add(field, "price.range", MaxPrice.String())
	}
}

// Entries returns every price of the book, in the order it was given. The
// slice is freshly allocated.
func (b *Book) Entries() []Entry { return slices.Clone(b.entries) }

// PriceOn returns the price of sku in force on day: the entry of sku with
// the latest From on or before day. It returns a *i18n.ValidationError for
// an SKU not in the catalogue ("sku", "sku.unknown") or a zero or invalid
// day ("day", "day.invalid"), and an *i18n.Error with code "price.none"
// wrapping ErrNoPrice when the book has no price of sku in force on day.
func (b *Book) PriceOn(sku SKU, day canada.Date) (Entry, error) {
	v := messages.Validator()
	v.Check(!sku.Valid(), "sku", "sku.unknown")
	v.Check(day == (canada.Date{}) || !day.Valid(), "day", "day.invalid")
	if err := v.Err(); err != nil {
		return Entry{}, err
	}
	return b.find(sku, day)
}

// find returns the entry of a valid sku in force on a valid day.
func (b *Book) find(sku SKU, day canada.Date) (Entry, error) {
	es := b.bySKU[sku]
	// The first entry effective after day; the one before it is in force.
	i, _ := slices.BinarySearchFunc(es, day, func(e Entry, d canada.Date) int {
		if e.From.After(d) {
			return 1
		}
		return -1
	})
	if i == 0 {
		n := sku.Name()
		return Entry{}, messages.Error(ErrNoPrice, "price.none", n.FR, n.EN, day.String())
	}
	return es[i-1], nil
}
