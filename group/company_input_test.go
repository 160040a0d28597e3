package group_test

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// CompanyInput's doc: the country is a two-letter code that defaults to CA,
// and a Canadian head office needs its province and postal code.
func TestCompanyInputCountry(t *testing.T) {
	f := newFixture(t)
	c, err := f.svc.Company(f.ctx, f.company.ID)
	require.NoError(t, err)
	assert.Equal(t, "CA", c.HeadOffice.Country, "an empty country is Canada")

	u := f.user("paul@autre.ca", "Paul")
	in := group.CompanyInput{LegalName: "Sarl Dupont", Phone: "+33 1 23 45 67 89",
		HeadOffice: group.Address{Street: "1 rue de Rivoli", City: "Paris", PostalCode: "75001", Country: " fr "}}
	c, _, err = f.svc.RequestCompany(f.ctx, u.ID, in)
	require.NoError(t, err)
	assert.Equal(t, "FR", c.HeadOffice.Country, "normalised to upper case")

	v := f.user("vero@autre.ca", "Véro")
	in.HeadOffice.Country = "France"
	_, _, err = f.svc.RequestCompany(f.ctx, v.ID, in)
	requireInvalid(t, err, "head_office.country:country.format")

	in.HeadOffice = group.Address{Street: "1 rue A", City: "Laval"}
	_, _, err = f.svc.RequestCompany(f.ctx, v.ID, in)
	requireInvalid(t, err, "head_office.province:required", "head_office.postal_code:required", "phone:phone.format")
}
