package price_test

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/internal/catalogtest"
	"github.com/stretchr/testify/assert"
)

func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	catalogtest.CheckSources(t, ".", price.MessagesHas, 20)
}

// TestCatalogue: the items the employer guide describes, in catalogue
// order, each credit item with its bank product and package size, each
// custom send with its reach and no credit.
func TestCatalogue(t *testing.T) {
	type row struct {
		sku     price.SKU
		product billing.Product
		credits int
		reach   price.Reach
	}
	want := []row{
		{"engineer_posting_1", billing.EngineerPosting, 1, ""},
		{"engineer_posting_5", billing.EngineerPosting, 5, ""},
		{"engineer_posting_10", billing.EngineerPosting, 10, ""},
		{"engineer_posting_20", billing.EngineerPosting, 20, ""},
		{"cpi_posting_1", billing.CPIPosting, 1, ""},
		{"featured", billing.Featured, 1, ""},
		{"extension", billing.Extension, 1, ""},
		{"custom_send_regions", "", 0, price.InRegions},
		{"custom_send_everywhere", "", 0, price.Everywhere},
	}
	items := price.Catalogue()
	assert.Len(t, items, len(want))
	assert.Len(t, price.SKUs(), len(want))
	names := map[string]bool{}
	for i, it := range items {
		w := want[i]
		assert.Equal(t, w, row{it.SKU, it.Product, it.Credits, it.Reach}, i)
		assert.Equal(t, w.sku, price.SKUs()[i])
		assert.NotEmpty(t, it.Name.FR, it.SKU)
		assert.NotEmpty(t, it.Name.EN, it.SKU)
		assert.NotEqual(t, it.Name.FR, it.Name.EN, it.SKU)
		assert.False(t, names[it.Name.FR] || names[it.Name.EN], "%s: names are unique", it.SKU)
		names[it.Name.FR], names[it.Name.EN] = true, true
		assert.Equal(t, w.reach != "", it.CustomSend(), it.SKU)
		assert.Equal(t, w.reach != "", it.SKU.CustomSend(), it.SKU)
		assert.True(t, it.SKU.Valid(), it.SKU)
		got, ok := it.SKU.Item()
		assert.True(t, ok)
		assert.Equal(t, it, got)
		assert.Equal(t, it.Name, it.SKU.Name())
		if it.Product != "" {
			assert.True(t, it.Product.Valid(), it.SKU)
		}
	}
	// Every product of the bank is sold.
	for _, p := range billing.Products() {
		sold := false
		for _, it := range items {
			sold = sold || it.Product == p
		}
		assert.True(t, sold, p)
	}
	// Featured and the extension are named as the bank names them.
	fr, en := billing.Featured.Name()
	assert.Equal(t, fr, price.Featured.Name().FR)
	assert.Equal(t, en, price.Featured.Name().EN)
	assert.Equal(t, "Custom send – everywhere and outside Quebec", price.CustomSendEverywhere.Name().EN)

	// Fresh copies.
	items[0].Credits = 99
	price.SKUs()[0] = "x"
	assert.Equal(t, 1, price.Catalogue()[0].Credits)
	assert.Equal(t, price.Engineer1, price.SKUs()[0])

	// An SKU not in the catalogue.
	for _, s := range []price.SKU{"", "engineer_posting_2", "Featured", "engineer_posting"} {
		assert.False(t, s.Valid(), s)
		_, ok := s.Item()
		assert.False(t, ok, s)
		assert.False(t, s.CustomSend(), s)
	}
	assert.Equal(t, "premium", price.SKU("premium").Name().FR)
	assert.Equal(t, "premium", price.SKU("premium").Name().EN)
}
