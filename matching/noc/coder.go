package noc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Coder assigns NOC 2021 unit groups to job titles. Build one with [Default] or [NewCoder] (the
// zero Coder is not usable); it is immutable once built and safe for concurrent use.
type Coder struct {
	tax *taxonomy
	p   params

	vocab map[string]int32 // term key → term id
	td    []termData       // per term, and a last entry that ends the ranges
	tokEN []int32          // per term: English example titles holding it (language guess)
	tokFR []int32          // per term: French example titles holding it

	titles    []titleInfo // English titles first, then French; by unit group within each language
	titleUG   []uint16    // per title: its unit group (compact copy)
	titleHead []int32     // per title: its head noun, -1 if none (compact copy)

	// Example titles as normalised vectors: postings by term (the English titles, then the
	// French ones).
	title index
	// Example titles translated into the other language, likewise.
	trans index

	// Unit groups × languages as documents (doc = lang·nUG + ug): centroid weight and BM25
	// weight of each term; postings by term, English documents then French ones.
	doc  []docPosting
	head []posting // by term: documents whose examples it heads (w = log(1+count))

	learned [2][][]translation // the dictionary, when learned from the examples (params.learn)

	x []posting // translations of the words: doc = term in the other language, w = probability

	tri    map[uint32]int32 // spelling correction: trigram → id
	triTok []int32          // words by trigram
	triOff []int32
	triN   []uint8 // trigrams per word

	w        [nFeat]float32   // ranking weights
	w2       [nFeat2]float32  // second-stage ranking weights
	cal      [2][nCal]float64 // confidence calibration weights: first candidate, the others
	prior    []float32        // per unit group: log(1 + example titles)
	priorExp float64          // Σ exp(w[fPrior]·prior)
	expPrior []float64        // per unit group: exp(w[fPrior]·prior)

	pool sync.Pool
}

// termData gathers what a lookup reads about a term in one cache line (64 bytes), instead of one
// line per array. Each range of postings ends where the next one starts: the French range of a
// term where the next term's English range starts.
type termData struct {
	idf    float32
	rootOf int32        // a word's root term, -1 if none
	doc    [2]int32     // start of its document postings in Coder.doc: English, French documents
	x      [2]int32     // start of its translations in Coder.x: from English, from French
	head   int32        // start of its postings in Coder.head
	kind   uint8        // termWord, termRoot, termPair, termSuffix or termUnused
	rng    [2]termRange // its postings in Coder.title and Coder.trans
}

// docs returns the document postings of tok in one language (0: English, 1: French).
func (c *Coder) docs(tok, lang int32) []docPosting {
	t := &c.td[tok]
	if lang == 0 {
		return c.doc[t.doc[0]:t.doc[1]]
	}
	return c.doc[t.doc[1]:c.td[tok+1].doc[0]]
}

// heads returns the documents whose examples tok heads.
func (c *Coder) heads(tok int32) []posting {
	return c.head[c.td[tok].head:c.td[tok+1].head]
}

// translations returns the translations of word tok of language lang (0: English, 1: French).
func (c *Coder) translations(tok int32, lang int) []posting {
	t := &c.td[tok]
	if lang == 0 {
		return c.x[t.x[0]:t.x[1]]
	}
	return c.x[t.x[1]:c.td[tok+1].x[0]]
}

type titleInfo struct {
	text string
	head int32 // head-noun word, -1 if none
	ug   uint16
	lang Lang
}

type posting struct {
	doc int32
	w   float32
}

// group locates the postings of a unit group within a term's postings list.
type group struct {
	off int32 // index in index.post
	ug  uint16
}

type docPosting struct {
	doc      int32
	cent, bm float32
}

// tposting is a title posting: key = title<<10 | unit group, and the weight.
type tposting struct {
	key uint32
	w   float32
}

const (
	ugBits   = 10 // unit-group ordinals < 1024
	ugMask   = 1<<ugBits - 1
	maxTitle = 1<<(32-ugBits) - 1
)

// index is a set of sparse title vectors: postings by term (English titles, then French).
type index struct {
	post []tposting
	// Groups: the postings of a term are sorted by language then unit group; grp lists, for each
	// term, where each unit group's postings start (English groups, then French).
	grp []group
	td  []termData // the coder's: the ranges of each term are in td[tok].rng[k]
	k   int
}

// rng returns the ranges of tok in the index.
func (ix *index) rng(tok int32) *termRange { return &ix.td[tok].rng[ix.k] }

// termRange locates the postings and groups of a term in an index: English from post[0], French
// from post[1], up to the next term's post[0]; likewise for the groups.
type termRange struct {
	post [2]int32
	grp  [2]int32
}

// params are the tuning constants of the coder, chosen on the calibration split (see
// TestFitRanker and docs/PERFORMANCE.md).
type params struct {
	head        float32 // weight factor of the head noun
	fuzzyMin    float32 // minimum trigram Dice similarity of a spelling correction
	k1, b       float32 // BM25
	rootLen     int     // length of the root terms (0: none)
	root        float32 // weight factor of root terms
	suffixLen   int     // length of the suffix terms, which only unknown words of a title use (0: none)
	suffix      float32 // weight factor of suffix terms
	suffixMaxUG int     // suffix terms found in more unit groups are unused
	pair        float32 // weight factor of word-pair terms (0: none)
	xkeep       float32 // weight of the untranslated word in a translated vector
	xiters      int     // EM iterations of the unit-group translation model
	xmin        float32 // minimum probability of a translation
	xk          int     // translations kept per word
	xrounds     int     // title-alignment rounds
	longPost    int     // a term with more postings is skipped once titles are reached
	longPostX   int     // the same in the translation channel
	completeCap int     // the titles reached that score best, whose cosines are then made exact
	cands       int     // unit groups the translation channel looks at, at most
	candDelta   float32 // … among those whose preliminary score is within candDelta of the best
	maxDocs     int     // BM25 leaves out the terms of more unit groups (in a language) than this
	maxGroups   int     // the translation channel skips them too, once titles are reached
	minBM       float32 // a unit group reached only through its documents needs this normalised BM25
	learn       bool    // learn the dictionary from the examples instead of using the embedded one
	ugTitles    bool    // add the unit groups' titles to the examples
	w           [nFeat]float32
}

func defaultParams() params {
	return params{head: 1, fuzzyMin: 0.6, k1: 1.2, b: 0.5, rootLen: 4, root: 0.6, suffixLen: 5, suffix: 0.6, suffixMaxUG: 30, pair: 0.3,
		xkeep: 1, xiters: 5, xmin: 0.1, xk: 2, xrounds: 2, longPost: 200, longPostX: 1000, completeCap: 4, cands: 40, candDelta: 6, maxDocs: 200, maxGroups: 200, minBM: 0.2, ugTitles: true,
		w: rankWeights()}
}

var defaultCoder = sync.OnceValue(func() *Coder {
	ex, err := officialExamples()
	if err != nil {
		panic(err)
	}
	c, err := newCoder(ex, defaultParams())
	if err != nil {
		panic(err) // embedded data, checked by the tests
	}
	return c
})

// Default returns the coder built on all the official example titles. It is built at the first
// call and shared.
func Default() *Coder { return defaultCoder() }

// Code codes a job title with the [Default] coder.
func Code(title string, lang Lang) Result { return Default().Code(title, lang) }

// CodeAll codes many job titles with the [Default] coder, on all the processors.
func CodeAll(titles []string, lang Lang) []Result { return Default().CodeAll(titles, lang) }

// NewCoder builds a coder on the given example titles — for instance the official [Examples] and a
// portal's own titles — and the unit groups' titles. Every example needs a unit-group code and a
// language (EN or FR). The coder translates between French and English with the dictionary
// learned from the official titles; building it takes about as long as [Default].
func NewCoder(examples []Example) (*Coder, error) {
	return newCoder(examples, defaultParams())
}

type termRef struct {
	tok  int32
	head bool
}

// titleTerms are the terms of each example title: terms[off[i]:off[i+1]] for title i.
type titleTerms struct {
	terms []termRef
	off   []int32
}

func (tt titleTerms) of(i int) []termRef { return tt.terms[tt.off[i]:tt.off[i+1]] }

func newCoder(examples []Example, p params) (*Coder, error) {
	tax := loadTaxonomy()
	c := &Coder{tax: tax, p: p, w: p.w, vocab: make(map[string]int32, 1<<16)}
	if p.ugTitles {
		// The unit groups' own titles are examples too ("Civil engineers", "Ingénieurs
		// civils/ingénieures civiles").
		examples = slices.Clip(examples)
		for _, i := range tax.unitGroups {
			cl := tax.classes[i]
			examples = append(examples, Example{Code: cl.Code, Lang: EN, Title: cl.TitleEN},
				Example{Code: cl.Code, Lang: FR, Title: cl.TitleFR})
		}
	}
	if len(examples) > maxTitle {
		return nil, fmt.Errorf("noc: %d example titles: at most %d", len(examples), maxTitle)
	}
	// Titles in order: language, unit group, then as given.
	order := make([]int, len(examples))
	ugOf := make([]int32, len(examples))
	for i, e := range examples {
		ug, ok := tax.ugOrdinal[e.Code]
		if !ok {
			return nil, fmt.Errorf("noc: example %q: %q is not a NOC 2021 unit group", e.Title, e.Code)
		}
		if e.Lang != EN && e.Lang != FR {
			return nil, fmt.Errorf("noc: example %q: the language must be EN or FR", e.Title)
		}
		order[i], ugOf[i] = i, ug
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(examples[i].Lang, examples[j].Lang), cmp.Compare(ugOf[i], ugOf[j]))
	})

	tt := c.analyseTitles(examples, order, ugOf)
	c.computeIDF(tt)
	vecs := c.titleVectors(tt)
	c.title = c.buildIndex(vecs, 0)
	c.buildDocs(vecs)
	c.buildHeads()
	if p.learn {
		c.buildTranslations(tt)
	} else {
		entries, err := embeddedDictionary()
		if err != nil {
			return nil, err
		}
		c.useDictionary(entries)
	}
	c.trans = c.buildIndex(c.translatedVectors(tt), 1)
	c.buildTrigrams()
	c.prior = make([]float32, len(tax.unitGroups))
	for _, t := range c.titles {
		c.prior[t.ug]++
	}
	for u := range c.prior {
		c.prior[u] = float32(math.Log1p(float64(c.prior[u])))
	}
	c.setWeights(p.w)
	c.w2 = rerankWeights()
	c.cal = calWeights()
	c.pool.New = func() any { return c.newScratch() }
	return c, nil
}

