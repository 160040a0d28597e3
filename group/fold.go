package group

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without accents, with every run of
// non-letters and non-digits turned into one space and no surrounding
// space: Fold("Montréal  (Québec)") == "montreal quebec". Keyword searches
// compare folded texts, so "montreal" finds "Montréal".
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	b.Grow(len(folded))
	space := false
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// MatchesKeyword reports whether every word of the folded keyword occurs in
// the folded text. Stores that search in memory use it.
func MatchesKeyword(text, keyword string) bool {
	for _, w := range strings.Fields(keyword) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
