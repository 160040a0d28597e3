package offer_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// huge is a string far beyond any field's limit.
var huge = strings.Repeat("x", 1<<20)

func many[T any](n int, f func(i int) T) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// requireCap requires err to be a validation error whose fault on field
// has code and names the cap in both languages.
func requireCap(t *testing.T, err error, field, code string, limit int) {
	t.Helper()
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range ve.Fields {
		if f.Field == field && f.Code == code {
			// Numbers are written the way of each language ("2 000", "2,000").
			digits := func(s string) string {
				return strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return r
					}
					return -1
				}, s)
			}
			n := strconv.Itoa(limit)
			assert.Equal(t, n, digits(f.Message.FR), f.Message.FR)
			assert.Equal(t, n, digits(f.Message.EN), f.Message.EN)
			assert.Less(t, len(ve.Error()), 4000, "the error stays short: it never repeats the input")
			return
		}
	}
	t.Fatalf("no %s:%s in %v", field, code, ve.Codes())
}

func TestContentListsAndStringsAreCapped(t *testing.T) {
	r := rules(t)
	places := func(n int) offer.Workplace {
		return offer.Workplace{Kind: offer.InPlaces, Places: many(n, func(i int) offer.Place {
			return offer.Place{Region: "06", City: "Ville " + strconv.Itoa(i)}
		})}
	}
	for _, tc := range []struct {
		name        string
		change      func(c *offer.Content)
		field, code string
		limit       int
	}{
		{"places", func(c *offer.Content) { c.Workplace = places(offer.MaxPlaces + 1) }, "workplace.places", "too_many", offer.MaxPlaces},
		{"100k places", func(c *offer.Content) { c.Workplace = places(100_000) }, "workplace.places", "too_many", offer.MaxPlaces},
		{"place city", func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "06", City: huge}}}
		},
			"workplace.places", "too_long", offer.MaxCityLength},
		{"street", func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{Street: huge, City: "Montréal", PostalCode: "H3A 3G4"}}
		}, "workplace.address.street", "too_long", offer.MaxStreetLength},
		{"city", func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{Street: "1 rue A", City: huge, PostalCode: "H3A 3G4"}}
		}, "workplace.address.city", "too_long", offer.MaxCityLength},
		{"interests", func(c *offer.Content) { c.Interests = many(offer.MaxInterests+1, strconv.Itoa) }, "interests", "interests.too_many", offer.MaxInterests},
		{"100k interests", func(c *offer.Content) { c.Interests = many(100_000, strconv.Itoa) }, "interests", "interests.too_many", offer.MaxInterests},
		{"interest", func(c *offer.Content) { c.Interests = []string{huge} }, "interests", "too_long", offer.MaxInterestLength},
		{"domains", func(c *offer.Content) { c.Domains = many(offer.MaxDomains+1, func(int) string { return "civil" }) }, "domains", "too_many", offer.MaxDomains},
		{"100k domains", func(c *offer.Content) { c.Domains = many(100_000, strconv.Itoa) }, "domains", "too_many", offer.MaxDomains},
		{"title", func(c *offer.Content) { c.Title.FR = huge }, "title.fr", "too_long", offer.MaxTitleLength},
		{"english title", func(c *offer.Content) { c.Title.EN = huge }, "title.en", "too_long", offer.MaxTitleLength},
		{"salary", func(c *offer.Content) { c.Salary = huge }, "salary", "too_long", offer.MaxSalaryLength},
		{"reference", func(c *offer.Content) { c.Reference = huge }, "reference", "too_long", offer.MaxReferenceLength},
		{"apply url", func(c *offer.Content) { c.Apply.URL = "https://acme.example/" + huge }, "apply.url", "too_long", offer.MaxURLLength},
		{"description", func(c *offer.Content) { c.Description.FR = strings.Repeat("<p>x</p>", offer.MaxDescriptionHTMLBytes) },
			"description.fr", "description.html_too_long", offer.MaxDescriptionHTMLBytes >> 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := complete()
			tc.change(&c)
			_, _, err := offer.CheckDraft(c, r)
			requireCap(t, err, tc.field, tc.code, tc.limit)
			_, _, err = offer.CheckSubmission(c, r, submitted)
			requireCap(t, err, tc.field, tc.code, tc.limit)
		})
	}
}

