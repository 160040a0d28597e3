package offer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldedText is a text as the channel patterns read it: invisible
// characters dropped, full-width forms and look-alike dots and at signs
// replaced by their ASCII letter, so that "jean​@acme．ca" (a zero-width
// space, a full-width dot) reads "jean@acme.ca". The removals still apply
// to the text as written: each byte of the folded text knows where the
// character it comes from starts and ends in the original.
type foldedText struct {
	s string
	// from[i] and to[i] bound, in the original text, the character that
	// byte i of s comes from; nil when s is the original itself.
	from, to []int
}

// span returns the original span of the folded span [start, end).
func (f *foldedText) span(start, end int) textSpan {
	if f.from == nil || end <= start {
		return textSpan{start, end}
	}
	return textSpan{f.from[start], f.to[end-1]}
}

// foldForMatching folds text (see foldedText). Text without a character to
// fold is returned as it is, without allocating.
func foldForMatching(text string) foldedText {
	first := -1
	for i, r := range text {
		if r >= utf8.RuneSelf {
			if _, change := foldRune(r); change {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return foldedText{s: text}
	}
	var b strings.Builder
	b.Grow(len(text))
	f := foldedText{from: make([]int, 0, len(text)), to: make([]int, 0, len(text))}
	b.WriteString(text[:first])
	for i := range first {
		f.from, f.to = append(f.from, i), append(f.to, i+1)
	}
	for i, r := range text[first:] {
		i += first
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(text[i:])
		}
		out, change := foldRune(r)
		if !change {
			b.WriteString(text[i : i+size])
			for range size {
				f.from, f.to = append(f.from, i), append(f.to, i+size)
			}
			continue
		}
		if out < 0 {
			continue // invisible: dropped
		}
		b.WriteRune(out)
		for range utf8.RuneLen(out) {
			f.from, f.to = append(f.from, i), append(f.to, i+size)
		}
	}
	f.s = b.String()
	return f
}

// foldRune tells what r becomes in a folded text: -1 when it is dropped,
// another rune when it is replaced; change is false when r stays.
func foldRune(r rune) (out rune, change bool) {
	switch {
	case r < utf8.RuneSelf:
		return r, false
	case isInvisible(r):
		return -1, true
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: ＠ ． ／ ａ…
		return r - 0xFEE0, true
	case r == '\u3000': // ideographic space
		return ' ', true
	case r == '\u3002', r == '\uFF61', r == '\u2024', r == '\uFE52':
		// Ideographic and halfwidth ideographic full stops, one dot leader,
		// small full stop. The middle dot "·" is not one: French writes
		// "ingénieur·e".
		return '.', true
	case r == '\uFE6B': // small commercial at
		return '@', true
	}
	return r, false
}

// isInvisible reports whether r shows nothing in a browser: the format
// characters (soft hyphen, zero-width space and joiners, bidirectional
// marks, word joiner, byte order mark…), the combining grapheme joiner,
// variation selectors and the Hangul fillers.
func isInvisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r):
		return true
	case r == '\u034F', r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0':
		return true
	case r >= '\uFE00' && r <= '\uFE0F', r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}
