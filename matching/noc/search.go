package noc

import (
	"html"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// The coder scores each unit group reached by the title on the features below, combined by a
// conditional logit model (the first stage); a second one re-ranks the best rerankK (rerank.go).
// Both were fitted on example titles held out of the index and on titles of the index (see
// TestFitRanker). The confidence is a logistic regression on the probabilities of both stages and
// a few features (calibFeatures).
const (
	fSame        = iota // best cosine with an example title in the title's language
	fSecond             // second-best cosine in the title's language
	fBM25Same           // BM25 of the unit group's examples in the title's language
	fBM25Other          // BM25 of the translated title on the examples in the other language
	fCentSame           // cosine with the centroid of the unit group's examples, title's language
	fCentOther          // cosine of the translated title with the centroid in the other language
	fHead               // 1 when the best example in the title's language has the same head noun
	fPrior              // log of the number of example titles of the unit group
	fHeadUG             // log(1 + examples in the title's language headed by the title's head noun)
	fHeadUGOther        // the same in the other language, for the translations of the head noun
	fCount              // log(1 + examples in the title's language with a cosine ≥ 0.5)
	fExact              // 1 when an example in the title's language matches (cosine ≥ 0.98)
	fTransRev           // best cosine with a translated example title of the other language
	fSameHead           // best cosine with an example title headed by the title's head noun, title's language
	nFeat
)

// scratch holds the buffers of one lookup; the coder keeps them in a pool.
type scratch struct {
	a     analyzer
	q     []qterm // the query
	t     []qterm // the translated query
	order []int32 // query terms by postings length
	olen  []int32 // their postings lengths
	// acc holds per title the cosine of one channel at a time: with the query, of the query with
	// the translated title.
	acc    []float32
	tQ     []uint32 // titles reached (title<<10 | unit group), per channel
	tR     []uint32
	candS  []scored  // unit groups and their preliminary scores
	ug     []ugState // per unit group
	inCand []bool    // per unit group: among those the translation channel looks at
	sink   float32   // see touchPostings
	best   []scored  // titles (the title's index in ug) and their partial cosines, see complete
	ugList []int32
	dScore []docScore  // per document
	dHit   [2][]uint64 // per language: bit set of the unit groups whose documents were reached
	triCnt []uint8     // per word: trigrams shared with the word being corrected
	triT   []int32
	join   []byte            // two adjacent words written as one, and its stem (see joinWords)
	top    [rerankK]scored   // first-stage candidates, best first
	rr     [rerankK]reranked // the same re-ranked by the second stage, best first
	nTop   int               // first-stage candidates in top
	max2   float32
	sum2   float64 // Σ exp(s2 − max2) over rr
	sumExp float64
	maxS   float32
	known  float64 // share of the title's words found in the vocabulary
	capC   float64 // the confidence cannot exceed it (1, or the spelling corrections' similarity)
	// dump, when set (tests), receives the features of every unit group scored.
	dump func(ug int32, f *[nFeat]float32)
}

// ugState is what a lookup finds out about a unit group, in one place so that a unit group costs
// a cache line or two.
type ugState struct {
	feat  [nFeat]float32
	best  [2]int32 // best example title, same and other language (-1: none)
	bestO float32  // score of best[1]
	score float32
	head  int32 // head noun of best[0] (see bestHeads)
	seen  bool  // reached: the rest is valid
}

// docScore is the similarity of the query with a document (a unit group's examples in a language).
type docScore struct {
	cent float32 // cosine with the centroid
	bm   float32 // BM25
}

type qterm struct {
	tok  int32
	w    float32
	head bool
}

type scored struct {
	ug    int32
	score float32
}

func (c *Coder) newScratch() *scratch {
	nUG := len(c.tax.unitGroups)
	return &scratch{
		acc:    make([]float32, len(c.titles)),
		ug:     make([]ugState, nUG),
		inCand: make([]bool, nUG),
		dHit:   [2][]uint64{make([]uint64, (nUG+63)/64), make([]uint64, (nUG+63)/64)},
		dScore: make([]docScore, nUG*2),
		triCnt: make([]uint8, len(c.vocab)),
	}
}

// guessLang weighs the language evidence of an analysed title: stop words, French diacritics,
// and for each known word the share of English and French example titles that contain it.
func (c *Coder) guessLang(a *analyzer) Lang {
	score := 1.5 * float64(a.frStop-a.enStop)
	if a.accents > 0 {
		score += 1.5
	}
	for i := range a.words {
		w := &a.words[i]
		if w.kind != kContent {
			continue // places, arrangements… are often in the other language ("Welder - Temps plein")
		}
		id, ok := c.vocab[string(a.stemWord(w))]
		if !ok {
			// An unknown word: its ending, when the examples have it ("…smith", "…onaut").
			if id, ok = c.suffixTerm(a.stemWord(w)); !ok {
				continue
			}
		}
		r := math.Log(float64(c.tokFR[id]+1) / float64(c.tokEN[id]+1))
		score += max(-2, min(2, r))
	}
	if score < 0 {
		return EN
	}
	return FR // ties included: French is the board's mandatory language
}

// suffixTerm returns the suffix term of a stem (see makeTerms), if the examples have it and it is
// in use.
func (c *Coder) suffixTerm(stem []byte) (int32, bool) {
	n := c.p.suffixLen
	if n > maxSuffixLen || !hasSuffixTerm(stem, n) {
		return -1, false
	}
	var buf [1 + maxSuffixLen]byte
	id, ok := c.vocab[string(appendSuffixKey(buf[:0], stem, n))]
	return id, ok && c.td[id].kind == termSuffix
}

// split returns the two known words an unknown stem is made of ("healthcar" of "healthcare":
// "health" and "car", the stem of "care"), when some example title has them side by side
// ("Health care aide") — so that "Wordpress" is not read as "word" and "press" —, the most even
// split when there are several.
func (c *Coder) split(sc *scratch, stem []byte) (left, right int32, ok bool) {
	best := 0
	for k := minCompoundPart; k <= len(stem)-minCompoundPart; k++ {
		even := min(k, len(stem)-k)
		if even <= best {
			continue
		}
		sc.join = appendPairKey(sc.join[:0], stem[:k], stem[k:])
		if p, found := c.vocab[string(sc.join)]; !found || c.td[p].kind != termPair {
			continue
		}
		l, okL := c.vocab[string(stem[:k])]
		r, okR := c.vocab[string(stem[k:])]
		if okL && okR && c.td[l].kind == termWord && c.td[r].kind == termWord {
			left, right, ok, best = l, r, true, even
		}
	}
	return left, right, ok
}

// joinWords adds to the query the known words that two adjacent words of the title make when
// written as one ("Day care worker": "daycare"; "Fire fighter": "firefighter"), and returns the
// head noun, which is the joined word when it holds the head.
func (c *Coder) joinWords(sc *scratch, a *analyzer, qhead int32) int32 {
	prev := -1
	for i := range a.words {
		w := &a.words[i]
		if w.drop {
			continue
		}
		if prev >= 0 && a.words[prev].seg == w.seg && !w.afterSlash {
			x, y := a.rawWord(&a.words[prev]), a.rawWord(w)
			sc.join = append(append(sc.join[:0], x...), y...)
			n := len(sc.join)
			sc.join = appendStem(sc.join, sc.join[:n])
			if id, ok := c.vocab[string(sc.join[n:])]; ok && c.td[id].kind == termWord {
				sc.q = addTerm(sc.q, id, c.termWeight(id, w.head), w.head)
				if w.head {
					qhead = id
				}
			}
		}
		prev = i
	}
	return qhead
}

// correct finds the known word closest to an unknown one by trigram Dice similarity; it returns
// -1 when none reaches the minimum.
func (c *Coder) correct(sc *scratch, s []byte) (int32, float32) {
	if len(s) < 4 || len(s) > 30 {
		return -1, 0
	}
	nq := 0
	forTrigrams(s, func(g uint32) {
		nq++
		tid, ok := c.tri[g]
		if !ok {
			return
		}
		for _, t := range c.triTok[c.triOff[tid]:c.triOff[tid+1]] {
			if sc.triCnt[t] == 0 {
				sc.triT = append(sc.triT, t)
			}
			if sc.triCnt[t] < 255 {
				sc.triCnt[t]++
			}
		}
	})
	best, bestSim := int32(-1), float32(0)
	for _, t := range sc.triT {
		sim := 2 * float32(sc.triCnt[t]) / float32(nq+int(c.triN[t]))
		if sim > bestSim || sim == bestSim && t < best {
			best, bestSim = t, sim
		}
		sc.triCnt[t] = 0
	}
	sc.triT = sc.triT[:0]
	if bestSim < c.p.fuzzyMin {
		return -1, 0
	}
	return best, bestSim
}

// Code returns the unit groups that best match a job title, best first, with a calibrated
// confidence and the example title that supports each. lang is the language of the title, or
// [Auto] (any value but [EN] and [FR]) to let the coder guess it. Code accepts any string (it
// reads at most 400 bytes, cut from the first 1,600 before entities are decoded), decodes HTML entities ("R&amp;D", "Ing&eacute;nieur"), and
// allocates nothing but the returned candidates (and the decoded title, when there are entities).
func (c *Coder) Code(title string, lang Lang) Result {
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	r := Result{Lang: lang}
	n := c.rank(sc, title, &r)
	if n == 0 {
		return r
	}
	r.Candidates = make([]Candidate, n)
	c.fill(sc, r.Candidates, r.Lang)
	return r
}

// CodeAll codes many titles — an import feed — on all the processors (runtime.GOMAXPROCS):
// results[i] is what Code(titles[i], lang) returns.
func (c *Coder) CodeAll(titles []string, lang Lang) []Result {
	results := make([]Result, len(titles))
	workers := min(runtime.GOMAXPROCS(0), len(titles))
	if workers <= 1 {
		for i, t := range titles {
			results[i] = c.Code(t, lang)
		}
		return results
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				// Chunks of titles: a counter shared per title would be contended.
				start := int(next.Add(codeAllChunk)) - codeAllChunk
				if start >= len(titles) {
					return
				}
				for i := start; i < min(start+codeAllChunk, len(titles)); i++ {
					results[i] = c.Code(titles[i], lang)
				}
			}
		})
	}
	wg.Wait()
	return results
}

