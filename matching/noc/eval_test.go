package noc

// Evaluation helpers: a seeded split of the official example titles, posting-style variants of
// titles, and a plain character-trigram TF-IDF nearest-neighbour baseline.

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

const (
	splitSeed    = 20210
	variantSeed  = 4242
	testShare    = 0.10 // held out for the accuracy report
	calibShare   = 0.10 // of the rest, held out to fit the confidence calibration and tune
	minHoldGroup = 5    // groups (unit group × language) smaller than this are never held out
)

// evalSplit is a three-way split of the example titles: the index is built on train, the
// calibration fitted on calib (with an index built on train only), the figures measured on test
// (with an index built on train + calib).
type evalSplit struct {
	train, calib, test []Example
}

// holdOut returns, per unit group × language, round(share × n) titles (none for groups under
// minHoldGroup), chosen with the seeded generator, and the rest.
func holdOut(ex []Example, share float64, rng *rand.Rand) (rest, held []Example) {
	groups := map[string][]Example{}
	var keys []string
	for _, e := range ex {
		k := e.Code + e.Lang.String()
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		rng.Shuffle(len(g), func(i, j int) { g[i], g[j] = g[j], g[i] })
		n := 0
		if len(g) >= minHoldGroup {
			n = max(1, int(math.Round(share*float64(len(g)))))
		}
		held = append(held, g[:n]...)
		rest = append(rest, g[n:]...)
	}
	return rest, held
}

func makeSplit(ex []Example) evalSplit { return makeSplitSeed(ex, splitSeed) }

// makeSplitSeed is makeSplit with another seed (see TestAccuracyResplits).
func makeSplitSeed(ex []Example, seed uint64) evalSplit {
	rng := rand.New(rand.NewPCG(seed, 1))
	rest, test := holdOut(ex, testShare, rng)
	train, calib := holdOut(rest, calibShare, rng)
	return evalSplit{train: train, calib: calib, test: test}
}

// ---- Posting-style variants ----

func stripAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func foldKey(s string) string { return strings.ToLower(stripAccents(s)) }

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// genderForms splits an official "masc/fem" title into its two forms; ok is false when the title
// has no gender pair. "Apprenti réparateur/apprentie réparatrice de scies" gives "Apprenti
// réparateur de scies" and "Apprentie réparatrice de scies"; "Foreman/woman - x" gives
// "Foreman - x" and "Forewoman - x". pairs lists the aligned (masculine, feminine) words.
func genderForms(title string) (masc, fem string, pairs [][2]string, ok bool) {
	i := strings.IndexByte(title, '/')
	if i <= 0 || i == len(title)-1 {
		return "", "", nil, false
	}
	left, right := title[:i], title[i+1:]
	if strings.HasPrefix(strings.ToLower(right), "woman") || strings.HasPrefix(strings.ToLower(right), "women") {
		lw := strings.Fields(left)
		last := lw[len(lw)-1]
		ll := strings.ToLower(last)
		if !strings.HasSuffix(ll, "man") && !strings.HasSuffix(ll, "men") {
			return "", "", nil, false
		}
		femLast := last[:len(last)-3] + "wo" + last[len(last)-3:]
		if ll == "man" || ll == "men" {
			femLast = "wo" + last
		}
		rest := right[5:]
		masc = left + rest
		fem = strings.Join(append(slices.Clone(lw[:len(lw)-1]), femLast), " ") + rest
		return masc, fem, [][2]string{{last, femLast}}, true
	}
	// The masculine phrase: the words of left from the first word that pairs with right's first.
	lw := strings.Fields(left)
	rw := strings.Fields(right)
	if len(rw) == 0 {
		return "", "", nil, false
	}
	start := -1
	for k := range lw {
		a, b := foldKey(lw[k]), foldKey(rw[0])
		if len(a) >= 3 && len(b) >= 3 && a[:3] == b[:3] {
			start = k
		}
	}
	if start < 0 {
		return "", "", nil, false
	}
	k := len(lw) - start // words in the masculine phrase
	if k > len(rw) {
		return "", "", nil, false
	}
	prefix := lw[:start]
	rest := rw[k:]
	for j := 0; j < k; j++ {
		pairs = append(pairs, [2]string{lw[start+j], rw[j]})
	}
	join := func(ws ...[]string) string {
		var all []string
		for _, w := range ws {
			all = append(all, w...)
		}
		return strings.Join(all, " ")
	}
	masc = join(prefix, lw[start:], rest)
	fem = join(prefix, rw[:k], rest)
	if len(prefix) == 0 {
		fem = upperFirst(fem)
	}
	return masc, fem, pairs, true
}

