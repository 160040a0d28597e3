package canada

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxInput bounds the length of strings the parsers look at, so that a
// hostile multi-megabyte input is rejected at once.
const maxInput = 256

// foldKey returns a comparison key for names: accents removed, lower case,
// every run of characters that are neither letters nor digits (spaces,
// hyphens, en dashes, apostrophes, dots...) collapsed into one space,
// and surrounding separators dropped. "Saguenay–Lac-Saint-Jean",
// "saguenay--lac-saint-jean" and " SAGUENAY LAC SAINT JEAN " share a key.
func foldKey(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pending = true
		}
	}
	return b.String()
}

// compactDigits trims surrounding white space, then removes the separator
// runes accepted by sep (spaces, hyphens...) and returns the rest
// unchanged. ok is false when the input is too long.
func compactDigits(s string, sep func(rune) bool) (string, bool) {
	if len(s) > maxInput {
		return "", false
	}
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if sep(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// isSpaceOrHyphen accepts white space (including no-break spaces) and the
// hyphen-like dashes people type between groups of digits.
func isSpaceOrHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f'
}

// allDigits reports whether s is non-empty and made only of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// luhnValid reports whether the ASCII digit string s passes the Luhn
// (mod 10, "double-add-double") check, the check digit being the last.
func luhnValid[T ~string | ~[]byte](s T) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// asciiUpper upper-cases the ASCII letters of s and leaves every other
// byte alone, so that the byte length never changes.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
