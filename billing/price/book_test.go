package price_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func day(s string) canada.Date {
	d, err := canada.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// exampleEntries is a book with EXAMPLE package prices (the guide gives
// none) and a price change of the 5-pack on 2026-03-08 (the day clocks
// go forward in America/Toronto) and of Featured on 2026-11-01 (the day
// they go back).
func exampleEntries() []price.Entry {
	return []price.Entry{
		{SKU: price.Engineer5, From: day("2025-01-01"), Unit: 1800_00, Credits: 5}, // example figure
		{SKU: price.Engineer5, From: day("2026-03-08"), Unit: 1900_00},             // example figure
		{SKU: price.Featured, From: day("2020-01-01"), Unit: 150_00},
		{SKU: price.Featured, From: day("2026-11-01"), Unit: 175_00}, // example figure
		{SKU: price.CustomSendRegions, From: day("2020-01-01"), Unit: 300_00, PerRecipient: 2_00},
	}
}

func mustBook(t *testing.T, es []price.Entry) *price.Book {
	t.Helper()
	b, err := price.New(es)
	require.NoError(t, err)
	return b
}

func requireNoPrice(t *testing.T, err error) *i18n.Error {
	t.Helper()
	require.ErrorIs(t, err, price.ErrNoPrice)
	var e *i18n.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "price.none", e.Code)
	assert.NotEmpty(t, e.Message.FR)
	assert.NotEmpty(t, e.Message.EN)
	return e
}

// TestDefaultBook: only the prices the guide gives, from 2020-01-01; the
// packages have none.
func TestDefaultBook(t *testing.T) {
	b := price.DefaultBook()
	d := day("2026-06-01")
	for sku, want := range map[price.SKU][2]tax.Cents{
		price.Featured: {150_00, 0}, price.Extension: {200_00, 0},
		price.CustomSendRegions: {300_00, 2_00}, price.CustomSendEverywhere: {300_00, 2_00},
	} {
		e, err := b.PriceOn(sku, d)
		require.NoError(t, err, sku)
		assert.Equal(t, want, [2]tax.Cents{e.Unit, e.PerRecipient}, sku)
		assert.Equal(t, day("2020-01-01"), e.From, sku)
		_, err = b.PriceOn(sku, day("2019-12-31"))
		requireNoPrice(t, err)
	}
	for _, sku := range []price.SKU{price.Engineer1, price.Engineer5, price.Engineer10, price.Engineer20, price.CPI1} {
		_, err := b.PriceOn(sku, d)
		requireNoPrice(t, err)
		_, err = b.Quote(sku, d, 1, 0)
		e := requireNoPrice(t, err)
		assert.Contains(t, e.Message.FR, sku.Name().FR)
		assert.Contains(t, e.Message.EN, sku.Name().EN)
		assert.Contains(t, e.Message.EN, "2026-06-01")
	}
	assert.Len(t, b.Entries(), 4)
	assert.Equal(t, b.Entries(), price.DefaultEntries())
	assert.NotSame(t, price.DefaultBook(), price.DefaultBook(), "a new book each call")

	// DefaultEntries is a fresh copy.
	es := price.DefaultEntries()
	es[0].Unit = 1
	assert.Equal(t, tax.Cents(150_00), price.DefaultEntries()[0].Unit)
	p, err := price.DefaultBook().PriceOn(price.Featured, d)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(150_00), p.Unit)
}

// TestZeroBook: the zero Book has no price.
func TestZeroBook(t *testing.T) {
	var b price.Book
	_, err := b.Quote(price.Featured, day("2026-06-01"), 1, 0)
	requireNoPrice(t, err)
	assert.Empty(t, b.Entries())
	empty := mustBook(t, nil)
	_, err = empty.PriceOn(price.Extension, day("2026-06-01"))
	requireNoPrice(t, err)
}

// TestEffectiveDates: the day before a change has the old price, the day of
// the change the new one; a day before the first price has none.
func TestEffectiveDates(t *testing.T) {
	b := mustBook(t, exampleEntries())
	for _, tc := range []struct {
		sku  price.SKU
		day  string
		unit tax.Cents
		from string
	}{
		{price.Engineer5, "2025-01-01", 1800_00, "2025-01-01"},
		{price.Engineer5, "2026-03-07", 1800_00, "2025-01-01"},
		{price.Engineer5, "2026-03-08", 1900_00, "2026-03-08"},
		{price.Engineer5, "2030-01-01", 1900_00, "2026-03-08"},
		{price.Featured, "2026-10-31", 150_00, "2020-01-01"},
		{price.Featured, "2026-11-01", 175_00, "2026-11-01"},
	} {
		e, err := b.PriceOn(tc.sku, day(tc.day))
		require.NoError(t, err, tc)
		assert.Equal(t, tc.unit, e.Unit, tc)
		assert.Equal(t, day(tc.from), e.From, tc)
		q, err := b.Quote(tc.sku, day(tc.day), 1, 0)
		require.NoError(t, err, tc)
		assert.Equal(t, tc.unit, q.Amount, tc)
		assert.Equal(t, day(tc.from), q.From, tc)
		assert.Equal(t, day(tc.day), q.Day, tc)
	}
	_, err := b.PriceOn(price.Engineer5, day("2024-12-31"))
	requireNoPrice(t, err)
}