// inclusive writes the pairs in an inclusive form: "ingénieur(e)", "ingénieur·e", "ingénieur.e".
func inclusive(masc string, pairs [][2]string, mark int) string {
	out := masc
	for _, p := range pairs {
		m, f := p[0], p[1]
		if strings.EqualFold(m, f) {
			continue
		}
		// Common prefix in runes, case-insensitively.
		mr, fr := []rune(m), []rune(f)
		c := 0
		for c < len(mr) && c < len(fr) && unicode.ToLower(mr[c]) == unicode.ToLower(fr[c]) {
			c++
		}
		suffix := string(fr[c:])
		if c == 0 || suffix == "" {
			continue
		}
		// "directeur"/"directrice": the feminine ending replaces the masculine one.
		var w string
		switch mark {
		case 0:
			w = m + "(" + suffix + ")"
		case 1:
			w = m + "·" + suffix
		default:
			w = m + "." + suffix
		}
		out = strings.Replace(out, m, w, 1)
	}
	return out
}

var (
	seniorEN  = []string{"Senior ", "Junior ", "Lead ", "Principal ", "Sr. ", "Jr ", "Intermediate "}
	seniorFR  = []string{" senior", " sénior", " junior", " principal", " intermédiaire", " confirmé", " - Sénior"}
	placeSufs = []string{" - Montréal", " – Québec", " (Hybride)", " (Remote)", ", Remote", " - Télétravail",
		" | Laval", " - Toronto, ON", " (Temps plein)", " - Full-time", " (H/F)", " – Gatineau (hybride)",
		" - Sherbrooke, QC", " (télétravail possible)", " - Permanent", " — Longueuil", " - Vancouver, BC",
		" (contrat)", " - Remote (Canada)", ", temps partiel",
		// Schedules, contracts, students, unions, requisitions, levels, experience asked for.
		" - Quart de nuit", " - Night shift", " - Lundi au vendredi", " - Evenings and weekends",
		" (syndiqué)", " - Contrat de 12 mois", " - 12-month contract", " - Étudiant d'été",
		" - Summer student", " (Réf. 2291)", " #4821", " niveau 2", " Level II", " avec expérience",
		" with experience"}
	// What postings put before the title.
	prefixes = []string{"URGENT - ", "Nous recrutons : ", "Hiring: ", "Offre d'emploi - ", "Job offer - ",
		"Montréal - "}
)

// postingStyle rewrites an official example title the way an employer might write it in a posting:
// one gender form (or an inclusive form), seniority words, a place, a work arrangement, a schedule
// or a requisition number after a dash, a comma or in brackets, a recruitment phrase before the
// title, "ing." or "P.Eng.", lost accents, another letter case.
func postingStyle(e Example, rng *rand.Rand) string {
	s := e.Title
	if masc, fem, pairs, ok := genderForms(s); ok {
		switch x := rng.IntN(10); {
		case x < 4:
			s = masc
		case x < 8:
			s = fem
		default:
			if e.Lang == FR {
				s = inclusive(masc, pairs, rng.IntN(3))
			} else {
				s = masc
			}
		}
		if m2, f2, _, ok := genderForms(s); ok { // a second pair
			if rng.IntN(2) == 0 {
				s = m2
			} else {
				s = f2
			}
		}
	}
	eng := strings.Contains(foldKey(s), "engineer") || strings.Contains(foldKey(s), "ingenieur")
	// Two or three transformations among the five below; always at least one.
	ops := rng.Perm(5)[:2+rng.IntN(2)]
	for _, op := range ops {
		switch op {
		case 0: // seniority
			if e.Lang == EN {
				s = seniorEN[rng.IntN(len(seniorEN))] + s
			} else {
				s += seniorFR[rng.IntN(len(seniorFR))]
			}
		case 1: // place or arrangement, or a recruitment phrase before the title
			if x := rng.IntN(len(placeSufs) + len(prefixes)); x < len(placeSufs) {
				s += placeSufs[x]
			} else {
				s = prefixes[x-len(placeSufs)] + s
			}
		case 2: // designation, or a second place
			if eng {
				if e.Lang == EN {
					s += []string{", P.Eng.", " P.Eng", " (P.Eng.)", ", EIT"}[rng.IntN(4)]
				} else {
					s += []string{", ing.", " ing.", " (ing.)", ", ing. jr"}[rng.IntN(4)]
				}
			} else {
				s += placeSufs[rng.IntN(len(placeSufs))]
			}
		case 3: // accents lost
			s = stripAccents(s)
		case 4: // letter case
			switch rng.IntN(3) {
			case 0:
				s = strings.ToLower(s)
			case 1:
				s = strings.ToUpper(s)
			default:
				s = titleCase(s)
			}
		}
	}
	return s
}

