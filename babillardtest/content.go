package babillardtest

import (
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
)

// validDescription has the three sections submission requires.
const validDescription = `<h2>Raison d'être du poste</h2><p>Concevoir et inspecter des ponts.</p>
<h2>Principales tâches et responsabilités</h2><ul><li>Calculs de structures</li><li>Inspections</li></ul>
<h2>Qualifications requises</h2><p>Membre de l'Ordre des ingénieurs du Québec.</p>`

// ValidContent returns the content of an engineering offer that passes
// submission under the default vocabulary, whatever the clock says (up to
// the end of 2099): every required field set, a description with its three
// required sections, an application deadline far ahead (ValidDeadline),
// one workplace in Montréal. Each call returns a fresh value that the
// caller may change (a test of deadlines sets its own).
func ValidContent() offer.Content {
	return offer.Content{
		Profile:             offer.Engineer,
		Title:               i18n.Text{FR: "Ingénieure civile – ponts", EN: "Civil engineer – bridges"},
		Description:         i18n.Text{FR: validDescription},
		FunctionType:        "design",
		EmploymentType:      "permanent",
		PositionStatus:      "full_time",
		Domains:             []string{"civil", "structural"},
		WorkArrangement:     offer.Hybrid,
		ApplicationDeadline: ValidDeadline,
		Workplace:           offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "06", City: "Montréal"}}},
		Apply:               offer.Apply{Email: "rh@acme-genie.example"},
	}
}

// ValidDeadline is ValidContent's application deadline: far enough ahead
// that a ready board started on any date (StartAt) may submit the content.
var ValidDeadline = canada.Date{Year: 2099, Month: time.December, Day: 31}

// ValidCompany returns a company input that passes the group service's
// checks: a legal name, a phone number and a head office in Montréal.
func ValidCompany() group.CompanyInput {
	return group.CompanyInput{
		LegalName: "Acme Génie-Conseil inc.", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
	}
}

// CompleteProfile returns a group profile with everything posting an
// offer requires (see group.Service.CheckReadyToPost).
func CompleteProfile() group.Profile {
	return group.Profile{
		Logo: "logos/acme.png", Name: "Acme Génie-Conseil", Website: "https://acme-genie.example",
		Description:        i18n.Text{FR: "Génie civil et structures.", EN: "Civil and structural engineering."},
		Phone:              "514-555-0100",
		Address:            group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
		CompanyDescription: i18n.Text{FR: "Depuis 1970.", EN: "Since 1970."},
	}
}
