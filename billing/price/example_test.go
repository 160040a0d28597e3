package price_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
)

// A board starts from the prices the guide gives and sets its own package
// prices. The package figures below are EXAMPLES: the guide gives none.
// Then it quotes a package of 5 and a custom send reaching 137 recipients:
// 300 $ + 137 × 2 $ = 574 $.
func ExampleBook_Quote() {
	from := canada.Date{Year: 2026, Month: 1, Day: 1}
	entries := append(price.DefaultEntries(),
		price.Entry{SKU: price.Engineer1, From: from, Unit: 400_00},  // example figure
		price.Entry{SKU: price.Engineer5, From: from, Unit: 1800_00}, // example figure
	)
	book, err := price.New(entries)
	if err != nil {
		panic(err)
	}
	day := canada.Date{Year: 2026, Month: 6, Day: 1}

	q, err := book.Quote(price.Engineer5, day, 1, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println(q.SKU.Name().FR, ":", q.Amount.Format(i18n.French), "→", q.Credits, q.Product)

	q, err = book.Quote(price.CustomSendRegions, day, 1, 137)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s + %d × %s = %s\n", q.SKU.Name().EN, q.Unit.Format(i18n.English),
		q.Recipients, q.PerRecipient.Format(i18n.English), q.Amount.Format(i18n.English))
	// Output:
	// Forfait de 5 affichages – profil ingénieur·e : 1800,00 $ → 5 engineer_posting
	// Custom send – in the region(s): $300.00 + 137 × $2.00 = $574.00
}

// The default book holds only the prices the guide gives: a package has no
// price until the board sets one, and quoting it says so in both languages.
func ExampleDefaultBook() {
	book := price.DefaultBook()
	day := canada.Date{Year: 2026, Month: 6, Day: 1}
	q, _ := book.Quote(price.Featured, day, 2, 0)
	fmt.Println(q.Amount)

	_, err := book.Quote(price.Engineer10, day, 1, 0)
	var e *i18n.Error
	fmt.Println(errors.As(err, &e), errors.Is(err, price.ErrNoPrice), e.Code)
	fmt.Println(e.Message.FR)
	fmt.Println(e.Message.EN)
	// Output:
	// 300.00
	// true true price.none
	// « Forfait de 10 affichages – profil ingénieur·e » n'a pas de prix en vigueur le 2026-06-01 dans la grille tarifaire du babillard.
	// “Package of 10 postings – Engineer profile” has no price in force on 2026-06-01 in the board's price book.
}

// A board keeps its book as JSON, amounts in cents. The package price is an
// example figure.
func ExampleLoad() {
	book, err := price.Load(strings.NewReader(`{"prices": [
		{"sku": "engineer_posting_20", "from": "2026-01-01", "unit": 600000, "credits": 20},
		{"sku": "custom_send_everywhere", "from": "2026-01-01", "unit": 30000, "per_recipient": 200}
	]}`))
	if err != nil {
		panic(err)
	}
	p, _ := book.PriceOn(price.Engineer20, canada.Date{Year: 2026, Month: 3, Day: 8})
	fmt.Println(p.Unit, p.From)

	_, err = price.Load(strings.NewReader(`{"prices": [
		{"sku": "featured", "from": "2026-01-01", "unit": 0, "per_recipient": 200},
		{"sku": "premium", "from": "2026-02-30", "unit": 100}
	]}`))
	fmt.Println(err.(*i18n.ValidationError).Codes())
	// Output:
	// 6000.00 2026-01-01
	// [prices[1].from:date.format prices[0].unit:unit.not_positive prices[0].per_recipient:per_recipient.not_custom_send prices[1].sku:sku.unknown]
}