// setWeights sets the ranking weights.
func (c *Coder) setWeights(w [nFeat]float32) {
	c.w = w
	c.priorExp = 0
	c.expPrior = make([]float64, len(c.prior))
	for u, pr := range c.prior {
		c.expPrior[u] = math.Exp(float64(c.w[fPrior] * pr))
		c.priorExp += c.expPrior[u]
	}
}

// analyseTitles analyses the example titles in the given order and collects their terms.
func (c *Coder) analyseTitles(examples []Example, order []int, ugOf []int32) titleTerms {
	tt := titleTerms{terms: make([]termRef, 0, len(examples)*8), off: make([]int32, 0, len(examples)+1)}
	c.titles = make([]titleInfo, 0, len(examples))
	a := new(analyzer)
	var kinds []uint8
	for _, i := range order {
		e := examples[i]
		a.reset()
		a.foldText(e.Title)
		a.tokenize()
		a.finish(e.Lang)
		a.makeTerms(c.p.rootLen, c.p.suffixLen, c.p.pair > 0)
		tt.off = append(tt.off, int32(len(tt.terms)))
		first := len(tt.terms)
		head := int32(-1)
		for k := range a.terms {
			tm := &a.terms[k]
			id, ok := c.vocab[string(a.termKey(tm))]
			if !ok {
				id = int32(len(c.vocab))
				c.vocab[string(a.termKey(tm))] = id
				kinds = append(kinds, tm.kind)
			}
			if tm.head && tm.kind == termWord {
				head = id
			}
			dup := false
			for j := first; j < len(tt.terms); j++ {
				if tt.terms[j].tok == id {
					tt.terms[j].head = tt.terms[j].head || tm.head
					dup = true
				}
			}
			if !dup {
				tt.terms = append(tt.terms, termRef{tok: id, head: tm.head})
			}
		}
		c.titles = append(c.titles, titleInfo{text: e.Title, head: head, ug: uint16(ugOf[i]), lang: e.Lang})
	}
	tt.off = append(tt.off, int32(len(tt.terms)))
	c.titleUG = make([]uint16, len(c.titles))
	c.titleHead = make([]int32, len(c.titles))
	for i, t := range c.titles {
		c.titleUG[i], c.titleHead[i] = t.ug, t.head
	}
	// Kinds and roots of the terms.
	c.td = make([]termData, len(c.vocab)+1)
	for id, k := range kinds {
		c.td[id].kind = k
	}
	for s, id := range c.vocab {
		c.td[id].rootOf = -1
		if c.td[id].kind == termWord && c.p.rootLen > 0 && len(s) > c.p.rootLen {
			if rt, ok := c.vocab["<"+s[:c.p.rootLen]]; ok {
				c.td[id].rootOf = rt
			}
		}
	}
	return tt
}