func TestAnUnknownDomainIsQuotedShort(t *testing.T) {
	c := complete()
	c.Domains = []string{huge}
	_, _, err := offer.CheckDraft(c, rules(t))
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	require.True(t, ve.Has("domains", "domain.unknown"), ve.Codes())
	assert.Less(t, len(ve.Error()), 200)
	assert.Contains(t, ve.Error(), "xxxxxxxx…")
}

func TestListsAtTheirCapPassAndAreDeduplicated(t *testing.T) {
	c := complete()
	c.Workplace = offer.Workplace{Kind: offer.InPlaces, Places: many(offer.MaxPlaces, func(i int) offer.Place {
		return offer.Place{Region: "06", City: "Ville " + strconv.Itoa(i%10)}
	})}
	c.Interests = many(offer.MaxInterests, func(i int) string { return " intérêt " + strconv.Itoa(i%5) })
	c.Domains = many(offer.MaxDomains, func(i int) string { return []string{"civil", "structural", " civil "}[i%3] })
	got, _, err := offer.CheckSubmission(c, rules(t), submitted)
	require.NoError(t, err)
	assert.Len(t, got.Workplace.Places, 10)
	assert.Equal(t, []string{"intérêt 0", "intérêt 1", "intérêt 2", "intérêt 3", "intérêt 4"}, got.Interests)
	assert.Equal(t, []string{"civil", "structural"}, got.Domains)
}

func TestQueriesAreCapped(t *testing.T) {
	// The caps are checked before anything else: no store is needed.
	s, err := offer.New(nil, nil, nil, nil)
	require.NoError(t, err)
	ctx := context.Background()
	q := offer.StatsQuery{OfferIDs: many(offer.MaxStatsOffers+1, func(int) uuid.UUID { return uuid.New() }), Period: offer.Total,
		From: canada.Date{Year: 2026, Month: 6, Day: 1}, To: canada.Date{Year: 2026, Month: 6, Day: 30}}
	_, err = s.Stats(ctx, group.Actor{}, q)
	requireCap(t, err, "offer_ids", "too_many", offer.MaxStatsOffers)
	_, err = s.List(ctx, group.Actor{}, offer.Query{Title: huge}, page.Page{})
	requireCap(t, err, "title", "too_long", offer.MaxTitleLength)
	_, err = s.List(ctx, group.Actor{}, offer.Query{Statuses: many(100_000, func(int) offer.Status { return offer.Draft })}, page.Page{})
	requireCap(t, err, "statuses", "too_many", offer.MaxQueryStatuses)
	_, err = s.Refuse(ctx, group.Moderator{}, uuid.New(), huge)
	requireCap(t, err, "note", "too_long", 2000)
}

// BenchmarkCheckDraftNormal checks a complete offer: the baseline of
// BenchmarkCheckDraftOversized.
func BenchmarkCheckDraftNormal(b *testing.B) {
	r := rules(b)
	c := complete()
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = offer.CheckDraft(c, r)
	}
}

// BenchmarkCheckDraftOversized checks an offer with 100,000 places,
// interests and domains: refused on their sizes, it must cost about what
// a normal offer does (it took 31 s with a quadratic de-duplication).
func BenchmarkCheckDraftOversized(b *testing.B) {
	r := rules(b)
	c := complete()
	c.Workplace = offer.Workplace{Kind: offer.InPlaces, Places: many(100_000, func(i int) offer.Place {
		return offer.Place{Region: "06", City: "Ville " + strconv.Itoa(i)}
	})}
	c.Interests = many(100_000, strconv.Itoa)
	c.Domains = many(100_000, strconv.Itoa)
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = offer.CheckDraft(c, r)
	}
}

// BenchmarkCheckDraftAtCaps checks an offer with every list at its cap,
// half of each duplicated: linear de-duplication.
func BenchmarkCheckDraftAtCaps(b *testing.B) {
	r := rules(b)
	c := complete()
	c.Workplace = offer.Workplace{Kind: offer.InPlaces, Places: many(offer.MaxPlaces, func(i int) offer.Place {
		return offer.Place{Region: "06", City: "Ville " + strconv.Itoa(i/2)}
	})}
	c.Interests = many(offer.MaxInterests, func(i int) string { return strconv.Itoa(i / 2) })
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = offer.CheckDraft(c, r)
	}
}