// codeAllChunk is the number of titles a CodeAll worker takes at a time.
const codeAllChunk = 64

func addTerm(q []qterm, tok int32, w float32, head bool) []qterm {
	for j := range q {
		if q[j].tok == tok {
			q[j].w = max(q[j].w, w)
			q[j].head = q[j].head || head
			return q
		}
	}
	return append(q, qterm{tok: tok, w: w, head: head})
}

func invNorm(q []qterm) float32 {
	var n float32
	for _, x := range q {
		n += x.w * x.w
	}
	if n == 0 {
		return 0
	}
	return 1 / float32(math.Sqrt(float64(n)))
}

// half returns the postings of tok for the titles of one language (0: English, 1: French).
func (ix *index) half(tok, lang int32) []tposting {
	if lang == 0 {
		return ix.post[ix.rng(tok).post[0]:ix.rng(tok).post[1]]
	}
	return ix.post[ix.rng(tok).post[1]:ix.rng(tok + 1).post[0]]
}

// groups returns the unit-group groups of tok for the titles of one language, and where the
// postings of the last group end.
func (ix *index) groups(tok, lang int32) ([]group, int32) {
	r, next := ix.rng(tok), ix.rng(tok+1)
	if lang == 0 {
		return ix.grp[r.grp[0]:r.grp[1]], r.post[1]
	}
	return ix.grp[r.grp[1]:next.grp[0]], next.post[0]
}

