package offer_test

import (
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rules(t testing.TB) offer.Rules {
	loc, err := canada.LoadToronto()
	require.NoError(t, err)
	return offer.Rules{Vocabulary: offer.DefaultVocabulary(), Calendar: canada.QuebecCalendar(), Location: loc}
}

const description = `<h2>Raison d'être du poste</h2><p>Concevoir des ouvrages.</p>
<h2>Principales tâches et responsabilités</h2><ul><li>Calculs</li></ul>
<h2>Qualifications requises</h2><p>Membre de l'OIQ.</p>`

func complete() offer.Content {
	return offer.Content{
		Profile:             offer.Engineer,
		Title:               i18n.Text{FR: "Ingénieure civile", EN: "Civil engineer"},
		Description:         i18n.Text{FR: description},
		FunctionType:        "design",
		EmploymentType:      "permanent",
		PositionStatus:      "full_time",
		Domains:             []string{"civil", "structural"},
		WorkArrangement:     offer.Hybrid,
		ApplicationDeadline: canada.Date{Year: 2026, Month: time.July, Day: 31},
		ExperienceYears:     5,
		Workplace:           offer.Workplace{Kind: offer.InPlaces, Places: []offer.Place{{Region: "06", City: "Montréal"}}},
		Apply:               offer.Apply{URL: "https://acme.example/carrieres/123"},
	}
}

// Tuesday June 23, 2026, 10:00 in Montreal: June 24 is the Fête nationale.
var submitted = time.Date(2026, time.June, 23, 14, 0, 0, 0, time.UTC)

func codes(t *testing.T, err error) []string {
	t.Helper()
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range ve.Fields {
		assert.NotEmpty(t, f.Message.FR, f.Code)
		assert.NotEmpty(t, f.Message.EN, f.Code)
		assert.NotContains(t, f.Message.FR+f.Message.EN, "%!", f.Code)
	}
	return ve.Codes()
}

func TestCompleteContentPasses(t *testing.T) {
	c, report, err := offer.CheckSubmission(complete(), rules(t), submitted)
	require.NoError(t, err)
	assert.Empty(t, report.FR.Removed)
	assert.Contains(t, c.Description.FR, "<h2>")
	assert.Equal(t, canada.Region("06"), c.Workplace.Places[0].Region)
}

func TestSubmissionReportsEveryMissingField(t *testing.T) {
	_, _, err := offer.CheckSubmission(offer.Content{}, rules(t), submitted)
	assert.Equal(t, []string{
		"title.fr:required", "profile:required", "description.fr:description.required",
		"function_type:required", "employment_type:required", "position_status:required", "domains:required",
		"work_arrangement:required", "workplace.kind:required", "apply:required", "application_deadline:required",
	}, codes(t, err))
}

func TestDraftMayBeIncompleteButWellFormed(t *testing.T) {
	_, _, err := offer.CheckDraft(offer.Content{Title: i18n.Text{FR: "Ingénieur"}}, rules(t))
	assert.NoError(t, err)
	_, _, err = offer.CheckDraft(offer.Content{Profile: "technician", Salary: "Entre 80 000 $ et 95 000 $ selon l'expérience et les compétences",
		FunctionType: "astrology", Domains: []string{"alchemy"}, Apply: offer.Apply{URL: "javascript:alert(1)"}}, rules(t))
	assert.Equal(t, []string{"profile:profile.not_engineering", "function_type:code.unknown", "domains:domain.unknown",
		"salary:too_long", "apply.url:url.format"}, codes(t, err))
}

func TestContentRules(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*offer.Content)
		want []string
	}{
		"CPI has no experience requirement": {func(c *offer.Content) { c.Profile = offer.CPI }, []string{"experience_years:experience.engineer_only"}},
		"experience out of range":           {func(c *offer.Content) { c.ExperienceYears = -1 }, []string{"experience_years:experience.range"}},
		"salary over 50 characters": {func(c *offer.Content) { c.Salary = "123456789012345678901234567890123456789012345678901" },
			[]string{"salary:too_long"}},
		"salary of exactly 50 characters": {func(c *offer.Content) { c.Salary = "12345678901234567890123456789012345678901234567890" }, nil},
		"both ways to apply":              {func(c *offer.Content) { c.Apply.Email = "rh@acme.example" }, []string{"apply:apply.both"}},
		"apply by e-mail":                 {func(c *offer.Content) { c.Apply = offer.Apply{Email: "RH@Acme.example"} }, nil},
		"bad apply e-mail":                {func(c *offer.Content) { c.Apply = offer.Apply{Email: "rh@"} }, []string{"apply.email:email.format"}},
		"address outside Quebec": {func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{Street: "1 Yonge", City: "Toronto", Province: "ON", PostalCode: "M5E 1E5"}}
		}, []string{"workplace.address.province:workplace.quebec_only", "workplace.address.postal_code:workplace.quebec_only"}},
		"exact Quebec address": {func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{Street: "1000 Sherbrooke O.", City: "Montréal", PostalCode: "h3a3g4"}}
		}, nil},
		"address without postal code": {func(c *offer.Content) {
			c.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{Street: "1 rue A", City: "Laval"}}
		}, []string{"workplace.address.postal_code:required"}},
		"unknown region":  {func(c *offer.Content) { c.Workplace.Places = []offer.Place{{Region: "18"}} }, []string{"workplace.places:region.unknown"}},
		"outside Quebec":  {func(c *offer.Content) { c.Workplace = offer.Workplace{Kind: offer.OutsideQuebec} }, nil},
		"deadline passed": {func(c *offer.Content) { c.ApplicationDeadline = canada.Date{Year: 2026, Month: 6, Day: 22} }, []string{"application_deadline:deadline.past"}},
		"deadline today":  {func(c *offer.Content) { c.ApplicationDeadline = canada.Date{Year: 2026, Month: 6, Day: 23} }, nil},
		"impossible date": {func(c *offer.Content) { c.ApplicationDeadline = canada.Date{Year: 2026, Month: 2, Day: 30} }, []string{"application_deadline:date.invalid"}},
		// Submitted Tuesday June 23: June 24 is a holiday, so the third
		// business day is Monday June 29.
		"display date too soon":                  {func(c *offer.Content) { c.DisplayDate = canada.Date{Year: 2026, Month: 6, Day: 26} }, []string{"display_date:display_date.too_soon"}},
		"display date on the third business day": {func(c *offer.Content) { c.DisplayDate = canada.Date{Year: 2026, Month: 6, Day: 29} }, nil},
		"display date after deadline":            {func(c *offer.Content) { c.DisplayDate = canada.Date{Year: 2026, Month: 8, Day: 3} }, []string{"display_date:display_date.after_deadline"}},
		"missing description section": {func(c *offer.Content) { c.Description.FR = "<h2>Qualifications requises</h2><p>OIQ</p>" },
			[]string{"description.fr:description.section_missing", "description.fr:description.section_missing"}},
		"duplicate domains kept once": {func(c *offer.Content) { c.Domains = []string{"civil", "civil"} }, nil},
	} {
		t.Run(name, func(t *testing.T) {
			c := complete()
			tc.edit(&c)
			_, _, err := offer.CheckSubmission(c, rules(t), submitted)
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, codes(t, err))
		})
	}
}

