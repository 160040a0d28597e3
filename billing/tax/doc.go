// Package tax computes the Canadian sales taxes of a sale: which taxes apply
// by the billing address's province or territory on the day of the sale, and
// how much each one is, to the cent. The rules it enforces, with their
// sources, are docs/RULES.md B-10 to B-13.
//
// # Rates
//
// A Table holds, for every province and territory, the periods of its rates:
// GST alone (Alberta and the territories), HST alone (the Atlantic provinces
// and Ontario), GST and QST (Quebec), GST and PST (British Columbia,
// Saskatchewan) or GST and RST (Manitoba). A period is in force from its
// first day to its last day inclusive; a rate change on a date takes effect
// on that date. Days are civil dates in America/Toronto (canada.Date): the
// caller converts the moment of the sale with t.In(loc) and canada.DateOf.
//
// Default returns the table embedded from rates.csv (see SOURCE.md beside
// it). A board may load its own from Go values (New) or from the same CSV
// shape (Load); either is validated whole, every fault reported at once in
// one *i18n.ValidationError, and nothing is half-loaded. A Table is
// immutable and safe for concurrent use.
//
// # Amounts
//
// Money is integer cents (Cents); rates are exact decimal percentages
// (github.com/shopspring/decimal). Compute takes the taxable subtotal, after
// any discount, and computes every tax on it (QST and PST are on the price
// excluding GST, never tax on tax), each rounded half-up to the cent. The
// Breakdown's lines add up exactly to its tax, and subtotal + tax = total.
//
// # Registration
//
// A Registration holds the board's GST/HST number (a CRA business number
// with the RT program, 123456782 RT0001) and QST number (1234567890 TQ0001)
// that its invoices print; NewRegistration validates both.
package tax
