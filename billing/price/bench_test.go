package price_test

import (
	"testing"

	"github.com/babillard/babillard/billing/price"
)

// BenchmarkQuote prices one custom-send line in a book holding a price
// change per SKU (the cart's quote of a 10-line order calls it ten times).
func BenchmarkQuote(b *testing.B) {
	book, err := price.New(exampleEntries())
	if err != nil {
		b.Fatal(err)
	}
	d := day("2026-06-01")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := book.Quote(price.CustomSendRegions, d, 1, 137); err != nil {
			b.Fatal(err)
		}
	}
}