// orderTerms leaves in sc.order the indexes of the terms of q by postings length in ix (insertion
// sort: a few terms).
func (c *Coder) orderTerms(sc *scratch, ix *index, q []qterm, lang int32) {
	sc.order = sc.order[:0]
	sc.olen = sc.olen[:0]
	for i := range q {
		n := int32(len(ix.half(q[i].tok, lang)))
		k := len(sc.order)
		sc.order = append(sc.order, int32(i))
		sc.olen = append(sc.olen, n)
		for k > 0 && sc.olen[k-1] > n {
			sc.order[k], sc.olen[k] = sc.order[k-1], sc.olen[k-1]
			k--
		}
		sc.order[k], sc.olen[k] = int32(i), n
	}
}

// accumulate adds the cosine contributions of the query terms to the titles of one language.
// The terms are taken from the shortest postings list up; a list longer than longPost is skipped
// once some titles are reached: a title that shares nothing but a frequent word with the query is
// not worth visiting.
func (c *Coder) accumulate(sc *scratch, ix *index, q []qterm, inv float32, lang int32, acc []float32, touched []uint32, longPost int) []uint32 {
	c.orderTerms(sc, ix, q, lang)
	for k, i := range sc.order {
		if int(sc.olen[k]) > longPost && len(touched) > 0 {
			if c.p.completeCap > 0 {
				c.complete(sc, ix, q, sc.order[k:], inv, lang, acc, touched)
			}
			break // the others are longer still
		}
		touched = addPostings(touched, ix.half(q[i].tok, lang), q[i].w*inv, acc)
	}
	return touched
}

