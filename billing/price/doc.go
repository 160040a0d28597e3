// Package price says what a board sells and at what price on a given day:
// the catalogue of its SKUs and a price book with effective dates. The rules
// it enforces are docs/RULES.md B-14 to B-17.
//
// # Catalogue
//
// Catalogue lists the SKUs a board sells, as the engineering board's
// employer guide describes them: Engineer posting packages of 1, 5, 10 and
// 20 offers, a CPI posting package of 1, Featured, the 7-day extension, and
// the two kinds of custom send ("in the region(s)" and "everywhere and
// outside Quebec"). Each package names the credit-bank product
// (billing.Product) and the number of credits it grants; a custom send
// grants no credit, it is priced per recipient reached and paid per send.
//
// # Price book
//
// A Book holds prices, never code: each Entry is the price of one SKU in
// force from a day (a canada.Date in America/Toronto) until the next entry
// of that SKU. Quoting takes the day of the order, so adding a later price
// never changes a past quote. A board builds its book from Go values (New)
// or JSON (Load); either is validated whole, every fault reported at once
// in one *i18n.ValidationError, and nothing is half-loaded. A Book is
// immutable and safe for concurrent use.
//
// The guide gives the prices of Featured (150 $), the extension (200 $) and
// custom sends (300 $ plus 2 $ per recipient reached), but none for the
// posting packages. DefaultBook holds only the prices the guide gives: a
// board sets its own package prices, and until it does, quoting a package
// fails with ErrNoPrice (code "price.none"), in French and English.
//
// Money is integer cents (tax.Cents); Quote's amount is the taxable line
// that billing/tax taxes.
package price