// computeIDF sets the inverse document frequencies (over unit groups) and the per-language title
// counts of the terms.
func (c *Coder) computeIDF(tt titleTerms) {
	nTok := len(c.vocab)
	nUG := len(c.tax.unitGroups)
	c.tokEN = make([]int32, nTok)
	c.tokFR = make([]int32, nTok)
	dfUG := make([]int32, nTok)
	words := (nUG + 63) / 64
	seen := make([]uint64, nTok*words) // term × unit group bitset
	for ti, t := range c.titles {
		for _, tr := range tt.of(ti) {
			if t.lang == EN {
				c.tokEN[tr.tok]++
			} else {
				c.tokFR[tr.tok]++
			}
			bit := &seen[int(tr.tok)*words+int(t.ug)/64]
			if m := uint64(1) << (t.ug % 64); *bit&m == 0 {
				*bit |= m
				dfUG[tr.tok]++
			}
		}
	}
	for t := range nTok {
		c.td[t].idf = float32(math.Log(1 + float64(nUG)/float64(dfUG[t])))
		if c.td[t].kind == termSuffix && int(dfUG[t]) > c.p.suffixMaxUG {
			c.td[t].kind = termUnused
		}
	}
}

// termWeight is the weight of a term in a title vector before normalisation.
func (c *Coder) termWeight(tok int32, head bool) float32 {
	td := &c.td[tok]
	w := td.idf
	if head {
		w *= c.p.head
	}
	switch td.kind {
	case termRoot:
		w *= c.p.root
	case termSuffix:
		w *= c.p.suffix
	case termUnused:
		return 0
	case termPair:
		w *= c.p.pair
	}
	return w
}