// complete adds the contributions of the skipped terms (indexes in q) to the titles reached that
// score best so far (params.completeCap), so that their cosines are exact: the frequent words a
// title shares with the query do not find it, but they count once it is found ("Administrative
// assistant" is then the same as the unit group's title "Administrative assistants", not merely
// close to it). The titles are taken in order; a term's postings are in the same order, grouped
// by unit group: the walk goes through the term's list of unit groups once, and looks for each
// title among the few postings of its unit group.
func (c *Coder) complete(sc *scratch, ix *index, q []qterm, skipped []int32, inv float32, lang int32, acc []float32, touched []uint32) {
	// The best titles (title index in ug), by insertion: most titles fall below the last one.
	best := sc.best[:0]
	for _, key := range touched {
		d := int32(key >> ugBits)
		x := scored{ug: d, score: acc[d]}
		n := len(best)
		if n == c.p.completeCap {
			if !before(x, best[n-1]) {
				continue
			}
			n--
		} else {
			best = append(best, x)
		}
		for ; n > 0 && before(x, best[n-1]); n-- {
			best[n] = best[n-1]
		}
		best[n] = x
	}
	// In title order (insertion sort: a few titles).
	for i := 1; i < len(best); i++ {
		x := best[i]
		j := i
		for ; j > 0 && best[j-1].ug > x.ug; j-- {
			best[j] = best[j-1]
		}
		best[j] = x
	}
	for _, i := range skipped {
		w := q[i].w * inv
		gs, end := ix.groups(q[i].tok, lang)
		g := 0
		for _, b := range best {
			d, u := uint32(b.ug), c.titleUG[b.ug]
			for g < len(gs) && gs[g].ug < u {
				g++
			}
			if g == len(gs) {
				break
			}
			if gs[g].ug != u {
				continue
			}
			stop := end
			if g+1 < len(gs) {
				stop = gs[g+1].off
			}
			for _, p := range ix.post[gs[g].off:stop] {
				if t := p.key >> ugBits; t >= d {
					if t == d {
						acc[d] += w * p.w
					}
					break
				}
			}
		}
	}
	sc.best = best
}

// accumulateIn is accumulate restricted to the unit groups u with in[u]: it walks the term's list
// of unit groups (short, sequential) and reads only the postings of those unit groups.
func (c *Coder) accumulateIn(sc *scratch, ix *index, q []qterm, inv float32, lang int32, acc []float32, touched []uint32, in []bool) []uint32 {
	c.orderTerms(sc, ix, q, lang)
	for k, i := range sc.order {
		if int(sc.olen[k]) > c.p.longPostX && len(touched) > 0 {
			break // the others are longer still
		}
		qt := q[i]
		w := qt.w * inv
		gs, end := ix.groups(qt.tok, lang)
		if len(gs) > c.p.maxGroups && len(touched) > 0 {
			continue
		}
		for g := range gs {
			if !in[gs[g].ug] {
				continue
			}
			stop := end
			if g+1 < len(gs) {
				stop = gs[g+1].off
			}
			touched = addPostings(touched, ix.post[gs[g].off:stop], w, acc)
		}
	}
	return touched
}

// touchPostings reads the first entry of every postings list the lookup may walk: the query's
// titles and documents, the translated query's documents. The reads are independent of
// each other, so the processor has them all in flight at once; done in the walks themselves, each
// would wait for the previous list to be summed first. It changes no result.
func (c *Coder) touchPostings(sc *scratch, lang int32) {
	var sink float32
	for _, q := range sc.q {
		if ps := c.title.half(q.tok, lang); len(ps) > 0 {
			sink += ps[0].w
		}
		if ps := c.docs(q.tok, lang); len(ps) > 0 {
			sink += ps[0].cent
		}
	}
	for _, q := range sc.t {
		if ps := c.docs(q.tok, 1-lang); len(ps) > 0 {
			sink += ps[0].cent
		}
	}
	sc.sink = sink
}

// addPostings adds w times the postings ps to acc and appends to touched the keys of the titles
// reached for the first time. It does so without a branch on acc, whose reads often miss the
// cache: each key is written past the end of touched, which grows when the title is new.
func addPostings(touched []uint32, ps []tposting, w float32, acc []float32) []uint32 {
	n := len(touched)
	touched = slices.Grow(touched, len(ps))[:n+len(ps)]
	for _, p := range ps {
		d := p.key >> ugBits
		touched[n] = p.key
		if acc[d] == 0 {
			n++
		}
		acc[d] += w * p.w
	}
	return touched[:n]
}

