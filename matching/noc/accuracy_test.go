package noc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type evalQuery struct {
	title string
	lang  Lang // the language given to the coder
	truth Lang // the title's language
	code  string
}

func asIs(ex []Example) []evalQuery {
	out := make([]evalQuery, len(ex))
	for i, e := range ex {
		out[i] = evalQuery{title: e.Title, lang: e.Lang, truth: e.Lang, code: e.Code}
	}
	return out
}

func postingStyled(ex []Example, seed uint64) []evalQuery {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := make([]evalQuery, len(ex))
	for i, e := range ex {
		out[i] = evalQuery{title: postingStyle(e, rng), lang: e.Lang, truth: e.Lang, code: e.Code}
	}
	return out
}

// inIndex returns posting-style variants of n titles drawn from ex (seeded).
func inIndex(ex []Example, n int, seed uint64) []evalQuery {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]evalQuery, n)
	for i := range out {
		e := ex[rng.IntN(len(ex))]
		out[i] = evalQuery{title: postingStyle(e, rng), lang: e.Lang, truth: e.Lang, code: e.Code}
	}
	return out
}

func withLang(qs []evalQuery, l Lang) []evalQuery {
	out := slices.Clone(qs)
	for i := range out {
		out[i].lang = l
	}
	return out
}

type outcome struct {
	rank int // 1-based rank of the right code among the candidates, 0 if absent
	conf float64
	cand []Candidate
	lang Lang
}

func runCoder(c *Coder, qs []evalQuery) []outcome {
	out := make([]outcome, len(qs))
	for i, q := range qs {
		r := c.Code(q.title, q.lang)
		out[i] = outcome{cand: r.Candidates, lang: r.Lang}
		for k, cd := range r.Candidates {
			if cd.UnitGroup.Code == q.code {
				out[i].rank = k + 1
				break
			}
		}
		if len(r.Candidates) > 0 {
			out[i].conf = r.Candidates[0].Confidence
		}
	}
	return out
}

type metrics struct {
	n, top1, top5        int
	accepted, acceptedOK int
	langOK               int
}

func (m metrics) pct(k int) float64 { return 100 * float64(k) / float64(max(1, m.n)) }

func measure(qs []evalQuery, outs []outcome, threshold float64, lang Lang) metrics {
	var m metrics
	for i, q := range qs {
		if lang != Auto && q.truth != lang {
			continue
		}
		o := outs[i]
		m.n++
		if o.rank == 1 {
			m.top1++
		}
		if o.rank >= 1 && o.rank <= 5 {
			m.top5++
		}
		if len(o.cand) > 0 && o.conf >= threshold {
			m.accepted++
			if o.rank == 1 {
				m.acceptedOK++
			}
		}
		if o.lang == q.truth {
			m.langOK++
		}
	}
	return m
}

