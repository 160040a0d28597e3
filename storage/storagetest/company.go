package storagetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

func (su *suite) testCompany(t *testing.T) {
	runCRUD(t, su, crud[group.Company]{
		build:   func(f *fixture) group.Company { return f.newCompany() },
		create:  func(f *fixture, c *group.Company) error { return f.s.CreateCompany(f.ctx, c) },
		get:     func(f *fixture, c group.Company) (group.Company, error) { return f.s.Company(f.ctx, c.ID) },
		update:  func(f *fixture, c *group.Company) error { return f.s.UpdateCompany(f.ctx, c) },
		version: func(c *group.Company) *int64 { return &c.Version },
		change: func(c *group.Company) {
			c.LegalName += " (modifiée)"
			c.Phone += "1"
			c.Status = group.CompanyRefused
			c.HeadOffice.City = "Trois-Rivières"
		},
		sameID: func(f *fixture, c group.Company) group.Company {
			return f.newCompany(func(d *group.Company) { d.ID = c.ID })
		},
		missing: func(f *fixture, c group.Company) group.Company { c.ID = uuid.New(); return c },
	})
	t.Run("SameNameAndNumbersAllowed", func(t *testing.T) {
		f := su.fixture(t)
		a := f.company()
		b := f.newCompany(func(b *group.Company) {
			b.LegalName, b.NEQ, b.BusinessNumber, b.SIRET = a.LegalName, a.NEQ, a.BusinessNumber, a.SIRET
		})
		if err := f.s.CreateCompany(f.ctx, &b); err != nil {
			t.Fatalf("a second company with the same name and numbers: %v (the library allows duplicates)", err)
		}
	})
}

// searchData stores the companies the search subtests query, by short name.
func searchData(f *fixture) map[string]group.Company {
	f.t.Helper()
	type row struct {
		key, name, city, neq, bn, siret string
		status                          group.CompanyStatus
	}
	rows := []row{
		{"cafe", "Café Montréal inc.", "Montréal", "1141234567", "", "", group.CompanyActive},
		{"boulangerie", "Boulangerie Saint-Jérôme", "Saint-Jérôme", "", "123456782RT0001", "", group.CompanyActive},
		{"bn9", "Déneigement Lévis", "Lévis", "", "123456782", "", group.CompanyPending},
		{"societe", "Société Générale de Logiciels", "Québec", "", "", "73282932000074", group.CompanyActive},
		{"alpha", "Alpha Conseil", "Laval", "2249876543", "987654321RC0002", "", group.CompanyRefused},
		{"toronto", "Maple Staffing", "Toronto", "", "", "", group.CompanyPending},
		{"montrealer", "Zinc Montréalais", "Longueuil", "", "", "", group.CompanyActive},
	}
	out := make(map[string]group.Company, len(rows))
	for _, r := range slices.Backward(rows) {
		out[r.key] = f.company(func(c *group.Company) {
			c.LegalName, c.HeadOffice.City, c.NEQ, c.BusinessNumber, c.SIRET, c.Status =
				r.name, r.city, r.neq, r.bn, r.siret, r.status
		})
	}
	return out
}

