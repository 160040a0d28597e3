package price

import (
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
)

// Caps on a quote's inputs (docs/RULES.md B-17).
const (
	// MaxQuantity is the largest quantity of one line: 500 packages of 20
	// grant billing.MaxQuantity credits, the most one purchase may grant.
	MaxQuantity = billing.MaxQuantity / 20
	// MaxRecipients is the largest number of recipients of a custom send.
	MaxRecipients = 10_000_000
)

// Quote is the price of one line of an order: Quantity units of SKU on Day,
// at the price in force that day. Amount is the taxable line, excluding
// taxes: Quantity × (Unit + PerRecipient × Recipients).
type Quote struct {
	// SKU is the catalogue item quoted.
	SKU SKU `json:"sku"`
	// Day is the day of the order (America/Toronto), which chose the price.
	Day canada.Date `json:"day"`
	// From is the first day of the price in force on Day.
	From canada.Date `json:"from"`
	// Quantity is the number of units, 1…MaxQuantity.
	Quantity int `json:"quantity"`
	// Recipients is the number of recipients a custom send reaches; 0 for
	// a credit item.
	Recipients int `json:"recipients"`
	// Unit is the price of one unit: a package, a credit, or a custom
	// send's base price.
	Unit tax.Cents `json:"unit"`
	// PerRecipient is the price of each recipient reached (custom sends;
	// 0 otherwise).
	PerRecipient tax.Cents `json:"per_recipient"`
	// RecipientsAmount is PerRecipient × Recipients: the per-recipient part
	// of one unit.
	RecipientsAmount tax.Cents `json:"recipients_amount"`
	// Amount is the line amount, Quantity × (Unit + RecipientsAmount).
	Amount tax.Cents `json:"amount"`
	// Product is the credit-bank product the line grants; empty for a
	// custom send.
	Product billing.Product `json:"product,omitempty"`
	// Credits is the number of credits of Product the line grants,
	// Quantity × the package size; 0 for a custom send.
	Credits int `json:"credits"`
}

// Quote returns the price of quantity units of sku ordered on day (the
// day of the order in America/Toronto: convert the moment with
// canada.DateOf(t.In(loc))), at the price in force that day, so that a
// price added later never changes it. recipients is the number of
// recipients a custom send reaches (0 is allowed: the base price alone);
// for any other SKU it must be 0.
//
// It returns a *i18n.ValidationError listing every faulty input at once:
// an SKU not in the catalogue ("sku", "sku.unknown"), a zero or invalid day
// ("day", "day.invalid"), a quantity outside 1…MaxQuantity ("quantity",
// "quantity.range") or other than 1 for a custom send, which is one send
// of one offer ("quantity", "quantity.one_send"), recipients negative ("recipients.negative"), above
// MaxRecipients ("recipients.range") or given for an SKU that is not a
// custom send ("recipients.not_custom_send"); an *i18n.Error with code
// "price.none" wrapping ErrNoPrice when the book has no price of sku in
// force on day; and a *i18n.ValidationError ("amount", "amount.range")
// when the line would exceed tax.MaxSubtotal, which no tax could be
// computed on. The arithmetic cannot overflow: every factor is capped.
func (b *Book) Quote(sku SKU, day canada.Date, quantity, recipients int) (Quote, error) {
	item, known := sku.Item()
	dayOK := day != (canada.Date{}) && day.Valid()
	quantityOK := quantity >= 1 && quantity <= MaxQuantity
	oneSend := !known || !item.CustomSend() || quantity == 1
	recipientsOK := recipients >= 0 && recipients <= MaxRecipients && (recipients == 0 || !known || item.CustomSend())
	if !known || !dayOK || !quantityOK || !oneSend || !recipientsOK {
		v := messages.Validator()
		v.Check(!known, "sku", "sku.unknown")
		v.Check(!dayOK, "day", "day.invalid")
		v.Check(!quantityOK, "quantity", "quantity.range", MaxQuantity)
		v.Check(quantityOK && !oneSend, "quantity", "quantity.one_send")
		switch {
		case recipients < 0:
			v.Add("recipients", "recipients.negative")
		case recipients > MaxRecipients:
			v.Add("recipients", "recipients.range", MaxRecipients)
		case recipients > 0 && known && !item.CustomSend():
			v.Add("recipients", "recipients.not_custom_send")
		}
		return Quote{}, v.Err()
	}
	e, err := b.find(sku, day)
	if err != nil {
		return Quote{}, err
	}
	// Each factor is capped: MaxPrice × MaxRecipients is 10^15 (a custom
	// send, whose quantity is 1), and MaxQuantity × MaxPrice 5 × 10^10,
	// both far below 2^63.
	q := Quote{
		SKU: sku, Day: day, From: e.From, Quantity: quantity, Recipients: recipients,
		Unit: e.Unit, PerRecipient: e.PerRecipient, RecipientsAmount: e.PerRecipient * tax.Cents(recipients),
		Product: item.Product, Credits: quantity * item.Credits,
	}
	q.Amount = tax.Cents(quantity) * (q.Unit + q.RecipientsAmount)
	if q.Amount > tax.MaxSubtotal {
		v := messages.Validator()
		v.Add("amount", "amount.range", tax.MaxSubtotal.String())
		return Quote{}, v.Err()
	}
	return q, nil
}
