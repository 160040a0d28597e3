package noc

import (
	"cmp"
	"slices"
)

// Learning word translations from the example titles.
//
// The English and French example titles of a unit group are, by and large, translations of each
// other, but the lists are not aligned title by title. Three steps learn a bilingual dictionary of
// the words of the titles:
//
//  1. IBM Model 1 (Brown et al., 1993) on the bags of words of each unit group in both languages
//     gives rough translation probabilities ("steel" → "acier"), explaining away the words that
//     other words already account for;
//  2. with them, each title is paired with the title of the other language of its unit group that
//     covers it best, when the choice is mutual;
//  3. IBM Model 1 on the pairs of titles gives the dictionary: at most xk translations per word,
//     each with a probability ≥ xmin ("cake" → "gâteau", "wrapper" → "emballeur").
//
// The coder translates a title's words to compare it with the examples of the other language,
// and indexes the examples translated.

// translation is a learned translation of a word: the word in the other language and its
// probability.
type translation struct {
	tok int32
	p   float32
}

// pairIDs numbers the distinct keys: ids[i] is the number of keys[i] among the sorted distinct
// keys, which it returns.
func pairIDs(keys []uint64) (ids []int32, uniq []uint64) {
	type kp struct {
		key uint64
		pos int32
	}
	a := make([]kp, len(keys))
	var all uint64
	for i, k := range keys {
		a[i] = kp{k, int32(i)}
		all |= k
	}
	// LSD radix sort, 8 bits at a time, on the bytes that are used.
	b := make([]kp, len(a))
	for shift := uint(0); shift < 64 && all>>shift != 0; shift += 8 {
		var count [257]int
		for _, x := range a {
			count[(x.key>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, x := range a {
			d := (x.key >> shift) & 0xff
			b[count[d]] = x
			count[d]++
		}
		a, b = b, a
	}
	ids = make([]int32, len(keys))
	for i, x := range a {
		if i == 0 || x.key != a[i-1].key {
			uniq = append(uniq, x.key)
		}
		ids[x.pos] = int32(len(uniq) - 1)
	}
	return ids, uniq
}

// bag is a bag of words: (word, count).
type bag []struct {
	tok int32
	n   float32
}

// ibm1 runs IBM Model 1 on sentence pairs (src[i], dst[i]) with an empty source word, and returns
// for each source word its best translations (at most k, each with probability ≥ minP).
func ibm1(src, dst []bag, nTok int, iters, k int, minP float32) [][]translation {
	null := int32(nTok)
	// Pair ids of the (source, target) words that meet in a sentence pair.
	var keys []uint64
	for i := range src {
		for _, d := range dst[i] {
			for _, s := range src[i] {
				keys = append(keys, uint64(s.tok)<<32|uint64(d.tok))
			}
			keys = append(keys, uint64(null)<<32|uint64(d.tok))
		}
	}
	ids, uniq := pairIDs(keys)
	keys = nil
	t := make([]float32, len(uniq))
	for i := range t {
		t[i] = 1
	}
	cnt := make([]float32, len(uniq))
	tot := make([]float32, nTok+1)
	for it := 0; it < iters; it++ {
		clear(cnt)
		clear(tot)
		pos := 0
		for i := range src {
			sb := src[i]
			for _, d := range dst[i] {
				row := ids[pos : pos+len(sb)+1]
				pos += len(sb) + 1
				var z float32
				for j, s := range sb {
					z += t[row[j]] * s.n
				}
				z += t[row[len(sb)]]
				for j, s := range sb {
					x := d.n * t[row[j]] * s.n / z
					cnt[row[j]] += x
					tot[s.tok] += x
				}
				x := d.n * t[row[len(sb)]] / z
				cnt[row[len(sb)]] += x
				tot[null] += x
			}
		}
		for i, key := range uniq {
			if d := tot[key>>32]; d > 0 {
				t[i] = cnt[i] / d
			}
		}
	}
	out := make([][]translation, nTok)
	for i, key := range uniq {
		s := int32(key >> 32)
		if s == null || t[i] < minP {
			continue
		}
		out[s] = append(out[s], translation{int32(key & 0xffffffff), t[i]})
	}
	for s, tr := range out {
		slices.SortFunc(tr, func(x, y translation) int { return cmp.Or(cmp.Compare(y.p, x.p), cmp.Compare(x.tok, y.tok)) })
		if len(tr) > k {
			out[s] = tr[:k:k]
		}
	}
	return out
}

// wordsOf returns the word terms of title ti.
func (c *Coder) wordsOf(tt titleTerms, ti int32) []int32 {
	var out []int32
	for _, tr := range tt.of(int(ti)) {
		if c.td[tr.tok].kind == termWord {
			out = append(out, tr.tok)
		}
	}
	return out
}

// learnDictionary learns the translations of the words of the example titles, in both
// directions: dict[l][tok] lists the translations of word tok of language l (0: EN, 1: FR).
func (c *Coder) learnDictionary(tt titleTerms) [2][][]translation {
	nUG := len(c.tax.unitGroups)
	nTok := len(c.vocab)
	byUG := make([][2][]int32, nUG)
	for ti, t := range c.titles {
		byUG[t.ug][t.lang-EN] = append(byUG[t.ug][t.lang-EN], int32(ti))
	}
	// 1. Unit-group bags.
	bags := make([][2]bag, nUG)
	counts := make([]float32, nTok)
	var touched []int32
	for u := range byUG {
		for l := 0; l < 2; l++ {
			for _, ti := range byUG[u][l] {
				for _, w := range c.wordsOf(tt, ti) {
					if counts[w] == 0 {
						touched = append(touched, w)
					}
					counts[w]++
				}
			}
			slices.Sort(touched)
			for _, w := range touched {
				bags[u][l] = append(bags[u][l], struct {
					tok int32
					n   float32
				}{w, counts[w]})
				counts[w] = 0
			}
			touched = touched[:0]
		}
	}
	var en, fr []bag
	for u := range bags {
		if len(bags[u][0]) > 0 && len(bags[u][1]) > 0 {
			en = append(en, bags[u][0])
			fr = append(fr, bags[u][1])
		}
	}
	const roughK, roughP = 10, 0.02
	dict := [2][][]translation{
		ibm1(en, fr, nTok, c.p.xiters, roughK, roughP),
		ibm1(fr, en, nTok, c.p.xiters, roughK, roughP),
	}
	for r := 0; r < c.p.xrounds; r++ {
		// 2. Pairs of titles.
		ens, frs := c.alignTitles(tt, byUG, dict)
		// 3. The dictionary from the pairs.
		k, m := roughK, float32(roughP)
		if r == c.p.xrounds-1 {
			k, m = c.p.xk, c.p.xmin
		}
		dict = [2][][]translation{
			ibm1(ens, frs, nTok, 8, k, m),
			ibm1(frs, ens, nTok, 8, k, m),
		}
	}
	return dict
}

// alignMin is the least coverage score of an aligned pair of titles.
const alignMin float32 = 0.15

// alignTitles pairs the titles of each unit group across languages: title i of one language and
// j of the other are paired when each is the other's best match by coverage — the mean, over the
// words of one, of the best probability that a word of the other translates to it.
func (c *Coder) alignTitles(tt titleTerms, byUG [][2][]int32, dict [2][][]translation) (ens, frs []bag) {
	nTok := len(c.vocab)
	vec := make([]float32, nTok) // translations of the current title's words
	var touched []int32
	toBag := func(ws []int32) bag {
		b := make(bag, len(ws))
		for i, w := range ws {
			b[i].tok, b[i].n = w, 1
		}
		return b
	}
	var score []float32
	for u := range byUG {
		ts := byUG[u]
		if len(ts[0]) == 0 || len(ts[1]) == 0 {
			continue
		}
		words := [2][][]int32{make([][]int32, len(ts[0])), make([][]int32, len(ts[1]))}
		for l := 0; l < 2; l++ {
			for i, ti := range ts[l] {
				words[l][i] = c.wordsOf(tt, ti)
			}
		}
		n0, n1 := len(ts[0]), len(ts[1])
		score = append(score[:0], make([]float32, n0*n1)...)
		for l := 0; l < 2; l++ {
			for i, ws := range words[l] {
				// Dense translation vector of title i.
				for _, w := range ws {
					if vec[w] == 0 {
						touched = append(touched, w)
					}
					vec[w] = 1
					for _, x := range dict[l][w] {
						if vec[x.tok] == 0 {
							touched = append(touched, x.tok)
						}
						vec[x.tok] = max(vec[x.tok], x.p)
					}
				}
				for j, os := range words[1-l] {
					if len(os) == 0 {
						continue
					}
					var s float32
					for _, w := range os {
						s += vec[w]
					}
					s /= float32(len(os))
					if l == 0 {
						score[i*n1+j] += s / 2
					} else {
						score[j*n1+i] += s / 2
					}
				}
				for _, w := range touched {
					vec[w] = 0
				}
				touched = touched[:0]
			}
		}
		// Mutual best matches.
		bestJ := make([]int, n0)
		for i := 0; i < n0; i++ {
			bestJ[i] = -1
			bs := alignMin
			for j := 0; j < n1; j++ {
				if s := score[i*n1+j]; s > bs {
					bs, bestJ[i] = s, j
				}
			}
		}
		for j := 0; j < n1; j++ {
			bi, bs := -1, alignMin
			for i := 0; i < n0; i++ {
				if s := score[i*n1+j]; s > bs {
					bs, bi = s, i
				}
			}
			if bi >= 0 && bestJ[bi] == j {
				ens = append(ens, toBag(words[0][bi]))
				frs = append(frs, toBag(words[1][j]))
			}
		}
	}
	return ens, frs
}

// buildTranslations learns the dictionary and stores it in c.x.
func (c *Coder) buildTranslations(tt titleTerms) {
	c.learned = c.learnDictionary(tt)
	c.setDictionary(c.learned)
}

// setDictionary stores a dictionary in c.x (ranges in c.td).
func (c *Coder) setDictionary(dict [2][][]translation) {
	nTok := len(c.vocab)
	c.x = c.x[:0]
	for t := 0; t < nTok; t++ {
		for l := 0; l < 2; l++ {
			c.td[t].x[l] = int32(len(c.x))
			if t < len(dict[l]) {
				for _, x := range dict[l][t] {
					c.x = append(c.x, posting{doc: x.tok, w: x.p})
				}
			}
		}
	}
	c.td[nTok].x = [2]int32{int32(len(c.x)), int32(len(c.x))}
}

// translatedVectors returns the example titles translated into the other language: each word's
// translations weighted by their probability, the word itself (weight xkeep) and the roots of the
// translations, normalised.
func (c *Coder) translatedVectors(tt titleTerms) vectors {
	v := vectors{vec: make([]posting, 0, len(tt.terms)*3), off: make([]int32, 0, len(c.titles)+1)}
	var vec []qterm
	for ti, t := range c.titles {
		vec = vec[:0]
		l := int(t.lang - EN)
		for _, tr := range tt.of(ti) {
			if c.td[tr.tok].kind != termWord {
				continue
			}
			vec = c.translate(vec, tr.tok, c.termWeight(tr.tok, tr.head), tr.head, l)
		}
		v.off = append(v.off, int32(len(v.vec)))
		inv := invNorm(vec)
		for _, q := range vec {
			v.vec = append(v.vec, posting{doc: q.tok, w: q.w * inv})
		}
	}
	v.off = append(v.off, int32(len(v.vec)))
	return v
}

// translate adds to vec the word tok (weight w, source language l) in the other language: the
// word itself (weight w·xkeep), its translations and their roots (weighted by probability).
func (c *Coder) translate(vec []qterm, tok int32, w float32, head bool, l int) []qterm {
	vec = addTerm(vec, tok, w*c.p.xkeep, head)
	for _, x := range c.translations(tok, l) {
		vec = addTerm(vec, x.doc, x.w*c.termWeight(x.doc, head), head)
		if rt := c.td[x.doc].rootOf; rt >= 0 {
			vec = addTerm(vec, rt, x.w*c.termWeight(rt, head), head)
		}
	}
	return vec
}
