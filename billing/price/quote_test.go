package price_test

import (
	"math"
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuoteCreditItems: a package's line is quantity × unit and grants
// quantity × its size of its product.
func TestQuoteCreditItems(t *testing.T) {
	d := day("2026-06-01")
	b := mustBook(t, append(price.DefaultEntries(),
		price.Entry{SKU: price.Engineer20, From: d, Unit: 6000_00}, // example figure
		price.Entry{SKU: price.CPI1, From: d, Unit: 250_00},        // example figure
	))
	q, err := b.Quote(price.Engineer20, d, 3, 0)
	require.NoError(t, err)
	assert.Equal(t, price.Quote{
		SKU: price.Engineer20, Day: d, From: d, Quantity: 3, Unit: 6000_00, Amount: 18000_00,
		Product: billing.EngineerPosting, Credits: 60,
	}, q)

	q, err = b.Quote(price.Extension, d, 2, 0)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(400_00), q.Amount)
	assert.Equal(t, billing.Extension, q.Product)
	assert.Equal(t, 2, q.Credits)
	assert.Equal(t, day("2020-01-01"), q.From)

	q, err = b.Quote(price.CPI1, d, 1, 0)
	require.NoError(t, err)
	assert.Equal(t, billing.CPIPosting, q.Product)
	assert.Equal(t, 1, q.Credits)

	// The largest quantity grants at most what one purchase may grant.
	q, err = b.Quote(price.Engineer20, d, price.MaxQuantity, 0)
	require.NoError(t, err)
	assert.Equal(t, billing.MaxQuantity, q.Credits)
	assert.Equal(t, tax.Cents(price.MaxQuantity)*6000_00, q.Amount)
}

// TestQuoteCustomSend: base + per-recipient × recipients, no credit; 0
// recipients is the base price alone.
func TestQuoteCustomSend(t *testing.T) {
	b := price.DefaultBook()
	d := day("2026-06-01")
	for _, tc := range []struct {
		sku        price.SKU
		recipients int
		amount     tax.Cents
	}{
		{price.CustomSendRegions, 0, 300_00},
		{price.CustomSendRegions, 1, 302_00},
		{price.CustomSendRegions, 137, 574_00},
		{price.CustomSendEverywhere, 137, 574_00},
		{price.CustomSendEverywhere, 4321, 300_00 + 4321*2_00},
		{price.CustomSendEverywhere, price.MaxRecipients, 300_00 + price.MaxRecipients*2_00},
	} {
		q, err := b.Quote(tc.sku, d, 1, tc.recipients)
		require.NoError(t, err, tc)
		assert.Equal(t, tc.amount, q.Amount, tc)
		assert.Equal(t, tax.Cents(300_00), q.Unit)
		assert.Equal(t, tax.Cents(2_00), q.PerRecipient)
		assert.Equal(t, tax.Cents(tc.recipients)*2_00, q.RecipientsAmount)
		assert.Equal(t, tc.recipients, q.Recipients)
		assert.Empty(t, q.Product)
		assert.Zero(t, q.Credits)
	}
	// A custom send is one send of one offer: quantity 1 only.
	_, err := b.Quote(price.CustomSendRegions, d, 2, 137)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"quantity:quantity.one_send"}, ve.Codes())
	q, err := b.Quote(price.CustomSendRegions, d, 1, 137)
	require.NoError(t, err)
	// The amount is a taxable subtotal billing/tax accepts.
	_, err = tax.Default().Compute(canada.QC, d, q.Amount)
	require.NoError(t, err)
}

// TestQuoteNearTheCaps: the largest inputs never overflow; a line above
// tax.MaxSubtotal is refused, never wrapped around.
func TestQuoteNearTheCaps(t *testing.T) {
	d := day("2026-01-01")
	b := mustBook(t, []price.Entry{
		{SKU: price.CustomSendEverywhere, From: d, Unit: price.MaxPrice, PerRecipient: price.MaxPrice},
		{SKU: price.CustomSendRegions, From: d, Unit: 300_00, PerRecipient: 2_00},
	})
	// The worst product of the caps fits in int64 with room to spare.
	worst := float64(price.MaxQuantity) * (float64(price.MaxPrice) + float64(price.MaxPrice)*price.MaxRecipients)
	assert.Less(t, worst, float64(math.MaxInt64)/8)

	_, err := b.Quote(price.CustomSendEverywhere, d, 1, price.MaxRecipients)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"amount:amount.range"}, ve.Codes())
	assert.Contains(t, ve.Fields[0].Message.EN, "$10000000000.00")

	// 10,000 recipients at the largest price: 10^12 cents exactly plus the
	// base, just above the cap; one recipient fewer fits.
	_, err = b.Quote(price.CustomSendEverywhere, d, 1, 10_000)
	require.ErrorAs(t, err, &ve)
	q, err := b.Quote(price.CustomSendEverywhere, d, 1, 9_998)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(9_999)*price.MaxPrice, q.Amount)

	// A custom send is one send: a quantity above 1 is refused, whatever
	// the amount.
	_, err = b.Quote(price.CustomSendRegions, d, 2, 137)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"quantity:quantity.one_send"}, ve.Codes())
	_, err = b.Quote(price.CustomSendRegions, d, price.MaxQuantity, price.MaxRecipients)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"quantity:quantity.one_send"}, ve.Codes())
	// A realistic large send: every recipient at 2 $.
	q, err = b.Quote(price.CustomSendRegions, d, 1, price.MaxRecipients)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(300_00+2_00*price.MaxRecipients), q.Amount)
	assert.Positive(t, q.Amount)
}

// TestQuoteRefusesBadInput: every faulty input at once, before the book is
// looked at.
func TestQuoteRefusesBadInput(t *testing.T) {
	b := price.DefaultBook()
	d := day("2026-06-01")
	var ve *i18n.ValidationError
	for _, tc := range []struct {
		name       string
		sku        price.SKU
		day        canada.Date
		quantity   int
		recipients int
		codes      []string
	}{
		{"all at once", "premium", canada.Date{}, 0, -1,
			[]string{"sku:sku.unknown", "day:day.invalid", "quantity:quantity.range", "recipients:recipients.negative"}},
		{"invalid day", price.Featured, canada.Date{Year: 2026, Month: 2, Day: 30}, 1, 0, []string{"day:day.invalid"}},
		{"quantity too large", price.Featured, d, price.MaxQuantity + 1, 0, []string{"quantity:quantity.range"}},
		{"negative quantity", price.Featured, d, -3, 0, []string{"quantity:quantity.range"}},
		{"recipients on a credit", price.Featured, d, 1, 1, []string{"recipients:recipients.not_custom_send"}},
		{"recipients on a package", price.Engineer5, d, 1, 10, []string{"recipients:recipients.not_custom_send"}},
		{"too many recipients", price.CustomSendRegions, d, 1, price.MaxRecipients + 1, []string{"recipients:recipients.range"}},
		{"negative recipients", price.CustomSendRegions, d, 1, -1, []string{"recipients:recipients.negative"}},
	} {
		_, err := b.Quote(tc.sku, tc.day, tc.quantity, tc.recipients)
		require.ErrorAs(t, err, &ve, tc.name)
		assert.Equal(t, tc.codes, ve.Codes(), tc.name)
		for _, f := range ve.Fields {
			assert.NotEmpty(t, f.Message.FR, tc.name)
			assert.NotEmpty(t, f.Message.EN, tc.name)
		}
	}
	_, err := b.Quote(price.Featured, d, price.MaxQuantity+1, 0)
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Fields[0].Message.EN, "between 1 and 500")
}
