package offer

import (
	"sync"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/matching/noc"
)

// Term is one entry of a vocabulary: a stable code and its French and
// English labels.
type Term struct {
	Code  string    `json:"code"`
	Label i18n.Text `json:"label"`
}

// Vocabulary holds the lists an offer's coded fields choose from. A board
// keeps its own (Options.Vocabulary); DefaultVocabulary is a sensible start.
type Vocabulary struct {
	FunctionTypes    []Term `json:"function_types"`
	EmploymentTypes  []Term `json:"employment_types"`
	PositionStatuses []Term `json:"position_statuses"`
	// Domains are the engineering domains ("domaines de génie").
	Domains []Domain `json:"domains"`
}

// Domain is an engineering domain with the NOC 2021 unit group it belongs
// to.
type Domain struct {
	Term
	NOC string `json:"noc"`
}

// engineeringDomains builds the list once from the NOC disciplines; it is never modified.
var engineeringDomains = sync.OnceValue(func() []Domain {
	ds := noc.Disciplines()
	out := make([]Domain, 0, len(ds))
	for _, d := range ds {
		out = append(out, Domain{Term: Term{Code: d.Key, Label: i18n.Text{FR: d.TitleFR, EN: d.TitleEN}}, NOC: d.Code})
	}
	return out
})

// EngineeringDomains returns the 42 engineering domains, each mapped to its
// NOC 2021 unit group: the disciplines of [noc.Disciplines], as a fresh copy.
func EngineeringDomains() []Domain { return append([]Domain(nil), engineeringDomains()...) }

// DefaultVocabulary returns the library's default vocabularies: function
// types (design, project_management, management, consulting, research,
// operations, quality, sales, teaching, other), employment types (permanent,
// temporary, contract, internship), position statuses (full_time,
// part_time) and the 42 engineering domains; its example prints every code
// with its labels. The board's employer guide names the fields but not
// their options (docs/RULES.md O-6); these lists follow the usual choices of
// Quebec engineering job boards, and a board replaces them with
// Options.Vocabulary.
func DefaultVocabulary() Vocabulary {
	t := func(code, fr, en string) Term { return Term{Code: code, Label: i18n.Text{FR: fr, EN: en}} }
	return Vocabulary{
		FunctionTypes: []Term{
			t("design", "Conception et ingénierie", "Design and engineering"),
			t("project_management", "Gestion de projets", "Project management"),
			t("management", "Gestion et direction", "Management"),
			t("consulting", "Services-conseils", "Consulting"),
			t("research", "Recherche et développement", "Research and development"),
			t("operations", "Exploitation, production et maintenance", "Operations, production and maintenance"),
			t("quality", "Qualité, conformité et inspection", "Quality, compliance and inspection"),
			t("sales", "Ventes et soutien technique", "Technical sales and support"),
			t("teaching", "Enseignement et formation", "Teaching and training"),
			t("other", "Autre", "Other"),
		},
		EmploymentTypes: []Term{
			t("permanent", "Permanent", "Permanent"),
			t("temporary", "Temporaire", "Temporary"),
			t("contract", "Contractuel", "Contract"),
			t("internship", "Stage", "Internship"),
		},
		PositionStatuses: []Term{
			t("full_time", "Temps plein", "Full time"),
			t("part_time", "Temps partiel", "Part time"),
		},
		Domains: EngineeringDomains(),
	}
}

func hasTerm(terms []Term, code string) bool {
	for _, t := range terms {
		if t.Code == code {
			return true
		}
	}
	return false
}

func hasDomain(domains []Domain, code string) bool {
	for _, d := range domains {
		if d.Code == code {
			return true
		}
	}
	return false
}
