package noc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The bilingual dictionary of title words (see translate.go) learned from all the official
// example titles is embedded, so that building the default coder takes no learning. It is keyed
// by stems, as the analyser writes them; TestEmbeddedDictionary checks that it is what the current
// analyser and learner produce, and `NOC_GEN=1 go test -run TestGenerateDictionary` rewrites it.
const dictionaryFile = "data/noc2021_translations.tsv.gz"

// dictEntry is one line of the dictionary file: the translations of a word of a language.
type dictEntry struct {
	lang  int // 0: EN → FR, 1: FR → EN
	word  string
	trans []dictTrans
}

type dictTrans struct {
	word string
	p    float32
}

var embeddedDictionary = sync.OnceValues(func() ([]dictEntry, error) {
	raw, err := dataFS.ReadFile(dictionaryFile)
	if err != nil {
		return nil, err
	}
	return parseDictionary(bytes.NewReader(raw))
})

// parseDictionary reads the gzip-compressed dictionary: one line per word, tab-separated:
// language (en/fr), word, then "translation probability" pairs.
func parseDictionary(r io.Reader) ([]dictEntry, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("noc: dictionary: %w", err)
	}
	defer zr.Close()
	var out []dictEntry
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 || (f[0] != "en" && f[0] != "fr") {
			return nil, fmt.Errorf("noc: dictionary: bad line %q", sc.Text())
		}
		e := dictEntry{word: f[1]}
		if f[0] == "fr" {
			e.lang = 1
		}
		for _, t := range f[2:] {
			w, ps, ok := strings.Cut(t, " ")
			p, err := strconv.ParseFloat(ps, 32)
			if !ok || err != nil {
				return nil, fmt.Errorf("noc: dictionary: bad translation %q", t)
			}
			e.trans = append(e.trans, dictTrans{w, float32(p)})
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("noc: dictionary: %w", err)
	}
	return out, nil
}

// formatDictionary writes a dictionary learned by a coder in the file format (not compressed).
func (c *Coder) formatDictionary(dict [2][][]translation) []byte {
	words := make([]string, len(c.vocab))
	for s, id := range c.vocab {
		words[id] = s
	}
	type line struct{ key, text string }
	var lines []line
	for l, name := range [2]string{"en", "fr"} {
		for tok, tr := range dict[l] {
			if len(tr) == 0 {
				continue
			}
			var b strings.Builder
			b.WriteString(name + "\t" + words[tok])
			for _, x := range tr {
				fmt.Fprintf(&b, "\t%s %.3f", words[x.tok], x.p)
			}
			lines = append(lines, line{name + "\t" + words[tok], b.String()})
		}
	}
	// Sorted by language and word, for stable diffs.
	sortLines := func(a, b line) int { return strings.Compare(a.key, b.key) }
	slices.SortFunc(lines, sortLines)
	var out bytes.Buffer
	for _, ln := range lines {
		out.WriteString(ln.text)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// useDictionary maps an embedded dictionary onto the coder's vocabulary (words it does not know
// are left out).
func (c *Coder) useDictionary(entries []dictEntry) {
	var dict [2][][]translation
	nTok := len(c.vocab)
	dict[0] = make([][]translation, nTok)
	dict[1] = make([][]translation, nTok)
	for _, e := range entries {
		id, ok := c.vocab[e.word]
		if !ok || c.td[id].kind != termWord {
			continue
		}
		for _, t := range e.trans {
			if tid, ok := c.vocab[t.word]; ok && c.td[tid].kind == termWord {
				dict[e.lang][id] = append(dict[e.lang][id], translation{tid, t.p})
			}
		}
	}
	c.setDictionary(dict)
}