// reach returns the features of unit group u, zeroed when u is reached for the first time.
func (sc *scratch) reach(u int32) *[nFeat]float32 {
	g := &sc.ug[u]
	if !g.seen {
		sc.ugList = append(sc.ugList, u)
		*g = ugState{best: [2]int32{-1, -1}, seen: true}
	}
	return &g.feat
}

// bestHeads records the head noun of the best example of each unit group reached. The
// reads, scattered over the titles, are independent of each other, and nothing in the loop
// waits on them: the processor can have many of them in flight.
func (c *Coder) bestHeads(sc *scratch) {
	for _, u := range sc.ugList {
		if b := sc.ug[u].best[0]; b >= 0 {
			sc.ug[u].head = c.titleHead[b]
		}
	}
}

// log1pCounts holds log(1+n) for the small counts.
var log1pCounts = func() (t [64]float32) {
	for n := range t {
		t[n] = float32(math.Log1p(float64(n)))
	}
	return t
}()

// log1pCount returns log(1+n) for a count n (a whole number).
func log1pCount(n float32) float32 {
	if n < float32(len(log1pCounts)) {
		return log1pCounts[int(n)]
	}
	return float32(math.Log1p(float64(n)))
}

// rank analyses the title and leaves its best unit groups in sc.rr; it returns the number of
// candidates to report.
func (c *Coder) rank(sc *scratch, title string, r *Result) int {
	sc.nTop = 0
	if len(title) > maxTitleInputBytes {
		// Cut before any work: only the first maxTitleBytes are read once decoded.
		title = title[:maxTitleInputBytes]
	}
	if strings.IndexByte(title, '&') >= 0 {
		// Titles from feeds often carry HTML entities ("R&amp;D", "Ing&eacute;nieur"); decoding
		// them costs an allocation, for these titles only.
		title = html.UnescapeString(title)
	}
	a := &sc.a
	a.reset()
	a.foldText(title)
	a.tokenize()
	if r.Lang != EN && r.Lang != FR {
		r.Lang = c.guessLang(a)
		r.Guessed = true
	}
	a.finish(r.Lang)
	lang := int32(r.Lang - EN)
	other := 1 - lang
	nUG := int32(len(c.tax.unitGroups))

	// The query: its terms, with spelling corrections for the unknown words.
	sc.q = sc.q[:0]
	qhead := int32(-1)
	a.makeTerms(c.p.rootLen, c.p.suffixLen, c.p.pair > 0)
	nWords, nKnown, nCorrected := 0, 0, 0
	lastKnown := false
	var missing float32
	minF := float32(1)
	for i := range a.terms {
		tm := &a.terms[i]
		f := float32(1)
		if tm.kind == termSuffix && (lastKnown || tm.noFuzzy) {
			// The suffix of an unknown word stands in for it; known words need none, nor
			// unknown words in qualifiers (company names: "Cleaner - Bluewater Health").
			continue
		}
		id, ok := c.vocab[string(a.termKey(tm))]
		switch {
		case tm.kind == termWord:
			nWords++
			lastKnown = ok
			if ok {
				nKnown++
			}
		case tm.kind == termSuffix && (!ok || c.td[id].kind != termSuffix):
			continue // unknown, or too common to tell anything ("…ateur")
		}
		if !ok {
			if tm.noFuzzy || tm.kind != termWord {
				continue
			}
			if l, r, found := c.split(sc, a.termKey(tm)); found {
				// A compound of two known words ("Healthcare", "Frontend"): the words.
				lastKnown = true
				nKnown++
				sc.q = addTerm(sc.q, l, c.termWeight(l, false), false)
				sc.q = addTerm(sc.q, r, c.termWeight(r, tm.head), tm.head)
				if tm.head {
					qhead = r
				}
				continue
			}
			if id, f = c.correct(sc, a.termKey(tm)); id < 0 {
				continue
			}
		}
		if tm.head && tm.kind == termWord {
			qhead = id
		}
		w := c.termWeight(id, tm.head)
		if f < 1 {
			nCorrected++
			minF = min(minF, f)
			// A corrected word weighs f of itself in the similarities, but its full weight in
			// the norm: a title made of a corrected word is not a perfect match.
			missing += w*w - w*w*f*f
		}
		sc.q = addTerm(sc.q, id, w*f, tm.head)
	}
	qhead = c.joinWords(sc, a, qhead)
	if len(sc.q) == 0 {
		return 0
	}
	sc.known = 0
	if nWords > 0 {
		sc.known = float64(nKnown) / float64(nWords)
	}
	// A title coded through spelling corrections alone is not sure: its confidence is at most
	// the corrections' similarity.
	sc.capC = 1
	if a.onlyNoise {
		// "Level 2", "With experience", "Summer student": no word says what the job is.
		sc.capC = onlyNoiseCap
	}
	if nKnown == 0 && nCorrected > 0 {
		sc.capC = min(sc.capC, float64(minF))
	}
	inv := invNorm(sc.q)
	if missing > 0 {
		inv = 1 / float32(math.Sqrt(float64(1/(inv*inv)+missing)))
	}
	// The translated query.
	sc.t = sc.t[:0]
	for _, q := range sc.q {
		if c.td[q.tok].kind == termWord {
			sc.t = c.translate(sc.t, q.tok, q.w, q.head, int(lang))
		}
	}
	tinv := invNorm(sc.t)
	c.touchPostings(sc, lang)

	// Example titles of the title's language.
	sc.tQ = c.accumulate(sc, &c.title, sc.q, inv, lang, sc.acc, sc.tQ[:0], c.p.longPost)
	for _, key := range sc.tQ {
		d, u := int32(key>>ugBits), int32(key&ugMask)
		s := sc.acc[d]
		sc.acc[d] = 0
		f := sc.reach(u)
		if s >= 0.5 {
			f[fCount]++
		}
		if qhead >= 0 && s > f[fSameHead] && c.titleHead[d] == qhead {
			f[fSameHead] = s
		}
		switch {
		case s > f[fSame] || s == f[fSame] && d < sc.ug[u].best[0]:
			f[fSecond] = f[fSame]
			f[fSame] = s
			sc.ug[u].best[0] = d
		case s > f[fSecond]:
			f[fSecond] = s
		}
	}

	// Unit groups as wholes: centroids and BM25 (the query on its language's documents, the
	// translated query on the other language's).
	var bmNorm [2]float32
	for ch, qs := range [2][]qterm{sc.q, sc.t} {
		l, in := lang, inv
		if ch == 1 {
			l, in = other, tinv
		}
		for _, q := range qs {
			w := q.w * in
			bw := q.w / c.td[q.tok].idf
			// Every query term counts in the norm, suffix terms too, though unit groups as
			// wholes have none: an unknown word whose ending is known weighs on the BM25 and
			// centroid scores as an unknown word that got a spelling correction does.
			bmNorm[ch] += bw * c.bmMax(q.tok)
			ps := c.docs(q.tok, l)
			if len(ps) > c.p.maxDocs {
				continue
			}
			hit := sc.dHit[l]
			for _, p := range ps {
				ds := &sc.dScore[p.doc]
				ds.cent += w * p.cent
				ds.bm += bw * p.bm
				u := p.doc - l*nUG
				hit[u/64] |= 1 << (u % 64)
			}
		}
	}
	// A unit group reached through its examples as a whole only is kept when its BM25 in either
	// language reaches minBM; its features come from both languages.
	var invS, invO float32 // 0 when the channel has no term (the translated query can be empty)
	if bmNorm[0] > 0 {
		invS = 1 / bmNorm[0]
	}
	if bmNorm[1] > 0 {
		invO = 1 / bmNorm[1]
	}
	dsS, dsO := sc.dScore[lang*nUG:(lang+1)*nUG], sc.dScore[other*nUG:(other+1)*nUG]
	hitS, hitO := sc.dHit[lang], sc.dHit[other]
	for i := range hitS { // the unit groups reached, in order
		set := hitS[i] | hitO[i]
		hitS[i], hitO[i] = 0, 0
		for ; set != 0; set &= set - 1 {
			u := i*64 + bits.TrailingZeros64(set)
			s, o := dsS[u], dsO[u]
			dsS[u], dsO[u] = docScore{}, docScore{}
			bmS, bmO := s.bm*invS, o.bm*invO
			if bmS == 0 && bmO == 0 || bmS < c.p.minBM && bmO < c.p.minBM && !sc.ug[u].seen {
				continue
			}
			f := sc.reach(int32(u))
			f[fCentSame], f[fBM25Same] = s.cent, bmS
			f[fCentOther], f[fBM25Other] = o.cent, bmO
		}
	}

	// Unit groups whose examples are headed by the head noun (or a translation of it).
	if qhead >= 0 {
		for _, p := range c.heads(qhead) {
			if p.doc/nUG == lang && sc.ug[p.doc%nUG].seen {
				sc.ug[p.doc%nUG].feat[fHeadUG] = p.w
			}
		}
		for _, x := range c.translations(qhead, int(lang)) {
			for _, p := range c.heads(x.doc) {
				if u := p.doc % nUG; p.doc/nUG == other && sc.ug[u].seen {
					sc.ug[u].feat[fHeadUGOther] = max(sc.ug[u].feat[fHeadUGOther], p.w*x.w)
				}
			}
		}
	}

	// Features complete so far, and the preliminary score.
	if qhead >= 0 {
		c.bestHeads(sc)
	}
	w := &c.w
	sc.candS = sc.candS[:0]
	best := float32(math.Inf(-1))
	for _, u := range sc.ugList {
		f := &sc.ug[u].feat
		if b := sc.ug[u].best[0]; b >= 0 && qhead >= 0 && sc.ug[u].head == qhead {
			f[fHead] = 1
		}
		f[fPrior] = c.prior[u]
		f[fCount] = log1pCount(f[fCount])
		if f[fSame] >= 0.98 {
			f[fExact] = 1
		}
		var s float32
		for i := range f {
			s += w[i] * f[i]
		}
		sc.ug[u].score = s
		best = max(best, s)
		sc.candS = append(sc.candS, scored{u, s})
	}

	// The translation channel compares the query with the example titles of the other language,
	// translated, of the unit groups that score best so far only (at most cands, within candDelta
	// of the best): a unit group further behind rarely makes up the difference. (The translated
	// query on the other language's titles, a second channel, added nothing once the re-ranking
	// stage was there, and cost a fifth of a lookup.)
	cs := sc.candS[:0]
	for _, x := range sc.candS {
		if x.score >= best-c.p.candDelta {
			cs = append(cs, x)
		}
	}
	if c.p.cands < len(cs) {
		selectTop(cs, c.p.cands)
		cs = cs[:c.p.cands]
	}
	for _, x := range cs {
		sc.inCand[x.ug] = true
	}
	sc.tR = c.accumulateIn(sc, &c.trans, sc.q, inv, other, sc.acc, sc.tR[:0], sc.inCand)
	for _, x := range cs {
		sc.inCand[x.ug] = false
	}
	for _, key := range sc.tR {
		d, u := int32(key>>ugBits), int32(key&ugMask)
		s := sc.acc[d]
		sc.acc[d] = 0
		f := sc.reach(u)
		f[fTransRev] = max(f[fTransRev], s)
		if s > sc.ug[u].bestO {
			sc.ug[u].bestO, sc.ug[u].best[1] = s, d
		}
	}

	// Score the unit groups; keep the best.
	n := 0
	sc.maxS = float32(math.Inf(-1))
	for _, u := range sc.ugList {
		f := &sc.ug[u].feat
		// The translation feature is new since the preliminary score.
		s := sc.ug[u].score + w[fTransRev]*f[fTransRev]
		if sc.dump != nil {
			sc.dump(u, f)
		}
		sc.ug[u].score = s
		sc.maxS = max(sc.maxS, s)
		if n < len(sc.top) {
			n++
		} else if s < sc.top[n-1].score || s == sc.top[n-1].score && u > sc.top[n-1].ug {
			continue
		}
		i := n - 1
		for ; i > 0 && (s > sc.top[i-1].score || s == sc.top[i-1].score && u < sc.top[i-1].ug); i-- {
			sc.top[i] = sc.top[i-1]
		}
		sc.top[i] = scored{ug: u, score: s}
	}
	// Softmax denominator over every unit group; those not reached have only their prior.
	untouched := c.priorExp
	for _, u := range sc.ugList {
		untouched -= c.expPrior[u]
	}
	sc.sumExp = max(0, untouched) * math.Exp(float64(-sc.maxS))
	for _, u := range sc.ugList {
		sc.ug[u].seen = false
		if d := sc.ug[u].score - sc.maxS; d > -25 { // exp(-25) ≈ 1e-11: negligible
			sc.sumExp += float64(expNeg(d))
		}
	}
	sc.ugList = sc.ugList[:0]
	return c.rerank(sc, n)
}