// vectors are sparse vectors by title: vec[off[i]:off[i+1]] for title i (doc = term).
type vectors struct {
	vec []posting
	off []int32
}

// titleVectors returns the normalised vectors of the example titles.
func (c *Coder) titleVectors(tt titleTerms) vectors {
	v := vectors{vec: make([]posting, 0, len(tt.terms)), off: make([]int32, 0, len(c.titles)+1)}
	for ti := range c.titles {
		v.off = append(v.off, int32(len(v.vec)))
		var norm float32
		for _, tr := range tt.of(ti) {
			if c.td[tr.tok].kind != termSuffix { // suffixes stand in for unknown words only
				w := c.termWeight(tr.tok, tr.head)
				norm += w * w
			}
		}
		inv := 1 / float32(math.Sqrt(float64(norm)))
		for _, tr := range tt.of(ti) {
			if w := c.termWeight(tr.tok, tr.head); w > 0 {
				v.vec = append(v.vec, posting{doc: tr.tok, w: w * inv})
			}
		}
	}
	v.off = append(v.off, int32(len(v.vec)))
	return v
}

// buildIndex turns title vectors into postings by term; k says where the ranges go in c.td.
func (c *Coder) buildIndex(v vectors, k int) index {
	nTok := len(c.vocab)
	postOff := make([]int32, nTok+1)
	nEN := make([]int32, nTok)
	for ti := range c.titles {
		for _, x := range v.vec[v.off[ti]:v.off[ti+1]] {
			postOff[x.doc+1]++
			if c.titles[ti].lang == EN {
				nEN[x.doc]++
			}
		}
	}
	ix := index{td: c.td, k: k}
	for t := 0; t < nTok; t++ {
		postOff[t+1] += postOff[t]
		ix.rng(int32(t)).post = [2]int32{postOff[t], postOff[t] + nEN[t]}
	}
	ix.rng(int32(nTok)).post = [2]int32{postOff[nTok], postOff[nTok]}
	ix.post = make([]tposting, len(v.vec))
	fill := slices.Clone(postOff[:nTok])
	for ti, t := range c.titles { // in title order: postings sorted by title, English first
		for _, x := range v.vec[v.off[ti]:v.off[ti+1]] {
			ix.post[fill[x.doc]] = tposting{key: uint32(ti)<<ugBits | uint32(t.ug), w: x.w}
			fill[x.doc]++
		}
	}
	// Unit-group groups of each postings list.
	for t := 0; t < nTok; t++ {
		for half := 0; half < 2; half++ {
			ix.rng(int32(t)).grp[half] = int32(len(ix.grp))
			lo, hi := ix.rng(int32(t)).post[half], ix.rng(int32(t + 1)).post[0]
			if half == 0 {
				hi = ix.rng(int32(t)).post[1]
			}
			for i := lo; i < hi; i++ {
				if i == lo || ix.post[i].key&ugMask != ix.post[i-1].key&ugMask {
					ix.grp = append(ix.grp, group{off: i, ug: uint16(ix.post[i].key & ugMask)})
				}
			}
		}
	}
	ix.rng(int32(nTok)).grp = [2]int32{int32(len(ix.grp)), int32(len(ix.grp))}
	return ix
}

