package noc

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postingTitles are job titles as employers write them, with the unit group a person would
// choose.
var postingTitles = []struct {
	title string
	code  string
}{
	{"Ingénieure civile - Montréal (Hybride)", "21300"},
	{"Senior Civil Engineer, P.Eng.", "21300"},
	{"Ingénieur(e) mécanique junior – Laval", "21301"},
	{"INGENIEUR MECANIQUE JR", "21301"},
	{"Technicien(ne) en génie civil – Laval", "22300"},
	{"Senior Software Engineer (Remote)", "21231"},
	{"Développeur·se web full stack", "21234"},
	{"Data scientist", "21211"},
	{"Registered Nurse (RN) - Remote", "31301"},
	{"Infirmière auxiliaire", "32101"},
	{"Préposé(e) aux bénéficiaires - temps partiel", "33102"},
	{"Camionneur classe 1", "73300"},
	{"Class 1 truck driver", "73300"},
	{"Commis comptable", "14200"},
	{"Comptable CPA", "11100"},
	{"Adjointe administrative", "13110"},
	{"Mécanicien automobile", "72410"},
	{"Caissière", "65100"},
	{"Cuisinier", "63200"},
	{"Soudeur", "72106"},
	{"Enseignant au primaire", "41221"},
	{"Magasinier", "14401"},
	{"Plombier", "72300"},
	{"Opérateur de chariot élévateur", "75101"},
	{"Conseiller en sécurité financière", "11102"},
	{"School principal", "40021"},
	{"Electrician apprentice", "72200"},
	{"Chauffeur-livreur", "75201"},
	// Common titles that are (nearly) examples themselves: frequent words must count in full.
	{"Administrative assistant", "13110"},
	{"Électricien", "72200"},
	{"Agent de sécurité", "64410"},
	{"Security guard", "64410"},
	{"Waiter", "65200"},
	{"Bookkeeper", "12200"},
	{"Technicienne en comptabilité", "12200"},
	{"Customer service representative", "64409"},
	{"Directeur des ressources humaines", "10011"},
	{"IT support technician", "22221"},
	{"Sous-chef", "62200"},
	{"Hygiéniste dentaire", "32111"},
}

func TestCodePostingTitles(t *testing.T) {
	c := Default()
	for _, p := range postingTitles {
		for _, lang := range []Lang{Auto, FR, EN} {
			r := c.Code(p.title, lang)
			require.NotEmpty(t, r.Candidates, p.title)
			if lang == Auto {
				assert.Equal(t, p.code, r.Candidates[0].UnitGroup.Code, "%s → %v", p.title, r.Candidates[0])
			}
			var codes []string
			for _, cd := range r.Candidates {
				codes = append(codes, cd.UnitGroup.Code)
			}
			assert.Contains(t, codes, p.code, "%s (%v)", p.title, lang)
		}
	}
}

// TestCodeUnknownCompounds codes titles whose word is in no example title: the ending of the word
// stands in for it ("…onaut" of "Astronaut", "…smith" of "Blacksmith"), with a low confidence.
func TestCodeUnknownCompounds(t *testing.T) {
	for _, tc := range []struct {
		title string
		lang  Lang
		code  string
		guess Lang // the language guessed (Astronaut and Astronaute share their ending)
	}{
		{"Taikonaut", EN, "21109", FR},  // Astronaut, Cosmonaut
		{"Taïkonaute", FR, "21109", FR}, // Astronaute, Spationaute
		{"Knifesmith", EN, "72999", EN}, // Blacksmith, Gunsmith
	} {
		for _, lang := range []Lang{tc.lang, Auto} {
			r := Code(tc.title, lang)
			var codes []string
			for _, cd := range r.Candidates {
				codes = append(codes, cd.UnitGroup.Code)
			}
			assert.Contains(t, codes, tc.code, "%s (%v)", tc.title, lang)
			if lang == Auto {
				assert.Equal(t, tc.guess, r.Lang, "%s: language guessed from its ending", tc.title)
			}
			assert.True(t, r.NeedsReview(DefaultThreshold), "%s: a word of no example is not sure", tc.title)
		}
	}
}

// TestCodeCompounds: a compound written in one word or in two meets the official form written the
// other way ("Daycare worker", "Firefighter", "Health care aide", "Back-end web developer").
func TestCodeCompounds(t *testing.T) {
	for title, code := range map[string]string{
		"Day care worker":     "42202",
		"Fire fighter":        "42101",
		"Book keeper":         "12200",
		"Dish washer":         "65201",
		"Web master":          "21234",
		"Line man":            "72203",
		"Healthcare aide":     "33102",
		"Backend developer":   "21234",
		"Fullstack developer": "21234",
	} {
		r := Code(title, Auto)
		top, ok := r.Top()
		require.True(t, ok, title)
		assert.Equal(t, code, top.UnitGroup.Code, "%s → %s", title, top.Example)
	}
}

