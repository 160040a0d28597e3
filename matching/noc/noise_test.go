package noc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPostingNoise writes 1,500 official titles (one gender form) with what postings add around a
// title — recruitment phrases, places, schedules, contracts, requisition numbers, levels, salaries,
// experience asked for — and checks that each kind costs at most half a point of top-1 against the
// plain titles. It prints the table with -v.
func TestPostingNoise(t *testing.T) {
	if raceEnabled {
		t.Skip("a measurement over 60,000 lookups: run it without -race")
	}
	ex, err := officialExamples()
	require.NoError(t, err)
	c := Default()
	rng := rand.New(rand.NewPCG(5, 5))
	titles := make([]Example, 1500)
	for i := range titles {
		e := ex[rng.IntN(len(ex))]
		if masc, _, _, ok := genderForms(e.Title); ok {
			e.Title = masc
		}
		titles[i] = e
	}
	both := func(en, fr string) [2]string { return [2]string{en, fr} }
	kinds := []struct {
		name          string
		before, after [2]string // English, French
	}{
		{"plain", both("", ""), both("", "")},
		{"urgent", both("URGENT - ", "URGENT - "), both("", "")},
		{"recruiting", both("Hiring: ", "Nous recrutons : "), both("", "")},
		{"job offer", both("Job offer - ", "Offre d'emploi - "), both("", "")},
		{"place first", both("Montréal - ", "Montréal - "), both("", "")},
		{"place in brackets", both("", ""), both(" [Montréal]", " (Québec, QC)")},
		{"requisition", both("", ""), both(" (Req #12345)", " (Réf. 12345)")},
		{"number", both("", ""), both(" #4821", " #4821")},
		{"level", both("", ""), both(" Level 2", " niveau 2")},
		{"roman level", both("", ""), both(" II", " III")},
		{"night shift", both("", ""), both(" - Night shift", " - Quart de nuit")},
		{"days", both("", ""), both(" - Monday to Friday", " - Lundi au vendredi")},
		{"evenings", both("", ""), both(" - Evenings and weekends", " - Soirs et fins de semaine")},
		{"contract", both("", ""), both(" - 12-month contract", " - Contrat de 12 mois")},
		{"temporary", both("", ""), both(" - Temporary", " - Temporaire")},
		{"seasonal", both("", ""), both(" - Seasonal", " - Saisonnier")},
		{"student", both("", ""), both(" - Summer student", " - Étudiant d'été")},
		{"new graduate", both("", ""), both(" - New graduate", " - Nouveau diplômé")},
		{"on site", both("", ""), both(" - On-site", " - En présentiel")},
		{"immediate start", both("", ""), both(" - Immediate start", " - Entrée immédiate")},
		{"union", both("", ""), both(" (unionized)", " (syndiqué)")},
		{"bilingual", both("", ""), both(" - Bilingual", " (bilingue)")},
		{"gender mark", both("", ""), both(" (M/F/X)", " (F/H/X)")},
		{"salary", both("", ""), both(" - $25/h", " - 25 $/h")},
		{"yearly salary", both("", ""), both(" - 60,000$/year", " - 60 000 $ par année")},
		{"experience", both("", ""), both(" with experience", " avec expérience")},
		{"years of experience", both("", ""), both(" - 5 years of experience", " - 5 ans d'expérience")},
		{"symbols", both("🔧 ", "★ "), both(" *", " !")},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| added | top-1 | accepted |\n|---|---:|---:|\n")
	var plain float64
	for _, k := range kinds {
		right, accepted := 0, 0
		for _, e := range titles {
			l := int(e.Lang - EN)
			r := c.Code(k.before[l]+e.Title+k.after[l], Auto)
			if top, ok := r.Top(); ok && top.UnitGroup.Code == e.Code {
				right++
				if top.Confidence >= DefaultThreshold {
					accepted++
				}
			}
		}
		top1 := 100 * float64(right) / float64(len(titles))
		fmt.Fprintf(&b, "| %s | %.1f %% | %.1f %% |\n", k.name, top1, 100*float64(accepted)/float64(len(titles)))
		if k.name == "plain" {
			plain = top1
			continue
		}
		assert.GreaterOrEqual(t, top1, plain-0.5, "top-1 with %s", k.name)
	}
	t.Log("\n" + b.String())
}