func TestDisplayDateMessageNamesTheEarliestDay(t *testing.T) {
	c := complete()
	c.DisplayDate = canada.Date{Year: 2026, Month: 6, Day: 25}
	_, _, err := offer.CheckSubmission(c, rules(t), submitted)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Fields[0].Message.FR, "2026-06-29")
	assert.Contains(t, ve.Fields[0].Message.EN, "3 business days")
}

func TestDescriptionIsSanitisedInDrafts(t *testing.T) {
	c := complete()
	c.Description.FR = description + `<p onclick="x()">Écrivez à rh@acme.example</p><script>alert(1)</script>`
	got, report, err := offer.CheckDraft(c, rules(t))
	require.NoError(t, err)
	assert.NotContains(t, got.Description.FR, "script")
	assert.NotContains(t, got.Description.FR, "onclick")
	assert.NotContains(t, got.Description.FR, "rh@acme.example")
	assert.NotEmpty(t, report.FR.Removed)
}

func TestEngineeringDomains(t *testing.T) {
	domains := offer.EngineeringDomains()
	assert.Len(t, domains, 42)
	assert.Equal(t, "civil", domains[0].Code)
	assert.Equal(t, "Génie civil", domains[0].Label.FR)
	assert.Equal(t, "21300", domains[0].NOC)
	domains[0].Code = "changed"
	assert.Equal(t, "civil", offer.EngineeringDomains()[0].Code, "a fresh copy each time")
}
