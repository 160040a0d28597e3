package group_test

import (
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
)

func TestProfileMissing(t *testing.T) {
	assert.Equal(t, []string{"logo", "name", "description", "website", "address", "phone", "company_description"}, group.Profile{}.Missing())
	complete := group.Profile{
		Logo: "logos/acme.png", Name: "Acme", Description: i18n.Text{FR: "Génie-conseil"}, Website: "https://acme.example",
		Address: group.Address{Street: "1 rue Principale", City: "Québec", Province: "QC", PostalCode: "G1R 1A1", Country: "CA"},
		Phone:   "418-555-0100", CompanyDescription: i18n.Text{FR: "Depuis 1970."},
	}
	assert.Empty(t, complete.Missing())
	partial := complete
	partial.Logo, partial.Description = " ", i18n.Text{EN: "English only"}
	assert.Equal(t, []string{"logo", "description"}, partial.Missing(), "French is the required version")
}

func TestRegistryNumbers(t *testing.T) {
	c := group.Company{NEQ: "1143920115", BusinessNumber: "123456782RT0001", SIRET: "73282932000074"}
	assert.Equal(t, []string{"1143920115", "123456782", "123456782RT0001", "73282932000074"}, c.RegistryNumbers())
	assert.Empty(t, group.Company{}.RegistryNumbers())
}