// fill writes the candidates of sc.rr into dst.
func (c *Coder) fill(sc *scratch, dst []Candidate, lang Lang) {
	for i := range dst {
		t := sc.rr[i]
		ti := sc.ug[t.ug].best[0]
		if ti < 0 {
			ti = sc.ug[t.ug].best[1]
		}
		z := calibFeatures(sc, i)
		var s float64
		for k := range z {
			s += c.cal[min(i, 1)][k] * z[k]
		}
		cd := Candidate{
			UnitGroup:  c.tax.classes[c.tax.unitGroups[t.ug]],
			Confidence: min(1/(1+math.Exp(-s)), sc.capC),
			Score:      float64(t.s2),
		}
		if ti >= 0 {
			cd.Example, cd.ExampleLang = c.titles[ti].text, c.titles[ti].lang
		} else { // reached through its examples as a whole only: its own title
			cd.Example, cd.ExampleLang = cd.UnitGroup.Title(lang), lang
		}
		if i > 0 { // confidences follow the ranking
			cd.Confidence = min(cd.Confidence, dst[i-1].Confidence)
		}
		dst[i] = cd
	}
	// The candidates exclude each other: their confidences add up to 1 at most.
	var sum float64
	for i := 1; i < len(dst); i++ {
		sum += dst[i].Confidence
	}
	if rest := 1 - dst[0].Confidence; sum > rest && sum > 0 {
		for i := 1; i < len(dst); i++ {
			dst[i].Confidence *= rest / sum
		}
	}
}