// TestAccuracyReport splits the official example titles (10 % of each unit group × language held
// out, seeded), builds the coder and the trigram baseline on the rest only, and prints top-1 /
// top-5 accuracy per language on the held-out titles as they are and written as in postings, with
// the precision and the acceptance of the default threshold. It fails if the figures regress.
//
//	go test ./matching/noc -run TestAccuracyReport -v
func TestAccuracyReport(t *testing.T) {
	if raceEnabled {
		t.Skip("a measurement, single-threaded: run it without -race")
	}
	start := time.Now()
	ex, err := officialExamples()
	require.NoError(t, err)
	sp := makeSplit(ex)
	trainAll := append(slices.Clone(sp.train), sp.calib...)
	c, err := newCoder(trainAll, learningParams()) // the dictionary too is learned from trainAll only
	require.NoError(t, err)
	base := newTrigramBaseline(trainAll)

	// The held-out titles must not be in the index.
	indexed := map[string]bool{}
	for _, e := range trainAll {
		indexed[e.Code+e.Lang.String()+e.Title] = true
	}
	for _, e := range sp.test {
		require.False(t, indexed[e.Code+e.Lang.String()+e.Title], "held-out title in the index: %v", e)
	}

	asis := asIs(sp.test)
	post := postingStyled(sp.test, variantSeed)
	// Titles a portal sees most are common ones, which are in the index: how they fare, written
	// as in postings.
	common := inIndex(trainAll, 3000, variantSeed+3)
	sets := []struct {
		name string
		qs   []evalQuery
		base []evalQuery // the baseline ignores the language
	}{
		{"held-out, as is", asis, asis},
		{"held-out, posting-style", post, post},
		{"posting-style, language guessed", withLang(post, Auto), post},
		{"titles of the index, posting-style", common, common},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "index: %d example titles; held out: %d (EN %d, FR %d); threshold %.2f\n\n",
		len(trainAll), len(sp.test), count(sp.test, EN), count(sp.test, FR), DefaultThreshold)
	fmt.Fprintf(&b, "| set | lang | n | top-1 | top-5 | baseline top-1 | baseline top-5 | accepted | precision |\n")
	fmt.Fprintf(&b, "|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	results := map[string]metrics{}
	baseOuts := map[*evalQuery]int{}
	var postOuts []outcome
	for _, s := range sets {
		outs := runCoder(c, s.qs)
		if s.name == "held-out, posting-style" {
			postOuts = outs
		}
		if _, done := baseOuts[&s.base[0]]; !done {
			for i := range s.base {
				codes := base.code(s.base[i].title, 5)
				baseOuts[&s.base[i]] = slices.Index(codes, s.base[i].code) + 1
			}
		}
		for _, l := range []Lang{EN, FR, Auto} {
			m := measure(s.qs, outs, DefaultThreshold, l)
			var bm metrics
			for i, q := range s.base {
				if l != Auto && q.truth != l {
					continue
				}
				bm.n++
				switch rank := baseOuts[&s.base[i]]; {
				case rank == 1:
					bm.top1++
					bm.top5++
				case rank > 1:
					bm.top5++
				}
			}
			ln := l.String()
			if l == Auto {
				ln = "all"
			}
			results[s.name+"/"+ln] = m
			results["baseline "+s.name+"/"+ln] = bm
			fmt.Fprintf(&b, "| %s | %s | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% |\n",
				s.name, ln, m.n, m.pct(m.top1), m.pct(m.top5), bm.pct(bm.top1), bm.pct(bm.top5),
				m.pct(m.accepted), 100*float64(m.acceptedOK)/float64(max(1, m.accepted)))
		}
	}
	lg := results["posting-style, language guessed/all"]
	fmt.Fprintf(&b, "\nlanguage guessed right on the posting-style titles: %.1f %%\n", lg.pct(lg.langOK))

	// Reliability of the confidence of the first candidate (posting-style titles).
	fmt.Fprintf(&b, "\n| confidence of the first candidate | titles | mean confidence | right |\n|---|---:|---:|---:|\n")
	bins := []float64{0, 0.3, 0.5, 0.7, DefaultThreshold, 0.95, 1.0001}
	for k := 0; k+1 < len(bins); k++ {
		var n, right int
		var sum float64
		for _, o := range postOuts {
			if len(o.cand) > 0 && o.conf >= bins[k] && o.conf < bins[k+1] {
				n++
				sum += o.conf
				if o.rank == 1 {
					right++
				}
			}
		}
		fmt.Fprintf(&b, "| %.2f – %.2f | %d | %.3f | %.3f |\n", bins[k], min(bins[k+1], 1), n,
			sum/float64(max(n, 1)), float64(right)/float64(max(n, 1)))
	}
	// Other thresholds (posting-style titles, language given).
	fmt.Fprintf(&b, "\n| threshold | accepted | precision of the accepted |\n|---:|---:|---:|\n")
	for _, th := range []float64{0.5, 0.7, 0.8, 0.82, 0.84, DefaultThreshold, 0.9, 0.95} {
		m := measure(post, postOuts, th, Auto)
		fmt.Fprintf(&b, "| %.2f | %.1f %% | %.1f %% |\n", th, m.pct(m.accepted), 100*float64(m.acceptedOK)/float64(max(1, m.accepted)))
	}
	fmt.Fprintf(&b, "\n(report computed in %v)\n", time.Since(start).Round(100*time.Millisecond))
	t.Log("\n" + b.String())
	if path := os.Getenv("NOC_REPORT"); path != "" {
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	}

	// Regression floors: the levels reached when this test was written, less half a point or so.
	// The goals of the issue are top-1 ≥ 80 % as is and ≥ 75 % posting-style (reached: 81.8 %
	// and 81.7 %, French 81.0 % and 80.9 %), top-5 ≥ 95 % (reached: 95.0 % as is and
	// posting-style on this split, English 95.1 %, French 94.8 %; 95.1 % over four splits, see
	// TestAccuracyResplits), precision ≥ 95 % (reached: 95.7 %) while accepting ≥ 60 % (reached:
	// 62.6 %); see docs/PERFORMANCE.md.
	floor := map[string][2]float64{ // top-1, top-5
		"held-out, as is/en":         {82.1, 94.6},
		"held-out, as is/fr":         {80.5, 94.3},
		"held-out, posting-style/en": {82.1, 94.6},
		"held-out, posting-style/fr": {80.4, 94.3},
	}
	for k, f := range floor {
		m := results[k]
		assert.GreaterOrEqual(t, m.pct(m.top1), f[0], "top-1 %s", k)
		assert.GreaterOrEqual(t, m.pct(m.top5), f[1], "top-5 %s", k)
		bm := results["baseline "+k]
		assert.GreaterOrEqual(t, m.pct(m.top1)-bm.pct(bm.top1), 10.0, "top-1 over the baseline, %s", k)
	}
	for _, k := range []string{"held-out, as is/all", "held-out, posting-style/all", "posting-style, language guessed/all"} {
		m := results[k]
		assert.GreaterOrEqual(t, 100*float64(m.acceptedOK)/float64(max(1, m.accepted)), 95.0, "precision %s", k)
		assert.GreaterOrEqual(t, m.pct(m.accepted), 60.5, "acceptance %s", k)
	}
	assert.GreaterOrEqual(t, lg.pct(lg.langOK), 97.5, "language guess")
	ix := results["titles of the index, posting-style/all"]
	assert.GreaterOrEqual(t, ix.pct(ix.top1), 99.0, "top-1 titles of the index")
}

// TestAccuracyResplits repeats the whole measurement on other seeded splits, to show how much the
// figures of TestAccuracyReport owe to its split: on each, the index is built on the training
// titles, both stages and the calibration fitted on the calibration titles as TestFitRanker does,
// then the coder built on training + calibration titles with those weights is measured on the
// held-out titles, as is and posting-style (language given). About 30 s per split.
//
//	NOC_RESPLITS=1 go test ./matching/noc -run TestAccuracyResplits -v
func TestAccuracyResplits(t *testing.T) {
	if os.Getenv("NOC_RESPLITS") == "" {
		t.Skip("set NOC_RESPLITS=1 to measure on other splits (a few minutes)")
	}
	if raceEnabled {
		t.Skip("a measurement, single-threaded: run it without -race")
	}
	ex, err := officialExamples()
	require.NoError(t, err)
	var b strings.Builder
	fmt.Fprintf(&b, "| split seed | n | top-1 | top-5 | accepted | precision |\n|---:|---:|---:|---:|---:|---:|\n")
	var all metrics
	for k := uint64(0); k < 4; k++ {
		seed := splitSeed + k // k = 0: the split of TestAccuracyReport
		sp := makeSplitSeed(ex, seed)
		c, err := newCoder(sp.train, learningParams())
		require.NoError(t, err)
		qs := append(asIs(sp.calib), postingStyled(sp.calib, variantSeed+1)...)
		f := fitModels(c, qs, inIndex(sp.train, len(qs)/2, variantSeed+2))
		p := learningParams()
		p.w = f.w
		c, err = newCoder(append(slices.Clone(sp.train), sp.calib...), p)
		require.NoError(t, err)
		c.w2, c.cal = f.w2, f.cal
		test := append(asIs(sp.test), postingStyled(sp.test, variantSeed)...)
		m := measure(test, runCoder(c, test), DefaultThreshold, Auto)
		fmt.Fprintf(&b, "| %d | %d | %.2f %% | %.2f %% | %.1f %% | %.1f %% |\n", seed, m.n, m.pct(m.top1), m.pct(m.top5),
			m.pct(m.accepted), 100*float64(m.acceptedOK)/float64(max(1, m.accepted)))
		all.n += m.n
		all.top1 += m.top1
		all.top5 += m.top5
		all.accepted += m.accepted
		all.acceptedOK += m.acceptedOK
	}
	fmt.Fprintf(&b, "| all four | %d | %.2f %% | %.2f %% | %.1f %% | %.1f %% |\n", all.n, all.pct(all.top1), all.pct(all.top5),
		all.pct(all.accepted), 100*float64(all.acceptedOK)/float64(max(1, all.accepted)))
	t.Log("\n" + b.String())
}

func count(ex []Example, l Lang) int {
	n := 0
	for _, e := range ex {
		if e.Lang == l {
			n++
		}
	}
	return n
}

// rankSample is the features of the unit groups scored for one title, and the right one.
type rankSample struct {
	truth int32
	ugs   []int32
	feats [][nFeat]float32
}

// collectRankSamples codes the queries with c and records the features of every unit group
// scored.
func collectRankSamples(c *Coder, qs []evalQuery) []rankSample {
	sc := c.newScratch()
	var out []rankSample
	for _, q := range qs {
		var s rankSample
		s.truth = c.tax.ugOrdinal[q.code]
		sc.dump = func(u int32, f *[nFeat]float32) {
			s.ugs = append(s.ugs, u)
			s.feats = append(s.feats, *f)
		}
		r := Result{Lang: q.lang}
		c.rank(sc, q.title, &r)
		out = append(out, s)
	}
	return out
}

// fitRanker fits the weights of a conditional logit model over all unit groups (those not scored
// have only their prior) by Newton's method with a small ridge penalty.
func fitRanker(samples []rankSample, prior []float32, w [nFeat]float64) [nFeat]float64 {
	const n = nFeat
	nUG := len(prior)
	for it := 0; it < 30; it++ {
		var g [n]float64
		var h [n][n]float64
		seen := make([]bool, nUG)
		for _, s := range samples {
			// Scores and probabilities over all unit groups.
			var ex [n]float64 // E[f]
			var exx [n][n]float64
			var z, maxS float64 = 0, math.Inf(-1)
			scores := make([]float64, len(s.ugs))
			for k, f := range s.feats {
				var sc float64
				for i := 0; i < n; i++ {
					sc += w[i] * float64(f[i])
				}
				scores[k] = sc
				maxS = max(maxS, sc)
			}
			for _, u := range s.ugs {
				seen[u] = true
			}
			for u := 0; u < nUG; u++ {
				if !seen[u] {
					maxS = max(maxS, w[fPrior]*float64(prior[u]))
				}
			}
			add := func(f *[n]float64, e float64) {
				z += e
				for i := 0; i < n; i++ {
					if f[i] == 0 {
						continue
					}
					ex[i] += e * f[i]
					for j := 0; j < n; j++ {
						exx[i][j] += e * f[i] * f[j]
					}
				}
			}
			var truthF [n]float64
			found := false
			for k, f := range s.feats {
				var fv [n]float64
				for i := range fv {
					fv[i] = float64(f[i])
				}
				add(&fv, math.Exp(scores[k]-maxS))
				if s.ugs[k] == s.truth {
					truthF, found = fv, true
				}
			}
			for u := 0; u < nUG; u++ {
				if seen[u] {
					seen[u] = false
					continue
				}
				var fv [n]float64
				fv[fPrior] = float64(prior[u])
				add(&fv, math.Exp(w[fPrior]*float64(prior[u])-maxS))
				if int32(u) == s.truth {
					truthF, found = fv, true
				}
			}
			_ = found
			for i := 0; i < n; i++ {
				ex[i] /= z
			}
			for i := 0; i < n; i++ {
				g[i] += truthF[i] - ex[i]
				for j := 0; j < n; j++ {
					h[i][j] += exx[i][j]/z - ex[i]*ex[j]
				}
			}
		}
		const ridge = 1.0
		for i := 0; i < n; i++ {
			g[i] -= ridge * w[i]
			h[i][i] += ridge
		}
		hd := make([][]float64, n)
		for i := range hd {
			hd[i] = h[i][:]
		}
		d := solveDense(hd, g[:])
		step := 0.0
		for i := range w {
			w[i] += d[i]
			step += math.Abs(d[i])
		}
		if step < 1e-6 {
			break
		}
	}
	return w
}

// fitted is what TestFitRanker fits: the weights of both ranking stages and of the confidence
// calibration.
type fitted struct {
	w   [nFeat]float32
	w2  [nFeat2]float32
	cal [2][nCal]float64
}

// fitModels fits, on the queries qs coded with c, the first stage, then the second stage on the
// candidates of the fitted first stage, then the calibration on the candidates of both; c is left
// using them.
func fitModels(c *Coder, heldOut, indexed []evalQuery) fitted {
	qs := append(slices.Clone(heldOut), indexed...)
	var f fitted
	// First stage. Its weights choose the unit groups the translation channel looks at, hence
	// the features it is fitted on: fit again until the weights stay put.
	for round := 0; round < 5; round++ {
		var w0 [nFeat]float64
		for i, v := range c.w {
			w0[i] = float64(v)
		}
		moved := 0.0
		for i, v := range fitRanker(collectRankSamples(c, qs), c.prior, w0) {
			f.w[i] = float32(v)
			moved = max(moved, math.Abs(v-w0[i]))
		}
		c.setWeights(f.w)
		if moved < 1e-3 {
			break
		}
	}
	// Second stage: a conditional logit over the first stage's rerankK candidates.
	sc := c.newScratch()
	var lists []candList
	for _, q := range qs {
		r := Result{Lang: q.lang}
		c.rank(sc, q.title, &r)
		l := candList{truth: -1}
		best := sc.candidatesBest(sc.nTop)
		for i := 0; i < sc.nTop; i++ {
			if c.tax.classes[c.tax.unitGroups[sc.top[i].ug]].Code == q.code {
				l.truth = i
			}
			x := make([]float64, nFeat2)
			for k, v := range sc.rerankFeatures(i, &best) {
				x[k] = float64(v)
			}
			l.x = append(l.x, x)
		}
		lists = append(lists, l)
	}
	w20 := make([]float64, nFeat2)
	for i, v := range f.w {
		w20[i] = float64(v)
	}
	for i, v := range fitConditionalLogit(lists, w20, 1) {
		f.w2[i] = float32(v)
	}
	c.w2 = f.w2
	// Calibration of the confidence: logistic regressions on calibFeatures, one for the first
	// candidates, one for the others, on the held-out titles only (the titles of the index
	// would teach it that few candidates mean a sure answer).
	var zs [2][][nCal]float64
	var ys [2][]float64
	for _, q := range heldOut {
		r := Result{Lang: q.lang}
		n := c.rank(sc, q.title, &r)
		for i := 0; i < n; i++ {
			y := 0.0
			if c.tax.classes[c.tax.unitGroups[sc.rr[i].ug]].Code == q.code {
				y = 1
			}
			k := min(i, 1)
			zs[k] = append(zs[k], calibFeatures(sc, i))
			ys[k] = append(ys[k], y)
		}
	}
	for k := range f.cal {
		f.cal[k] = fitLogistic(zs[k], ys[k])
	}
	c.cal = f.cal
	return f
}

// candList is the second-stage features of the candidates of one title, and which one is right
// (-1: none).
type candList struct {
	x     [][]float64
	truth int
}

// clObjective is the log-likelihood of a conditional logit with weights w, less a ridge penalty.
func clObjective(ls []candList, w []float64, ridge float64) float64 {
	var ll float64
	for _, l := range ls {
		if l.truth < 0 {
			continue
		}
		sc := make([]float64, len(l.x))
		mx := math.Inf(-1)
		for k, x := range l.x {
			for i := range x {
				sc[k] += w[i] * x[i]
			}
			mx = max(mx, sc[k])
		}
		var z float64
		for _, v := range sc {
			z += math.Exp(v - mx)
		}
		ll += sc[l.truth] - mx - math.Log(z)
	}
	for _, v := range w {
		ll -= ridge / 2 * v * v
	}
	return ll
}

// fitConditionalLogit fits a conditional logit over candidate lists by Newton's method with a
// backtracking line search and a ridge penalty, from w0.
func fitConditionalLogit(ls []candList, w0 []float64, ridge float64) []float64 {
	nf := len(w0)
	w := slices.Clone(w0)
	for it := 0; it < 25; it++ {
		g := make([]float64, nf)
		h := make([][]float64, nf)
		for i := range h {
			h[i] = make([]float64, nf)
		}
		ex := make([]float64, nf)
		exx := make([][]float64, nf)
		for i := range exx {
			exx[i] = make([]float64, nf)
		}
		sc := []float64{}
		for _, l := range ls {
			if l.truth < 0 {
				continue
			}
			sc = sc[:0]
			mx := math.Inf(-1)
			for _, x := range l.x {
				var s float64
				for i := range x {
					s += w[i] * x[i]
				}
				sc = append(sc, s)
				mx = max(mx, s)
			}
			clear(ex)
			for i := range exx {
				clear(exx[i])
			}
			var z float64
			for k, x := range l.x {
				e := math.Exp(sc[k] - mx)
				z += e
				for i := range x {
					if x[i] == 0 {
						continue
					}
					ex[i] += e * x[i]
					for j := range x {
						exx[i][j] += e * x[i] * x[j]
					}
				}
			}
			for i := 0; i < nf; i++ {
				ex[i] /= z
				g[i] += l.x[l.truth][i] - ex[i]
			}
			for i := 0; i < nf; i++ {
				for j := 0; j < nf; j++ {
					h[i][j] += exx[i][j]/z - ex[i]*ex[j]
				}
			}
		}
		for i := 0; i < nf; i++ {
			g[i] -= ridge * w[i]
			h[i][i] += ridge
		}
		d := solveDense(h, g)
		cur := clObjective(ls, w, ridge)
		step := 0.0
		for a := 1.0; a > 1e-4; a /= 2 {
			nw := slices.Clone(w)
			for i := range nw {
				nw[i] += a * d[i]
			}
			if clObjective(ls, nw, ridge) >= cur {
				for i := range w {
					step += math.Abs(nw[i] - w[i])
				}
				w = nw
				break
			}
		}
		if step < 1e-6 {
			break
		}
	}
	return w
}

// solveDense solves h·x = g by Gaussian elimination with partial pivoting.
func solveDense(h [][]float64, g []float64) []float64 {
	n := len(g)
	a := make([][]float64, n)
	for i := range a {
		a[i] = append(slices.Clone(h[i]), g[i])
	}
	for col := 0; col < n; col++ {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		if a[col][col] == 0 {
			continue
		}
		for r := 0; r < n; r++ {
			if r != col {
				f := a[r][col] / a[col][col]
				for k := col; k <= n; k++ {
					a[r][k] -= f * a[col][k]
				}
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		if a[i][i] != 0 {
			x[i] = a[i][n] / a[i][i]
		}
	}
	return x
}

// TestFitRanker fits the ranking weights of both stages and the confidence calibration on the
// calibration split (index built on the training split only; the test split is never used) and
// prints them, to paste into coder.go, rerank.go and search.go. Run with NOC_FIT=1.
func TestFitRanker(t *testing.T) {
	if os.Getenv("NOC_FIT") == "" {
		t.Skip("set NOC_FIT=1 to fit the ranking weights and the calibration")
	}
	ex, err := officialExamples()
	require.NoError(t, err)
	sp := makeSplit(ex)
	c, err := newCoder(sp.train, learningParams())
	require.NoError(t, err)
	qs := append(asIs(sp.calib), postingStyled(sp.calib, variantSeed+1)...)
	// Titles of the index too, written as in postings, as many as half the calibration ones:
	// portals code common titles, which are in the index, and a model fitted on unseen titles
	// only learns to distrust exact matches.
	f := fitModels(c, qs, inIndex(sp.train, len(qs)/2, variantSeed+2))
	var b strings.Builder
	b.WriteString("rankWeights: [nFeat]float32{\n\t")
	for i, v := range f.w {
		fmt.Fprintf(&b, "%s: %.4f, ", featNames[i], v)
	}
	b.WriteString("\n}\nrerankWeights: [nFeat2]float32{\n\t")
	for i, v := range f.w2 {
		fmt.Fprintf(&b, "%s: %.4f, ", featNames[i], v)
	}
	b.WriteString("\n}\ncalWeights: [2][nCal]float64{")
	for _, cal := range f.cal {
		b.WriteString("{")
		for _, v := range cal {
			fmt.Fprintf(&b, "%.4f, ", v)
		}
		b.WriteString("}, ")
	}
	b.WriteString("}\n")
	// Precision and acceptance of thresholds on the calibration titles (not those of the index).
	var confs []float64
	var oks []bool
	for _, q := range qs {
		r := c.Code(q.title, q.lang)
		if len(r.Candidates) > 0 {
			confs = append(confs, r.Candidates[0].Confidence)
			oks = append(oks, r.Candidates[0].UnitGroup.Code == q.code)
		}
	}
	for _, th := range []float64{0.3, 0.5, 0.7, 0.75, 0.78, 0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.9, 0.95} {
		acc, ok := 0, 0
		for k, cf := range confs {
			if cf >= th {
				acc++
				if oks[k] {
					ok++
				}
			}
		}
		fmt.Fprintf(&b, "threshold %.2f: accepts %.1f %%, precision %.2f %%\n", th, 100*float64(acc)/float64(len(confs)), 100*float64(ok)/float64(max(acc, 1)))
	}
	t.Log("\n" + b.String())
}

// TestFeatNames checks that every feature of both stages has a name in featNames.
func TestFeatNames(t *testing.T) {
	seen := map[string]bool{}
	for i, n := range featNames {
		assert.NotEmpty(t, n, "feature %d", i)
		assert.False(t, seen[n], "feature %d: %s twice", i, n)
		seen[n] = true
	}
}

// featNames names the features of both stages, for TestFitRanker's output.
var featNames = [nFeat2]string{"fSame", "fSecond", "fBM25Same", "fBM25Other", "fCentSame",
	"fCentOther", "fHead", "fPrior", "fHeadUG", "fHeadUGOther", "fCount", "fExact",
	"fTransRev", "fSameHead", "gSameBest", "gTransRevBest", "gBM25SameBest", "gBM25OtherBest", "gCentSameBest", "gSameSq", "gSameTransRev", "gBM25Both", "gHeadSame",
	"gBestAny", "gRank"}

// fitLogistic fits a logistic regression by Newton's method with a small ridge penalty.
func fitLogistic(xs [][nCal]float64, ys []float64) [nCal]float64 {
	const ridge = 1e-3
	w := make([]float64, nCal)
	for it := 0; it < 50; it++ {
		g := make([]float64, nCal)
		h := make([][]float64, nCal)
		for a := range h {
			h[a] = make([]float64, nCal)
		}
		for i, x := range xs {
			var z float64
			for a := range x {
				z += w[a] * x[a]
			}
			p := 1 / (1 + math.Exp(-z))
			for a := range x {
				g[a] += (ys[i] - p) * x[a]
				for b := range x {
					h[a][b] += p * (1 - p) * x[a] * x[b]
				}
			}
		}
		for a := range w {
			g[a] -= ridge * w[a]
			h[a][a] += ridge
		}
		step := 0.0
		for a, d := range solveDense(h, g) {
			w[a] += d
			step += math.Abs(d)
		}
		if step < 1e-9 {
			break
		}
	}
	return [nCal]float64(w)
}