// TestCodeNoiseOnly: a title made of what postings add around a title says nothing of the job;
// whatever it reaches needs a person.
func TestCodeNoiseOnly(t *testing.T) {
	for _, title := range []string{"With experience", "Avec expérience", "Level 2", "Summer student", "Temps plein"} {
		r := Code(title, Auto)
		assert.True(t, r.NeedsReview(DefaultThreshold), title)
		for _, cd := range r.Candidates {
			assert.LessOrEqual(t, cd.Confidence, onlyNoiseCap, title)
		}
	}
}

// TestGuessLangNoise: places, arrangements and qualifiers in the other language do not sway the
// language guess.
func TestGuessLangNoise(t *testing.T) {
	for title, want := range map[string]Lang{
		"Welder - Temps plein":            EN,
		"Welder - Montréal (Télétravail)": EN,
		"Cook - Lundi au vendredi":        EN,
		"Soudeur - Full-time":             FR,
		"Soudeur - Remote, Toronto":       FR,
	} {
		assert.Equal(t, want, Code(title, Auto).Lang, title)
	}
}

func TestCodeResult(t *testing.T) {
	r := Code("Ingénieure civile - Montréal (Hybride)", Auto)
	assert.Equal(t, FR, r.Lang)
	assert.True(t, r.Guessed)
	require.Len(t, r.Candidates, MaxCandidates)
	top, ok := r.Top()
	require.True(t, ok)
	assert.Equal(t, "21300", top.UnitGroup.Code)
	assert.Equal(t, "Ingénieur civil/ingénieure civile", top.Example)
	assert.Equal(t, FR, top.ExampleLang)
	assert.Greater(t, top.Confidence, DefaultThreshold)
	acc, ok := r.Accept(DefaultThreshold)
	assert.True(t, ok)
	assert.Equal(t, top, acc)
	assert.False(t, r.NeedsReview(DefaultThreshold))
	_, ok = r.Accept(1.01)
	assert.False(t, ok)
	assert.True(t, r.NeedsReview(1.01))
	var sum float64
	for i, cd := range r.Candidates {
		assert.Equal(t, LevelUnitGroup, cd.UnitGroup.Level)
		assert.GreaterOrEqual(t, cd.Confidence, 0.0)
		assert.LessOrEqual(t, cd.Confidence, 1.0)
		if i > 0 {
			assert.LessOrEqual(t, cd.Confidence, r.Candidates[i-1].Confidence)
			assert.LessOrEqual(t, cd.Score, r.Candidates[i-1].Score)
		}
		sum += cd.Confidence
	}
	assert.LessOrEqual(t, sum, 1.0+1e-9)

	r = Code("Civil engineer", Auto)
	assert.Equal(t, EN, r.Lang)
	assert.Equal(t, "Civil engineer", r.Candidates[0].Example)
	r = Code("Civil engineer", FR) // the language given is kept
	assert.Equal(t, FR, r.Lang)
	assert.False(t, r.Guessed)
	assert.Equal(t, "21300", r.Candidates[0].UnitGroup.Code)
}

func TestCodeNothing(t *testing.T) {
	for _, s := range []string{"", "   ", "xyzzy qwrtp", "- ( ) / ·", "Montréal (Hybride)", "12345"} {
		r := Code(s, Auto)
		if len(r.Candidates) == 0 {
			_, ok := r.Top()
			assert.False(t, ok)
			assert.True(t, r.NeedsReview(0), s)
			continue
		}
		assert.True(t, r.NeedsReview(DefaultThreshold), "%q: %v", s, r.Candidates[0])
	}
}

func TestCodeLongInput(t *testing.T) {
	s := strings.Repeat("Ingénieur civil senior Montréal ", 10000)
	start := time.Now()
	r := Code(s, Auto)
	assert.Less(t, time.Since(start), time.Second)
	require.NotEmpty(t, r.Candidates)
	assert.Equal(t, "21300", r.Candidates[0].UnitGroup.Code)
}

func TestCodeAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector, sync.Pool drops items on purpose")
	}
	c := Default()
	c.Code("warm up", FR)
	for _, p := range postingTitles {
		allocs := testing.AllocsPerRun(20, func() { c.Code(p.title, Auto) })
		assert.LessOrEqual(t, allocs, 1.0, p.title)
	}
}