// nCal is the number of calibration features.
const nCal = 13

// calibFeatures returns the features from which the confidence of the i-th candidate is
// computed: the log-odds of the first stage's probability (over every unit group) and of the
// second stage's (over the candidates it re-ranks), the candidate's best similarities, whether it
// is first, the share of the title's words the coder knows, and how many candidates there were.
func calibFeatures(sc *scratch, i int) [nCal]float64 {
	t := sc.rr[i]
	logit := func(p float64) float64 {
		p = min(max(p, 1e-4), 1-1e-4) // a sure model is sure enough: |logit| ≤ 9.2
		return math.Log(p / (1 - p))
	}
	p1 := float64(expNeg(max(t.s1-sc.maxS, -24))) / sc.sumExp
	p2 := float64(expNeg(max(t.s2-sc.max2, -24))) / sc.sum2
	f := &sc.ug[t.ug].feat
	first := 0.0
	if i == 0 {
		first = 1
	}
	// The second stage's probability is over the candidates it re-ranks: over fewer than
	// rerankK, it is larger for the same evidence, and a title that reaches few unit groups has
	// few known words.
	var n1, n4, n15 float64
	switch {
	case sc.nTop == 1:
		n1 = 1
	case sc.nTop <= 4:
		n4 = 1
	case sc.nTop < rerankK:
		n15 = 1
	}
	few := n1 + n4 + n15
	return [nCal]float64{1, logit(p1), float64(f[fSame]), float64(f[fExact]),
		float64(f[fTransRev]), first, sc.known, logit(p2), n1, n4, n15, few * logit(p1), few * logit(p2)}
}