// TestEffectiveDatesAcrossDST: the day of an order is its date in
// America/Toronto; a change on a DST day takes effect at local midnight.
func TestEffectiveDatesAcrossDST(t *testing.T) {
	loc, err := canada.LoadToronto()
	require.NoError(t, err)
	b := mustBook(t, exampleEntries())
	for _, tc := range []struct {
		sku  price.SKU
		at   string // UTC
		unit tax.Cents
	}{
		{price.Engineer5, "2026-03-08T04:59:59Z", 1800_00}, // 23:59:59 EST on the 7th
		{price.Engineer5, "2026-03-08T05:00:00Z", 1900_00}, // midnight EST on the 8th
		{price.Engineer5, "2026-03-08T07:30:00Z", 1900_00}, // 03:30 EDT, after the jump
		{price.Featured, "2026-11-01T03:59:59Z", 150_00},   // 23:59:59 EDT on the 31st
		{price.Featured, "2026-11-01T04:00:00Z", 175_00},   // midnight EDT on the 1st
		{price.Featured, "2026-11-01T05:30:00Z", 175_00},   // 01:30 EDT, repeated in EST
		{price.Featured, "2026-11-01T06:30:00Z", 175_00},   // 01:30 EST
	} {
		at, err := time.Parse(time.RFC3339, tc.at)
		require.NoError(t, err)
		q, err := b.Quote(tc.sku, canada.DateOf(at.In(loc)), 1, 0)
		require.NoError(t, err, tc.at)
		assert.Equal(t, tc.unit, q.Unit, tc.at)
	}
}

// TestPastQuoteDoesNotChange: adding a later price to a book never changes
// what a past day quotes.
func TestPastQuoteDoesNotChange(t *testing.T) {
	es := exampleEntries()
	before := mustBook(t, es)
	past := day("2026-06-01")
	q1, err := before.Quote(price.CustomSendRegions, past, 1, 137)
	require.NoError(t, err)
	p1, err := before.Quote(price.Engineer5, past, 2, 0)
	require.NoError(t, err)

	later := append(es,
		price.Entry{SKU: price.CustomSendRegions, From: day("2026-06-02"), Unit: 350_00, PerRecipient: 3_00}, // example figure
		price.Entry{SKU: price.Engineer5, From: day("2026-07-01"), Unit: 2000_00},                            // example figure
	)
	after := mustBook(t, later)
	q2, err := after.Quote(price.CustomSendRegions, past, 1, 137)
	require.NoError(t, err)
	p2, err := after.Quote(price.Engineer5, past, 2, 0)
	require.NoError(t, err)
	assert.Equal(t, q1, q2)
	assert.Equal(t, p1, p2)
	assert.Equal(t, tax.Cents(574_00), q2.Amount)

	q3, err := after.Quote(price.CustomSendRegions, day("2026-06-02"), 1, 137)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(350_00+137*3_00), q3.Amount)
}

// TestNewCopiesEntries: changing the entries after New changes nothing;
// Entries returns them in the order given, freshly copied.
func TestNewCopiesEntries(t *testing.T) {
	es := exampleEntries()
	b := mustBook(t, es)
	es[1].Unit = 1
	es[0] = price.Entry{}
	assert.Equal(t, exampleEntries(), b.Entries())
	e, err := b.PriceOn(price.Engineer5, day("2026-06-01"))
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(1900_00), e.Unit)

	got := b.Entries()
	got[0].Unit = 7
	assert.Equal(t, exampleEntries(), b.Entries())
}

// TestNewAcceptsEdgeValues: the largest prices, a custom send priced flat
// (no per-recipient price), a package size equal to the catalogue's, one
// day for two different SKUs.
func TestNewAcceptsEdgeValues(t *testing.T) {
	d := day("2026-01-01")
	b := mustBook(t, []price.Entry{
		{SKU: price.Engineer20, From: d, Unit: price.MaxPrice, Credits: 20},
		{SKU: price.CustomSendEverywhere, From: d, Unit: 1, PerRecipient: price.MaxPrice},
		{SKU: price.CustomSendRegions, From: d, Unit: 500_00},
		{SKU: price.Featured, From: d, Unit: 1, Credits: 1},
	})
	q, err := b.Quote(price.CustomSendRegions, d, 1, 1000)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(500_00), q.Amount)
}

