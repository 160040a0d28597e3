// Package promo runs a board's promo codes (docs/RULES.md B-18 to B-24): a
// percentage or a fixed amount off an order, valid on a window of days in
// America/Toronto, limited in total and per group, for some catalogue
// items (price.SKU) or all, one code per order.
//
// Board staff holding group.PowerGrantCredits (board finance or admin)
// create and deactivate codes (Service.Create, Service.Deactivate). An
// order's checkout asks for the discount of its lines (Service.Apply, or
// Code.Discounts for a code in hand) and, in the transaction that records
// the payment, counts the use (Service.Redeem) under the order's
// idempotency key, so that a retried checkout counts it once.
//
// Every refusal is an *i18n.Error with a stable code and French and English
// text: "code.unknown", "code.inactive", "code.not_yet_valid",
// "code.expired", "code.exhausted", "code.exhausted_group",
// "code.out_of_scope" and "order.other_code"; invalid input is an
// *i18n.ValidationError listing every faulty field.
package promo