// buildDocs builds the unit-group documents: the centroid of each unit group's normalised title
// vectors in each language, and the BM25 weights of its terms (tf = titles holding the term).
func (c *Coder) buildDocs(v vectors) {
	nTok := len(c.vocab)
	nUG := len(c.tax.unitGroups)
	type entry struct {
		tok, doc int32
		cent, tf float32
	}
	var entries []entry
	var docLen []float32
	cent := make([]float32, nTok)
	tf := make([]float32, nTok)
	var touched []int32
	flush := func(doc int32, length float32) {
		var norm float32
		for _, t := range touched {
			norm += cent[t] * cent[t]
		}
		inv := 1 / float32(math.Sqrt(float64(norm)))
		slices.Sort(touched)
		for _, t := range touched {
			entries = append(entries, entry{t, doc, cent[t] * inv, tf[t]})
			cent[t], tf[t] = 0, 0
		}
		touched = touched[:0]
		for int(doc) >= len(docLen) {
			docLen = append(docLen, 0)
		}
		docLen[doc] = length
	}
	curDoc, length := int32(-1), float32(0)
	for ti, t := range c.titles {
		doc := int32(t.lang-EN)*int32(nUG) + int32(t.ug)
		if doc != curDoc && curDoc >= 0 {
			flush(curDoc, length)
			length = 0
		}
		curDoc = doc
		for _, p := range v.vec[v.off[ti]:v.off[ti+1]] {
			if c.td[p.doc].kind == termSuffix {
				continue // in the title index only
			}
			if cent[p.doc] == 0 && tf[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			cent[p.doc] += p.w
			tf[p.doc]++
			length++
		}
	}
	if curDoc >= 0 {
		flush(curDoc, length)
	}
	var avg float32
	n := 0
	for _, l := range docLen {
		if l > 0 {
			avg += l
			n++
		}
	}
	avg /= float32(max(n, 1))
	// Postings by term; entries are in document order, so each list is sorted by document.
	docOff := make([]int32, nTok+1)
	nENDocs := make([]int32, nTok)
	for _, e := range entries {
		docOff[e.tok+1]++
		if e.doc < int32(nUG) {
			nENDocs[e.tok]++
		}
	}
	for t := 0; t < nTok; t++ {
		docOff[t+1] += docOff[t]
		c.td[t].doc = [2]int32{docOff[t], docOff[t] + nENDocs[t]}
	}
	c.td[nTok].doc = [2]int32{docOff[nTok], docOff[nTok]}
	c.doc = make([]docPosting, len(entries))
	fill := slices.Clone(docOff[:nTok])
	k1, b := c.p.k1, c.p.b
	for _, e := range entries {
		bm := c.td[e.tok].idf * e.tf * (k1 + 1) / (e.tf + k1*(1-b+b*docLen[e.doc]/avg))
		c.doc[fill[e.tok]] = docPosting{doc: e.doc, cent: e.cent, bm: bm}
		fill[e.tok]++
	}
}

// bmMax returns the largest possible BM25 weight of a term.
func (c *Coder) bmMax(tok int32) float32 { return c.td[tok].idf * (c.p.k1 + 1) }

// buildHeads indexes, for each head noun, the documents whose example titles it heads.
func (c *Coder) buildHeads() {
	nTok := len(c.vocab)
	nUG := int32(len(c.tax.unitGroups))
	type hk struct{ tok, doc int32 }
	counts := make(map[hk]float32)
	for _, t := range c.titles {
		if t.head >= 0 {
			counts[hk{t.head, int32(t.lang-EN)*nUG + int32(t.ug)}]++
		}
	}
	keys := make([]hk, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b hk) int { return cmp.Or(cmp.Compare(a.tok, b.tok), cmp.Compare(a.doc, b.doc)) })
	headOff := make([]int32, nTok+1)
	c.head = make([]posting, len(keys))
	for i, k := range keys {
		c.head[i] = posting{doc: k.doc, w: float32(math.Log1p(float64(counts[k])))}
		headOff[k.tok+1]++
	}
	for t := 0; t < nTok; t++ {
		headOff[t+1] += headOff[t]
		c.td[t].head = headOff[t]
	}
	c.td[nTok].head = headOff[nTok]
}

