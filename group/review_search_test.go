package group_test

import (
	"strings"
	"testing"

	"github.com/babillard/babillard/page"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSearchCompaniesCapsItsQuery: a query beyond 200 characters is bad
// input on field "query", listed with the page's own faults; 200 pass.
func TestSearchCompaniesCapsItsQuery(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.SearchCompanies(f.ctx, strings.Repeat("é", 201), page.Page{})
	requireInvalid(t, err, "query:too_long")
	_, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("a", 10<<20), page.Page{})
	requireInvalid(t, err, "query:too_long")
	_, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("a", 201), page.Page{After: "garbage", Limit: -1})
	requireInvalid(t, err, "query:too_long", "limit:page.limit", "after:page.cursor")

	r, err := f.svc.SearchCompanies(f.ctx, "  acme"+strings.Repeat(" ", 300), page.Page{})
	require.NoError(t, err, "the cap counts the trimmed query")
	assert.Len(t, r.Items, 1)
	r, err = f.svc.SearchCompanies(f.ctx, strings.Repeat("é", 200), page.Page{})
	require.NoError(t, err)
	assert.Empty(t, r.Items)
	assert.NotNil(t, r.Items)
}