func (su *suite) testSearchCompanies(t *testing.T) {
	// Ordered by legal name: Alpha, Boulangerie, Café, Déneigement, Maple,
	// Société, Zinc.
	cases := []struct {
		name string
		q    group.CompanyQuery
		want []string
	}{
		{"All", group.CompanyQuery{}, []string{"alpha", "boulangerie", "cafe", "bn9", "toronto", "societe", "montrealer"}},
		{"KeywordWithoutAccent", group.CompanyQuery{Keyword: "montreal"}, []string{"cafe", "montrealer"}},
		{"KeywordWithAccentAndCase", group.CompanyQuery{Keyword: "MONTRÉAL"}, []string{"cafe", "montrealer"}},
		{"KeywordInCity", group.CompanyQuery{Keyword: "laval"}, []string{"alpha"}},
		{"KeywordPrefixOfWord", group.CompanyQuery{Keyword: "boulang"}, []string{"boulangerie"}},
		{"KeywordSeveralWords", group.CompanyQuery{Keyword: "cafe montreal"}, []string{"cafe"}},
		{"KeywordWordsInAnyOrder", group.CompanyQuery{Keyword: "montreal zinc"}, []string{"montrealer"}},
		{"KeywordWordsInNameAndCity", group.CompanyQuery{Keyword: "maple toronto"}, []string{"toronto"}},
		{"KeywordRawText", group.CompanyQuery{Keyword: "  Saint-Jérôme!  "}, []string{"boulangerie"}},
		{"KeywordEveryWordMustOccur", group.CompanyQuery{Keyword: "montreal laval"}, nil},
		{"KeywordNoMatch", group.CompanyQuery{Keyword: "vancouver"}, nil},
		{"KeywordOnlyPunctuation", group.CompanyQuery{Keyword: " - "}, []string{"alpha", "boulangerie", "cafe", "bn9", "toronto", "societe", "montrealer"}},
		{"RegistryNEQ", group.CompanyQuery{RegistryNumber: "1141234567"}, []string{"cafe"}},
		{"RegistryBusinessNumber9Digits", group.CompanyQuery{RegistryNumber: "123456782"}, []string{"boulangerie", "bn9"}},
		{"RegistryBusinessNumberFull", group.CompanyQuery{RegistryNumber: "123456782RT0001"}, []string{"boulangerie"}},
		{"RegistryBusinessNumberOtherAccount", group.CompanyQuery{RegistryNumber: "123456782RT0002"}, nil},
		{"RegistrySIRET", group.CompanyQuery{RegistryNumber: "73282932000074"}, []string{"societe"}},
		{"RegistrySpacesAndHyphens", group.CompanyQuery{RegistryNumber: "123 456 782-RT-0001"}, []string{"boulangerie"}},
		{"RegistrySIRETWithSpaces", group.CompanyQuery{RegistryNumber: "732 829 320 00074"}, []string{"societe"}},
		{"RegistryPrefixDoesNotMatch", group.CompanyQuery{RegistryNumber: "1141234"}, nil},
		{"RegistrySIRENDoesNotMatch", group.CompanyQuery{RegistryNumber: "732829320"}, nil},
		{"StatusActive", group.CompanyQuery{Status: group.CompanyActive}, []string{"boulangerie", "cafe", "societe", "montrealer"}},
		{"StatusPending", group.CompanyQuery{Status: group.CompanyPending}, []string{"bn9", "toronto"}},
		{"StatusRefused", group.CompanyQuery{Status: group.CompanyRefused}, []string{"alpha"}},
		{"KeywordAndStatus", group.CompanyQuery{Keyword: "montreal", Status: group.CompanyActive}, []string{"cafe", "montrealer"}},
		{"KeywordAndStatusExclusive", group.CompanyQuery{Keyword: "levis", Status: group.CompanyActive}, nil},
		{"RegistryAndStatus", group.CompanyQuery{RegistryNumber: "123456782", Status: group.CompanyPending}, []string{"bn9"}},
		{"RegistryAndKeyword", group.CompanyQuery{RegistryNumber: "123456782", Keyword: "jerome"}, []string{"boulangerie"}},
		{"Limit", group.CompanyQuery{Limit: 3}, []string{"alpha", "boulangerie", "cafe"}},
		{"LimitWithFilter", group.CompanyQuery{Status: group.CompanyActive, Limit: 1}, []string{"boulangerie"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := su.fixture(t)
			data := searchData(f)
			got, err := f.s.SearchCompanies(f.ctx, tc.q)
			if err != nil {
				t.Fatalf("SearchCompanies(%+v): %v", tc.q, err)
			}
			want := make([]group.Company, len(tc.want))
			for i, k := range tc.want {
				want[i] = data[k]
			}
			wantIDs(t, fmt.Sprintf("SearchCompanies(%+v)", tc.q), ids(got, companyID), ids(want, companyID))
			if !t.Failed() {
				wantEqual(t, "companies found", got, want)
			}
		})
	}
	t.Run("OrderByNameThenID", func(t *testing.T) {
		f := su.fixture(t)
		names := []string{"Alpha", "Bravo", "Charlie"}
		byName := make(map[string][]uuid.UUID)
		// Stored in the reverse of the expected order.
		for _, name := range slices.Backward(names) {
			byName[name] = sortedIDs(3)
			for _, id := range slices.Backward(byName[name]) {
				f.company(func(c *group.Company) { c.ID, c.LegalName = id, name })
			}
		}
		var want []uuid.UUID
		for _, name := range names {
			want = append(want, byName[name]...)
		}
		got, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{})
		if err != nil {
			t.Fatal(err)
		}
		wantIDs(t, "SearchCompanies order", ids(got, companyID), want)
	})
	t.Run("DefaultLimit50", func(t *testing.T) {
		f := su.fixture(t)
		var want []uuid.UUID
		for i := range 60 {
			c := f.company(func(c *group.Company) { c.LegalName = fmt.Sprintf("Compagnie %02d", i) })
			want = append(want, c.ID)
		}
		got, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{})
		if err != nil {
			t.Fatal(err)
		}
		wantIDs(t, "SearchCompanies with Limit 0", ids(got, companyID), want[:50])
		got, err = f.s.SearchCompanies(f.ctx, group.CompanyQuery{Limit: 55})
		if err != nil {
			t.Fatal(err)
		}
		wantIDs(t, "SearchCompanies with Limit 55", ids(got, companyID), want[:55])
	})
	t.Run("Empty", func(t *testing.T) {
		f := su.fixture(t)
		got, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{Keyword: "rien"})
		if err != nil || len(got) != 0 {
			t.Errorf("SearchCompanies on an empty store = %v, %v; want nothing, nil", got, err)
		}
	})
	t.Run("SeesUpdates", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company(func(c *group.Company) { c.LegalName, c.HeadOffice.City = "Acme", "Sherbrooke" })
		c.HeadOffice.City = "Rimouski"
		f.must(f.s.UpdateCompany(f.ctx, &c), "UpdateCompany")
		for kw, want := range map[string]int{"sherbrooke": 0, "rimouski": 1} {
			got, err := f.s.SearchCompanies(f.ctx, group.CompanyQuery{Keyword: kw})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != want {
				t.Errorf("after the city changed, SearchCompanies(%q) found %d companies, want %d", kw, len(got), want)
			}
		}
	})
}