// forTrigrams calls f with the trigrams of s, boundaries marked: "$ab", "abc", …, "yz$".
func forTrigrams(s []byte, f func(uint32)) {
	n := len(s)
	at := func(i int) uint32 {
		if i < 0 || i >= n {
			return '$'
		}
		return uint32(s[i])
	}
	for i := -1; i < n-1; i++ {
		f(at(i)<<16 | at(i+1)<<8 | at(i+2))
	}
}

// buildTrigrams indexes the words by trigram for the spelling correction.
func (c *Coder) buildTrigrams() {
	nTok := len(c.vocab)
	c.tri = make(map[uint32]int32, 8192)
	c.triN = make([]uint8, nTok)
	// The distinct trigrams of each word, in word-id order (deterministic).
	words := make([]string, nTok)
	for s, id := range c.vocab {
		words[id] = s
	}
	var wordTri []int32 // trigram ids, word after word
	wordOff := make([]int32, nTok+1)
	var count []int32
	for id, s := range words {
		wordOff[id] = int32(len(wordTri))
		if len(s) < 4 || c.td[id].kind != termWord {
			continue
		}
		first := len(wordTri)
		n := 0
		forTrigrams([]byte(s), func(g uint32) {
			n++
			tid, ok := c.tri[g]
			if !ok {
				tid = int32(len(c.tri))
				c.tri[g] = tid
				count = append(count, 0)
			}
			if !slices.Contains(wordTri[first:], tid) {
				wordTri = append(wordTri, tid)
				count[tid]++
			}
		})
		c.triN[id] = uint8(min(n, 255))
	}
	wordOff[nTok] = int32(len(wordTri))
	// Counting sort by trigram.
	c.triOff = make([]int32, len(c.tri)+1)
	for t, n := range count {
		c.triOff[t+1] = c.triOff[t] + n
	}
	c.triTok = make([]int32, len(wordTri))
	fill := slices.Clone(c.triOff[:len(c.tri)])
	for id := 0; id < nTok; id++ {
		for _, t := range wordTri[wordOff[id]:wordOff[id+1]] {
			c.triTok[fill[t]] = int32(id)
			fill[t]++
		}
	}
}

// rankWeights returns the weights of the ranking features, fitted by TestFitRanker.
func rankWeights() [nFeat]float32 {
	return [nFeat]float32{
		fSame: 1.6218, fSecond: -1.5682, fBM25Same: 8.5120, fBM25Other: 3.4475, fCentSame: 1.9477, fCentOther: 0.1582, fHead: -0.3756, fPrior: 0.2872, fHeadUG: 0.2331, fHeadUGOther: 0.3084, fCount: -0.4547, fExact: 4.0280, fTransRev: 7.9452, fSameHead: 1.8895,
	}
}
