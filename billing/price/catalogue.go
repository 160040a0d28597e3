package price

import (
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/i18n"
)

// SKU names one item of the catalogue: "engineer_posting_5" is the package
// of 5 Engineer postings. Its values are stable: books, orders and invoices
// store them.
type SKU string

// The SKUs of the catalogue, in catalogue order (docs/RULES.md B-14).
const (
	// Engineer1 is a package of 1 Engineer posting.
	Engineer1 SKU = "engineer_posting_1"
	// Engineer5 is a package of 5 Engineer postings.
	Engineer5 SKU = "engineer_posting_5"
	// Engineer10 is a package of 10 Engineer postings.
	Engineer10 SKU = "engineer_posting_10"
	// Engineer20 is a package of 20 Engineer postings.
	Engineer20 SKU = "engineer_posting_20"
	// CPI1 is a package of 1 CPI (engineering candidate) posting.
	CPI1 SKU = "cpi_posting_1"
	// Featured is one Featured credit: a published offer in the featured
	// section of the site and of the weekly e-mail for 7 days.
	Featured SKU = "featured"
	// Extension is one 7-day extension credit.
	Extension SKU = "extension"
	// CustomSendRegions is a custom send to the consenting recipients in
	// the region(s) targeted.
	CustomSendRegions SKU = "custom_send_regions"
	// CustomSendEverywhere is a custom send to the consenting recipients
	// everywhere, in and outside Quebec.
	CustomSendEverywhere SKU = "custom_send_everywhere"
)

// Reach is the kind of a custom send: where its recipients are.
type Reach string

// The two kinds of custom send.
const (
	// InRegions reaches the recipients in the region(s) targeted.
	InRegions Reach = "regions"
	// Everywhere reaches the recipients everywhere and outside Quebec.
	Everywhere Reach = "everywhere"
)

// Item is one SKU of the catalogue. A credit item (a posting package,
// Featured, the extension) grants Credits credits of Product to the buyer's
// bank; a custom send has a Reach instead, grants nothing, and is priced per
// recipient reached.
type Item struct {
	// SKU is the item's stable name.
	SKU SKU `json:"sku"`
	// Name is its name in French and English, as a cart and an invoice
	// print it.
	Name i18n.Text `json:"name"`
	// Product is the credit-bank product it grants; empty for a custom
	// send.
	Product billing.Product `json:"product,omitempty"`
	// Credits is the number of credits of Product it grants (the package
	// size); 0 for a custom send.
	Credits int `json:"credits"`
	// Reach is the kind of custom send; empty for a credit item.
	Reach Reach `json:"reach,omitempty"`
}

// CustomSend reports whether the item is a custom send.
func (it Item) CustomSend() bool { return it.Reach != "" }

// catalogue is the catalogue, in order.
var catalogue = []Item{
	pack(Engineer1, billing.EngineerPosting, 1,
		"Forfait de 1 affichage – profil ingénieur·e", "Package of 1 posting – Engineer profile"),
	pack(Engineer5, billing.EngineerPosting, 5,
		"Forfait de 5 affichages – profil ingénieur·e", "Package of 5 postings – Engineer profile"),
	pack(Engineer10, billing.EngineerPosting, 10,
		"Forfait de 10 affichages – profil ingénieur·e", "Package of 10 postings – Engineer profile"),
	pack(Engineer20, billing.EngineerPosting, 20,
		"Forfait de 20 affichages – profil ingénieur·e", "Package of 20 postings – Engineer profile"),
	pack(CPI1, billing.CPIPosting, 1,
		"Forfait de 1 affichage – profil CPI", "Package of 1 posting – CPI profile"),
	credit(Featured, billing.Featured),
	credit(Extension, billing.Extension),
	{SKU: CustomSendRegions, Reach: InRegions, Name: i18n.Text{
		FR: "Envoi personnalisé – dans la ou les régions", EN: "Custom send – in the region(s)"}},
	{SKU: CustomSendEverywhere, Reach: Everywhere, Name: i18n.Text{
		FR: "Envoi personnalisé – partout et hors Québec", EN: "Custom send – everywhere and outside Quebec"}},
}

// pack is a posting package.
func pack(s SKU, p billing.Product, n int, fr, en string) Item {
	return Item{SKU: s, Product: p, Credits: n, Name: i18n.Text{FR: fr, EN: en}}
}

// credit is one credit of an optimization, named as its product.
func credit(s SKU, p billing.Product) Item {
	fr, en := p.Name()
	return Item{SKU: s, Product: p, Credits: 1, Name: i18n.Text{FR: fr, EN: en}}
}

// Catalogue returns every item of the catalogue, in catalogue order: the
// Engineer packages of 1, 5, 10 and 20, the CPI package of 1, Featured, the
// extension, then the custom sends in the region(s) and everywhere. The
// slice is freshly allocated.
func Catalogue() []Item { return append([]Item(nil), catalogue...) }

// SKUs returns the SKUs of Catalogue, in the same order. The slice is
// freshly allocated.
func SKUs() []SKU {
	out := make([]SKU, len(catalogue))
	for i, it := range catalogue {
		out[i] = it.SKU
	}
	return out
}

// Item returns s's catalogue item, and false for an SKU not in the
// catalogue.
func (s SKU) Item() (Item, bool) {
	for _, it := range catalogue {
		if it.SKU == s {
			return it, true
		}
	}
	return Item{}, false
}

// Valid reports whether s is in the catalogue.
func (s SKU) Valid() bool {
	_, ok := s.Item()
	return ok
}

// CustomSend reports whether s is a custom send (priced per recipient).
func (s SKU) CustomSend() bool { return s == CustomSendRegions || s == CustomSendEverywhere }

// Name returns s's French and English names; an SKU not in the catalogue
// is named by itself in both languages.
func (s SKU) Name() i18n.Text {
	if it, ok := s.Item(); ok {
		return it.Name
	}
	return i18n.Text{FR: string(s), EN: string(s)}
}