// TestNewReportsEveryFault: every fault of every entry, in one
// ValidationError, and no book.
func TestNewReportsEveryFault(t *testing.T) {
	d := day("2026-01-01")
	b, err := price.New([]price.Entry{
		{SKU: price.Featured, From: d, Unit: 150_00}, // 0: fine
		{SKU: "premium", From: d, Unit: 100},         // 1: unknown SKU
		{From: d, Unit: 100},                         // 2: SKU missing
		{SKU: price.Extension, Unit: 100},            // 3: From missing
		{SKU: price.Extension, From: canada.Date{Year: 2026, Month: 2, Day: 30}, Unit: 100},        // 4: not a date
		{SKU: price.Engineer1, From: d, Unit: 0},                                                   // 5: zero price
		{SKU: price.Engineer10, From: d, Unit: -5},                                                 // 6: negative price
		{SKU: price.Engineer20, From: d, Unit: price.MaxPrice + 1},                                 // 7: too large
		{SKU: price.Featured, From: d, Unit: 175_00},                                               // 8: same day as 0
		{SKU: price.Extension, From: d, Unit: 200_00, PerRecipient: 2_00},                          // 9: per recipient, not a custom send
		{SKU: price.CustomSendRegions, From: d, Unit: 300_00, PerRecipient: -1},                    // 10: negative per recipient
		{SKU: price.CustomSendEverywhere, From: d, Unit: 300_00, PerRecipient: price.MaxPrice + 1}, // 11
		{SKU: price.Engineer5, From: d, Unit: 100, Credits: -5},                                    // 12: size not positive
		{SKU: price.CPI1, From: d, Unit: 100, Credits: 5},                                          // 13: size unlike the catalogue
		{SKU: price.CustomSendRegions, From: day("2026-02-01"), Unit: 300_00, Credits: 1},          // 14: credits on a custom send
		{SKU: "premium", From: d, Unit: 100, Credits: -1},                                          // 15: unknown, size negative
	})
	assert.Nil(t, b)
	require.ErrorIs(t, err, i18n.ErrInvalid)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{
		"prices[1].sku:sku.unknown",
		"prices[2].sku:required",
		"prices[3].from:required",
		"prices[4].from:day.invalid",
		"prices[5].unit:unit.not_positive",
		"prices[6].unit:unit.not_positive",
		"prices[7].unit:price.range",
		"prices[8].from:from.duplicate",
		"prices[9].per_recipient:per_recipient.not_custom_send",
		"prices[10].per_recipient:per_recipient.negative",
		"prices[11].per_recipient:price.range",
		"prices[12].credits:credits.not_positive",
		"prices[13].credits:credits.mismatch",
		"prices[14].credits:credits.custom_send",
		"prices[15].sku:sku.unknown",
		"prices[15].credits:credits.not_positive",
	}, ve.Codes())
	for _, f := range ve.Fields {
		assert.NotEmpty(t, f.Message.FR, f.Field)
		assert.NotEmpty(t, f.Message.EN, f.Field)
	}
	assert.Contains(t, ve.Fields[6].Message.EN, "$1000000.00")
	assert.Contains(t, ve.Fields[12].Message.EN, "size is 1.")
	assert.Contains(t, ve.Fields[7].Message.FR, "2026-01-01")
	assert.Contains(t, ve.Fields[7].Message.EN, "price #0")
}

// TestNewCapsEntries: more than MaxEntries prices is one fault, found
// before any entry is looked at.
func TestNewCapsEntries(t *testing.T) {
	es := make([]price.Entry, price.MaxEntries+1) // all zero: faulty, but never checked
	_, err := price.New(es)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"prices:prices.too_many"}, ve.Codes())
	assert.Contains(t, ve.Fields[0].Message.EN, "1,000")

	ok := make([]price.Entry, price.MaxEntries)
	for i := range ok {
		ok[i] = price.Entry{SKU: price.Featured, From: day("2020-01-01").AddDays(i), Unit: tax.Cents(100 + i)}
	}
	b := mustBook(t, ok)
	e, err := b.PriceOn(price.Featured, day("2020-01-01").AddDays(500))
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(600), e.Unit)
}

// TestPriceOnRefusesBadInput: an SKU outside the catalogue and a zero or
// invalid day are faults of the input, both at once.
func TestPriceOnRefusesBadInput(t *testing.T) {
	b := price.DefaultBook()
	_, err := b.PriceOn("premium", canada.Date{})
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"sku:sku.unknown", "day:day.invalid"}, ve.Codes())
	_, err = b.PriceOn(price.Featured, canada.Date{Year: 2026, Month: 13, Day: 1})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"day:day.invalid"}, ve.Codes())
	assert.False(t, errors.Is(err, price.ErrNoPrice))
}

// TestBookIsSafeForConcurrentUse: quotes from many goroutines on one book
// (run with -race).
func TestBookIsSafeForConcurrentUse(t *testing.T) {
	b := mustBook(t, exampleEntries())
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 200 {
				q, err := b.Quote(price.CustomSendRegions, day("2026-06-01"), 1, i*j)
				assert.NoError(t, err)
				assert.Equal(t, tax.Cents(300_00+2_00*i*j), q.Amount)
				_ = b.Entries()
			}
		})
	}
	wg.Wait()
}
