package noc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// analysed returns the kept stems of a title, the head marked with '*', duplicates removed.
func analysed(title string, lang Lang) string {
	a := new(analyzer)
	a.foldText(title)
	a.tokenize()
	a.finish(lang)
	var out []string
	seen := map[string]bool{}
	for i := range a.words {
		w := &a.words[i]
		if w.drop {
			continue
		}
		s := string(a.stemWord(w))
		if seen[s] {
			continue
		}
		seen[s] = true
		if w.head {
			s += "*"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestAnalyze(t *testing.T) {
	for _, c := range []struct {
		in   string
		lang Lang
		want string
	}{
		// Official forms, gender pairs and inclusive writing meet on one stem.
		{"Ingénieur civil/ingénieure civile", FR, "ingenieur* civil"},
		{"Ingénieure civile", FR, "ingenieur* civil"},
		{"Ingénieur(e) civil(e)", FR, "ingenieur* civil"},
		{"Ingénieur·e civil·e", FR, "ingenieur* civil"},
		{"Ingénieur.e civil.e", FR, "ingenieur* civil"},
		{"ingenieur/e civil/e", FR, "ingenieur* civil"},
		{"INGÉNIEURES CIVILES", FR, "ingenieur* civil"},
		{"Technicien(ne)s en génie civil", FR, "technicien* geni civil"},
		{"Directrice des ventes", FR, "directeur* vent"},
		{"Conseillère en sécurité financière", FR, "conseiller* securit financier"},
		{"Vendeuse", FR, "vendeur*"},
		{"Alderman/woman", EN, "alderman*"},
		{"Chairwoman - government services", EN, "chairman* government servic"},
		{"Mud man/woman - petroleum drilling", EN, "mud man* petroleum drilling"},
		// Seniority, places, arrangements and designations.
		{"Ingénieure civile - Montréal (Hybride)", FR, "ingenieur* civil"},
		{"Senior Civil Engineer, P.Eng.", EN, "civil engineer*"},
		{"Civil Engineer – Toronto, ON (Remote)", EN, "civil engineer*"},
		{"Ingénieur civil principal, ing.", FR, "ingenieur* civil"},
		{"Analyste financier sénior - Télétravail", FR, "analyst* financier"},
		{"Lead Developer | Laval", EN, "developer*"},
		{"Jr. Accountant (Temps plein)", EN, "accountant*"},
		{"Camionneur classe 1", FR, "camionneur*"},
		{"Préposé(e) aux bénéficiaires (H/F) - temps partiel", FR, "prepos* beneficiair"},
		// Seniority words that are the occupation stay.
		{"School principal", EN, "school principal*"},
		{"Principal/principale d'école", FR, "principal* ecol"},
		{"Senior", EN, "senior*"},
		// Weak noise words stay in the main part: they name occupations too.
		{"Contract administrator", EN, "contract administrator*"},
		{"Remote sensing technician", EN, "remot sensing technician*"},
		// English heads come before the first preposition; French heads first.
		{"Director of finance", EN, "director* financ"},
		{"Teacher of English as a second language", EN, "teacher* english second languag"},
		{"Communication officer (except emergency services)", EN, "communication officer*"},
		{"Agent/agente de communications (sauf services d'urgence)", FR, "agent* communication"},
		// What postings put before the title: recruitment words, a place, "URGENT".
		{"URGENT - Soudeur", FR, "soudeur*"},
		{"Nous recrutons : Électricienne", FR, "electricien*"},
		{"Offre d'emploi - Préposé aux bénéficiaires", FR, "prepos* beneficiair"},
		{"Hiring: Truck driver", EN, "truck driver*"},
		{"Job offer - Welder", EN, "welder*"},
		{"Montréal - Commis comptable", FR, "commis* comptabl"},
		// … and after it: schedules, durations, levels, students, requisition numbers.
		{"Cuisinier - Quart de nuit", FR, "cuisinier*"},
		{"Cook - Evenings and weekends", EN, "cook*"},
		{"Caissière - Lundi au vendredi", FR, "caissier*"},
		{"Welder - 12-month contract", EN, "welder*"},
		{"Technicien comptable niveau 2", FR, "technicien* comptabl"},
		{"Accounting clerk Level II", EN, "accounting clerk*"},
		{"Commis de bureau - Étudiant d'été", FR, "commis* bureau"},
		{"Lab technician - Summer student", EN, "lab technician*"},
		{"Machinist (Req #12345)", EN, "machinist*"},
		{"Mécanicien (syndiqué) - Entrée immédiate", FR, "mecanicien*"},
		{"Soudeur avec expérience", FR, "soudeur*"},
		{"Welder with experience", EN, "welder*"},
		{"Soudeur - 5 ans d'expérience", FR, "soudeur*"},
		// … while the same words stay where they name the occupation.
		{"User experience designer", EN, "user experienc designer*"},
		{"Shift manager - fast food restaurant", EN, "shift manager* fast food restaurant"},
		{"Lieutenant de quart de navire", FR, "lieutenant* quart navir"},
		{"Graduate nurse", EN, "graduat nurs*"},
		{"911 emergency centre operations officer", EN, "911 emergency centr operation officer*"},
		{"Grade 2 teacher", EN, "grad 2 teacher*"},
		{"Foreur - Carrière", FR, "foreur* carrier"},
		{"Conseiller en emploi", FR, "conseiller* emploi"},
		{"Montréal, QC - Commis comptable", FR, "commis* comptabl"},
		{"Électricien - 5 ans d'expérience minimum", FR, "electricien*"},
		{"Welder - Experience required", EN, "welder*"},
		{"Temps plein - Électricien", FR, "electricien*"},
		// "non" is a word ("non-destructive"), not an exclusion like "sauf".
		{"Non-destructive examination technician", EN, "non destructif examination technician*"},
		// Accents, case, typography.
		{"CAISSIÈRE", FR, "caissier*"},
		{"caissiere", FR, "caissier*"},
		{"Aide‑cuisinier — Québec", FR, "aid* cuisinier"},
		{"Travailleur d’usine", FR, "travailleur* usin"},
		{"Œnologue", FR, "oenologu*"},
		{"", FR, ""},
		{"   -  ()  ", EN, ""},
	} {
		assert.Equal(t, c.want, analysed(c.in, c.lang), c.in)
	}
}

func TestAnalyzeBounds(t *testing.T) {
	long := strings.Repeat("ingénieur civil ", 1000)
	a := new(analyzer)
	a.foldText(long)
	a.tokenize()
	a.finish(FR)
	assert.LessOrEqual(t, len(a.fold), 3*maxTitleBytes)
	assert.LessOrEqual(t, len(a.words), maxWords)
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"ingenieures": "ingenieur", "directrices": "directeur", "vendeuse": "vendeur", "travaux": "traval",
		"generaux": "general", "bateaux": "bateau", "technologies": "technology", "services": "servic",
		"commis": "commis", "glass": "glass", "bus": "bus", "analystes": "analyst", "analyst": "analyst",
		"chairwoman": "chairman", "women": "women", "administrative": "administratif", "ouvriere": "ouvrier",
		"technicienne": "technicien", "professionnelle": "professionnel", "cadette": "cadet", "price": "pric",
		"mecanicienne": "mecanicien", "a1": "a1", "abc": "abc",
	} {
		assert.Equal(t, want, string(appendStem(nil, []byte(in))), in)
	}
}

func TestAnalyzeCommasAndDesignations(t *testing.T) {
	for _, tc := range []struct {
		title string
		lang  Lang
		head  string
		not   []string
	}{
		// What follows a comma qualifies the main part, even an enumeration: the head stays in
		// the main part. (Official titles such as "Heating, ventilation and air conditioning
		// (HVAC) engineer" lose their head this way, but postings write "Manager, sales and
		// marketing" far more often.)
		{"Manager, sales and marketing", EN, "manager", nil},
		{"Cook, days or nights", EN, "cook", nil},
		{"Supervisors, food and beverage processing", EN, "supervisors", nil},
		{"Civil engineer, Montréal", EN, "engineer", []string{"montreal"}},
		// "P.Eng." written as two words is one designation, wherever it is.
		{"Structural engineer P.Eng.", EN, "engineer", []string{"eng", "p"}},
		{"Structural engineer, P. Eng", EN, "engineer", []string{"eng", "p"}},
		{"Geologist P.Geo.", EN, "geologist", []string{"geo"}},
	} {
		a := new(analyzer)
		a.reset()
		a.foldText(tc.title)
		a.tokenize()
		a.finish(tc.lang)
		var head string
		var kept []string
		for i := range a.words {
			w := &a.words[i]
			if w.drop {
				continue
			}
			kept = append(kept, string(a.rawWord(w)))
			if w.head {
				head = string(a.rawWord(w))
			}
		}
		assert.Equal(t, tc.head, head, "head of %q (kept %v)", tc.title, kept)
		for _, n := range tc.not {
			assert.NotContains(t, kept, n, "%q", tc.title)
		}
	}
}
