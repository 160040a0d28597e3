package price_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONRoundTrip: a book written as JSON loads back to the same prices,
// which quote the same.
func TestJSONRoundTrip(t *testing.T) {
	b := mustBook(t, exampleEntries())
	data, err := json.Marshal(b)
	require.NoError(t, err)
	assert.Contains(t, string(data), `{"sku":"engineer_posting_5","from":"2025-01-01","unit":180000,"credits":5}`)
	assert.Contains(t, string(data), `{"sku":"custom_send_regions","from":"2020-01-01","unit":30000,"per_recipient":200}`)
	loaded, err := price.Load(strings.NewReader(string(data)))
	require.NoError(t, err)
	assert.Equal(t, b.Entries(), loaded.Entries())
	for _, d := range []string{"2026-03-07", "2026-03-08", "2026-11-01"} {
		q1, err1 := b.Quote(price.Engineer5, day(d), 2, 0)
		q2, err2 := loaded.Quote(price.Engineer5, day(d), 2, 0)
		require.NoError(t, err1)
		require.NoError(t, err2)
		assert.Equal(t, q1, q2)
	}

	again, err := json.Marshal(loaded)
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(again))

	// The default book, and an empty one.
	data, err = json.Marshal(price.DefaultBook())
	require.NoError(t, err)
	loaded, err = price.Load(strings.NewReader(string(data)))
	require.NoError(t, err)
	assert.Equal(t, price.DefaultEntries(), loaded.Entries())
	data, err = json.Marshal(&price.Book{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"prices":[]}`, string(data))
	loaded, err = price.Load(strings.NewReader(string(data)))
	require.NoError(t, err)
	assert.Empty(t, loaded.Entries())

	// A quote is data too.
	q, err := price.DefaultBook().Quote(price.CustomSendRegions, day("2026-06-01"), 1, 137)
	require.NoError(t, err)
	data, err = json.Marshal(q)
	require.NoError(t, err)
	assert.JSONEq(t, `{"sku":"custom_send_regions","day":"2026-06-01","from":"2020-01-01","quantity":1,"recipients":137,
		"unit":30000,"per_recipient":200,"recipients_amount":27400,"amount":57400,"credits":0}`, string(data))
}

// TestLoadReportsEveryFault: faults of shape and of value, of every entry,
// at once; no book.
func TestLoadReportsEveryFault(t *testing.T) {
	b, err := price.Load(strings.NewReader(`{"prices": [
		{"sku": "featured", "from": "2026-01-01", "unit": 15000},
		{"sku": "featured", "from": "2026-01-01", "unit": 17500},
		{"sku": "extension", "from": "1er janvier", "unit": 150.5},
		{"sku": "extension", "from": "2026-01-01", "unit": true},
		{"sku": "extension", "from": "2026-01-01", "unit": 20000, "per_recipent": 200},
		{"sku": "custom_send_regions", "from": "2026-01-01", "unit": 30000, "per_recipient": -200, "credits": 1.5},
		{"from": "2026-01-01"},
		{"sku": "engineer_posting_5", "from": "2026-01-01", "unit": 1e5, "credits": 10},
		{"sku": "engineer_posting_5", "from": "2026-01-01", "unit": 99999999999999999999}
	]}`))
	assert.Nil(t, b)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ElementsMatch(t, []string{
		"prices[1].from:from.duplicate",
		"prices[2].from:date.format",
		"prices[2].unit:price.format",
		"prices[3]:json.format",
		"prices[4]:json.format",
		"prices[5].credits:credits.format",
		"prices[5].per_recipient:per_recipient.negative",
		"prices[6].sku:required",
		"prices[6].unit:unit.not_positive",
		"prices[7].unit:price.format",
		"prices[7].credits:credits.mismatch",
		"prices[8].unit:price.format",
	}, ve.Codes())
	assert.Contains(t, ve.Error(), `unknown field "per_recipent"`, "the unknown field is named")
	assert.Contains(t, ve.Error(), `prices[3]: Unreadable JSON file: "unit" cannot be a JSON bool.`)
	assert.NotContains(t, ve.Error(), "rawEntry")
}

// TestLoadRefusesBadFiles: a file too large, not JSON, not a book, with
// unknown or trailing data, without prices or with too many, is one fault.
func TestLoadRefusesBadFiles(t *testing.T) {
	many := `{"prices": [` + strings.Repeat(`{},`, price.MaxEntries) + `{}]}`
	for _, tc := range []struct {
		name, in, code string
	}{
		{"too large", `{"prices": [` + strings.Repeat(" ", price.MaxJSONBytes) + `]}`, "json:json.too_large"},
		{"not JSON", `prices: []`, "json:json.format"},
		{"empty", ``, "json:json.format"},
		{"an array", `[]`, "json:json.format"},
		{"unknown field", `{"prices": [], "currency": "CAD"}`, "json:json.format"},
		{"trailing data", `{"prices": []} {"prices": []}`, "json:json.format"},
		{"no prices", `{}`, "prices:required"},
		{"null prices", `{"prices": null}`, "prices:required"},
		{"too many", many, "prices:prices.too_many"},
	} {
		b, err := price.Load(strings.NewReader(tc.in))
		assert.Nil(t, b, tc.name)
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve, tc.name)
		assert.Equal(t, []string{tc.code}, ve.Codes(), tc.name)
		assert.Less(t, len(err.Error()), 400, tc.name)
	}
	// Exactly MaxJSONBytes is read.
	pad := `{"prices": []}`
	pad += strings.Repeat(" ", price.MaxJSONBytes-len(pad))
	_, err := price.Load(strings.NewReader(pad))
	require.NoError(t, err)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, assert.AnError }

// TestLoadReadError: a reader's error is returned wrapped, not as a fault of
// the book.
func TestLoadReadError(t *testing.T) {
	_, err := price.Load(failingReader{})
	require.ErrorIs(t, err, assert.AnError)
	assert.NotErrorIs(t, err, i18n.ErrInvalid)
}