// calWeights returns the weights of the confidence calibration (a logistic regression on
// calibFeatures), fitted by TestFitRanker.
func calWeights() [2][nCal]float64 {
	return [2][nCal]float64{
		{-0.6421, 0.0431, -0.5485, -3.5329, 0.4089, -0.6421, 1.3198, 1.0472, -2.3930, -0.2300, 0.2223, 0.2751, -0.6509},
		{0.2584, -0.1270, 0.1841, -6.2304, -0.2681, 0.0000, -0.1395, 1.2051, 0.0000, 0.2634, -0.5663, 0.3731, -0.6852},
	}
}

// before orders scored unit groups: higher score first, then lower ordinal.
func before(a, b scored) bool {
	return a.score > b.score || a.score == b.score && a.ug < b.ug
}

// selectTop moves the k best elements of s to s[:k] (in no particular order): quickselect.
func selectTop(s []scored, k int) {
	lo, hi := 0, len(s)-1
	for lo < hi {
		// Median of three as pivot.
		mid := lo + (hi-lo)/2
		if before(s[mid], s[lo]) {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if before(s[hi], s[lo]) {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if before(s[hi], s[mid]) {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for before(s[i], pivot) {
				i++
			}
			for before(pivot, s[j]) {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// expNeg returns e^x for -25 < x ≤ 0 within a relative error of 1e-5, faster than math.Exp.
func expNeg(x float32) float32 {
	// e^x = 2^(x·log2 e) = 2^i · 2^f with i integer, f ∈ [0, 1).
	y := x * 1.4426950408889634
	i := int32(y)
	if float32(i) > y {
		i--
	}
	f := y - float32(i)
	// 2^f on [0, 1): degree-6 minimax-style polynomial (Horner).
	p := float32(1.535336188319500e-4)
	p = p*f + 1.339887440266574e-3
	p = p*f + 9.618437357674640e-3
	p = p*f + 5.550332471162809e-2
	p = p*f + 2.402264791363012e-1
	p = p*f + 6.931472028550421e-1
	p = p*f + 1.0
	return math.Float32frombits(math.Float32bits(p) + uint32(i)<<23)
}