func titleCase(s string) string {
	prev := ' '
	return strings.Map(func(r rune) rune {
		defer func() { prev = r }()
		if prev == ' ' || prev == '-' || prev == '(' {
			return unicode.ToUpper(r)
		}
		return r
	}, s)
}

// ---- Baseline: character-trigram TF-IDF nearest neighbour ----

// trigramBaseline is the plain baseline the issue compares against: each example title is a
// TF-IDF vector of its character trigrams (lower case, accents kept, padded with one space); a
// title is coded by the unit groups of its most cosine-similar example titles (each unit group
// ranked by its best example).
type trigramBaseline struct {
	grams  map[string]int32
	idf    []float32
	off    []int32
	post   []posting
	ugOf   []int32
	ugCode []string
	// scratch (the baseline is not safe for concurrent use)
	acc     []float32
	touched []int32
	best    []float32
	ugs     []int32
	tf      map[string]float32
	buf     []rune
}

func (b *trigramBaseline) trigrams(s string) map[string]float32 {
	clear(b.tf)
	b.buf = append(b.buf[:0], ' ')
	for _, r := range strings.ToLower(s) {
		b.buf = append(b.buf, r)
	}
	b.buf = append(b.buf, ' ')
	for i := 0; i+3 <= len(b.buf); i++ {
		b.tf[string(b.buf[i:i+3])]++
	}
	return b.tf
}

func newTrigramBaseline(ex []Example) *trigramBaseline {
	b := &trigramBaseline{grams: map[string]int32{}, tf: map[string]float32{}}
	ugIdx := map[string]int32{}
	type tg struct {
		g  int32
		tf float32
	}
	docs := make([][]tg, len(ex))
	var df []int32
	for i, e := range ex {
		for g, tf := range b.trigrams(e.Title) {
			id, ok := b.grams[g]
			if !ok {
				id = int32(len(df))
				b.grams[g] = id
				df = append(df, 0)
			}
			df[id]++
			docs[i] = append(docs[i], tg{id, tf})
		}
		u, ok := ugIdx[e.Code]
		if !ok {
			u = int32(len(b.ugCode))
			ugIdx[e.Code] = u
			b.ugCode = append(b.ugCode, e.Code)
		}
		b.ugOf = append(b.ugOf, u)
	}
	n := float64(len(ex))
	b.idf = make([]float32, len(df))
	for g, d := range df {
		b.idf[g] = float32(math.Log(n / float64(d)))
	}
	cnt := make([]int32, len(df)+1)
	for _, d := range docs {
		for _, x := range d {
			cnt[x.g+1]++
		}
	}
	b.off = make([]int32, len(df)+1)
	for g := range df {
		b.off[g+1] = b.off[g] + cnt[g+1]
	}
	b.post = make([]posting, b.off[len(df)])
	fill := slices.Clone(b.off)
	for i, d := range docs {
		var norm float32
		for _, x := range d {
			w := x.tf * b.idf[x.g]
			norm += w * w
		}
		if norm == 0 {
			continue
		}
		norm = float32(math.Sqrt(float64(norm)))
		for _, x := range d {
			b.post[fill[x.g]] = posting{doc: int32(i), w: x.tf * b.idf[x.g] / norm}
			fill[x.g]++
		}
	}
	b.acc = make([]float32, len(ex))
	b.best = make([]float32, len(b.ugCode))
	return b
}

// code returns the codes of the best unit groups (by their best example title), best first.
func (b *trigramBaseline) code(title string, k int) []string {
	for g, tf := range b.trigrams(title) {
		gi, ok := b.grams[g]
		if !ok {
			continue
		}
		w := tf * b.idf[gi]
		for _, p := range b.post[b.off[gi]:b.off[gi+1]] {
			if b.acc[p.doc] == 0 {
				b.touched = append(b.touched, p.doc)
			}
			b.acc[p.doc] += w * p.w
		}
	}
	for _, d := range b.touched {
		u := b.ugOf[d]
		if b.best[u] == 0 {
			b.ugs = append(b.ugs, u)
		}
		b.best[u] = max(b.best[u], b.acc[d])
		b.acc[d] = 0
	}
	b.touched = b.touched[:0]
	slices.SortFunc(b.ugs, func(x, y int32) int {
		if b.best[x] != b.best[y] {
			if b.best[x] > b.best[y] {
				return -1
			}
			return 1
		}
		return int(x - y)
	})
	var out []string
	for i := 0; i < len(b.ugs) && i < k; i++ {
		out = append(out, b.ugCode[b.ugs[i]])
	}
	for _, u := range b.ugs {
		b.best[u] = 0
	}
	b.ugs = b.ugs[:0]
	return out
}