func TestCodeConcurrent(t *testing.T) {
	c := Default()
	want := make([]Result, len(postingTitles))
	for i, p := range postingTitles {
		want[i] = c.Code(p.title, Auto)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for i, p := range postingTitles {
					if got := c.Code(p.title, Auto); fmt.Sprint(got) != fmt.Sprint(want[i]) {
						errs <- p.title
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs for %q", e)
	}
}

func TestNewCoder(t *testing.T) {
	ex := append(Examples(),
		Example{Code: "21222", Lang: FR, Title: "Maître de mêlée agile"},
		Example{Code: "21222", Lang: EN, Title: "Scrum master"})
	c, err := NewCoder(ex)
	require.NoError(t, err)
	r := c.Code("Senior Scrum Master - Montréal", Auto)
	require.NotEmpty(t, r.Candidates)
	assert.Equal(t, "21222", r.Candidates[0].UnitGroup.Code)
	assert.Equal(t, "Scrum master", r.Candidates[0].Example)
	assert.True(t, Code("Scrum master", EN).NeedsReview(DefaultThreshold), "the default coder does not know it")

	_, err = NewCoder([]Example{{Code: "2131", Lang: EN, Title: "Civil engineer"}})
	assert.Error(t, err)
	_, err = NewCoder([]Example{{Code: "21300", Lang: Auto, Title: "Civil engineer"}})
	assert.Error(t, err)

	small, err := NewCoder([]Example{{Code: "21300", Lang: EN, Title: "Civil engineer"}, {Code: "63200", Lang: FR, Title: "Cuisinier/cuisinière"}})
	require.NoError(t, err)
	assert.Equal(t, "63200", small.Code("Cuisinière", Auto).Candidates[0].UnitGroup.Code)
	assert.Equal(t, "21300", small.Code("Civil engineer", Auto).Candidates[0].UnitGroup.Code)
	// The unit groups' titles are examples too.
	r = small.Code("Plombier", Auto)
	require.NotEmpty(t, r.Candidates)
	assert.Equal(t, "72300", r.Candidates[0].UnitGroup.Code)
	assert.Equal(t, "Plombiers/plombières", r.Candidates[0].Example)
	assert.True(t, small.Code("Xylophoniste", Auto).NeedsReview(DefaultThreshold), "a spelling correction is not a match")
	assert.Empty(t, small.Code("Wxyz", Auto).Candidates)
}

func TestSelectTop(t *testing.T) {
	for n := 1; n < 60; n++ {
		for k := 1; k <= n; k++ {
			s := make([]scored, n)
			for i := range s {
				s[i] = scored{ug: int32(i), score: float32((i * 7919) % 13)}
			}
			selectTop(s, k)
			// Every element of s[:k] comes before every element of s[k:].
			for _, a := range s[:k] {
				for _, b := range s[k:] {
					require.True(t, before(a, b), "n=%d k=%d", n, k)
				}
			}
		}
	}
}

func TestExpNeg(t *testing.T) {
	for x := float32(-24.9); x <= 0; x += 0.001 {
		want := float32(mathExp(float64(x)))
		got := expNeg(x)
		require.InEpsilon(t, want, got, 1e-5, "%v", x)
	}
}

func mathExp(x float64) float64 { return math.Exp(x) }

func TestCodeAll(t *testing.T) {
	c := Default()
	titles := benchTitleStrings(t)
	for _, lang := range []Lang{Auto, FR} {
		got := c.CodeAll(titles, lang)
		require.Len(t, got, len(titles))
		for i, title := range titles {
			assert.Equal(t, c.Code(title, lang), got[i], "%q", title)
		}
	}
	assert.Empty(t, c.CodeAll(nil, Auto))
	assert.Equal(t, []Result{c.Code("Soudeur", Auto)}, CodeAll([]string{"Soudeur"}, Auto))
}

func TestCodeHTMLEntities(t *testing.T) {
	c := Default()
	for _, p := range [][2]string{
		{"Ing&eacute;nieure civile - Montr&eacute;al", "Ingénieure civile - Montréal"},
		{"Ing&#233;nieur m&#xE9;canique", "Ingénieur mécanique"},
		{"Ing&eacute;nieur R&amp;D", "Ingénieur R&D"},
		{"Commis d&#39;entrep&ocirc;t", "Commis d'entrepôt"},
	} {
		assert.Equal(t, c.Code(p[1], Auto), c.Code(p[0], Auto), p[0])
	}
}
