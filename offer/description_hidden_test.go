package offer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSanitizeDescriptionFindsHiddenEmailAddresses(t *testing.T) {
	tests := []struct {
		name, in string
		removed  string // the address as written
	}{
		{"zero-width space in the local part", "jean\u200B.tremblay@acme.ca", "jean\u200B.tremblay@acme.ca"},
		{"zero-width joiners in the domain", "jean@ac\u200Dme.c\u200Ca", "jean@ac\u200Dme.c\u200Ca"},
		{"word joiner before the at sign", "jean\u2060@acme.ca", "jean\u2060@acme.ca"},
		{"byte order mark before the dot", "jean@acme\uFEFF.ca", "jean@acme\uFEFF.ca"},
		{"soft hyphen", "jean@ac\u00ADme.ca", "jean@ac\u00ADme.ca"},
		{"soft hyphen entity", "jean@ac&shy;me.ca", "jean@ac\u00ADme.ca"},
		{"left-to-right mark", "jean@acme\u200E.ca", "jean@acme\u200E.ca"},
		{"full-width dot", "jean@acme\uFF0Eca", "jean@acme\uFF0Eca"},
		{"ideographic full stop", "jean@acme\u3002ca", "jean@acme\u3002ca"},
		{"halfwidth ideographic full stop", "jean@acme\uFF61ca", "jean@acme\uFF61ca"},
		{"one dot leader", "jean@acme\u2024ca", "jean@acme\u2024ca"},
		{"small full stop", "jean\uFE52tremblay@acme\uFE52ca", "jean\uFE52tremblay@acme\uFE52ca"},
		{"full-width at and letters", "ｊｅａｎ＠ａｃｍｅ．ｃａ", "ｊｅａｎ＠ａｃｍｅ．ｃａ"},
		{"small at", "jean\uFE6Bacme.ca", "jean\uFE6Bacme.ca"},
		{"spaces around the at sign", "jean @ acme.ca", "jean @ acme.ca"},
		{"space after the at sign", "jean@ acme.ca", "jean@ acme.ca"},
		{"no-break spaces around the at sign", "jean\u00A0@\u00A0acme.ca", "jean\u00A0@\u00A0acme.ca"},
		{"IPv4 literal", "jean@[192.0.2.1]", "jean@[192.0.2.1]"},
		{"IPv6 literal", "jean@[IPv6:2001:db8::1]", "jean@[IPv6:2001:db8::1]"},
		{"bracketed words", "jean (at) acme (dot) com", "jean (at) acme (dot) com"},
		{"bracketed words and an invisible character", "je\u200Ban (at) acme (dot) com", "je\u200Ban (at) acme (dot) com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "<p>Écrivez à " + tt.in + " svp</p>"
			res := SanitizeDescription(in, DescriptionOptions{})
			assert.Equal(t, "<p>Écrivez à svp</p>", res.HTML)
			assert.Equal(t, []RemovedItem{{RemovedEmailAddress, tt.removed}}, res.Removed)
			assertSafeDescription(t, in, res.HTML)
		})
	}
}

func TestSanitizeDescriptionKeepsOrdinaryText(t *testing.T) {
	for _, text := range []string{
		"Saint-Jean @ 9 h",
		"Rendez-vous @ 9 h 30. Salle B",
		"Versions 2.0.1 et 3\u200B.11 ; Python 3.11 ; C# @ 10 %",
		"Ingénieur·e @ Montréal ; étudiant·es",
		"Prix : 10\uFF0E5 $ ; 1\u30022 ; user@localhost",
		"Fin de phrase\u3002Début",
		"Veuillez\u00A0@\u00A0nous joindre",
		"a\u200Bb\u00ADc\uFEFFd",
	} {
		t.Run(text, func(t *testing.T) {
			in := "<p>" + text + "</p>"
			res := SanitizeDescription(in, DescriptionOptions{ApplyURL: "https://acme.ca/postuler", ApplyEmail: "rh@acme.ca"})
			assert.Equal(t, in, res.HTML)
			assert.Empty(t, res.Removed)
		})
	}
}

func TestSanitizeDescriptionFindsApplyLinksWrittenOtherwise(t *testing.T) {
	opts := DescriptionOptions{ApplyURL: "https://www.acme.ca/carrieres/postuler/"}
	for _, href := range []string{
		"https://acme.ca/carrieres/./postuler",
		"https://acme.ca/./carrieres/postuler/.",
		"https://acme.ca/carrieres/x/../postuler",
		"https://acme.ca/x/y/../../carrieres/postuler",
		"https://acme.ca/carrieres/%2e/postuler",
		"https://acme.ca/carrieres/x/%2E%2E/postuler",
		"https://acme.ca/carrieres%2fpostuler",
		"https://acme.ca//carrieres//postuler",
		"HTTPS://WWW.ACME.CA/CARRIERES/POSTULER",
		"https://ACME.ca./carrieres/postuler",
		"https://acme.ca/carrieres/postuler;jsessionid=0A1B",
		"https://acme.ca/carrieres;x=1/postuler",
	} {
		t.Run("link "+href, func(t *testing.T) {
			in := `<p><a href="` + href + `">Postulez</a></p>`
			res := SanitizeDescription(in, opts)
			assert.Equal(t, `<p>Postulez</p>`, res.HTML)
			if assert.Len(t, res.Removed, 1) {
				assert.Equal(t, RemovedApplyLink, res.Removed[0].Kind)
			}
		})
	}
	for _, text := range []string{
		"acme.ca/carrieres/./postuler",
		"acme.ca/carrieres/x/../postuler",
		"https://acme.ca/carrieres/%2E/postuler",
		"ACME.CA//carrieres//postuler",
		"www.acme\u3002ca/carrieres/postuler",
		"acme.ca/carri\u200Beres/postuler",
		"ａｃｍｅ．ｃａ／ｃａｒｒｉｅｒｅｓ／ｐｏｓｔｕｌｅｒ",
	} {
		t.Run("text "+text, func(t *testing.T) {
			in := `<p>Postulez sur ` + text + ` svp</p>`
			res := SanitizeDescription(in, opts)
			assert.Equal(t, `<p>Postulez sur svp</p>`, res.HTML)
			assert.Equal(t, []RemovedItem{{RemovedApplyLink, text}}, res.Removed)
		})
	}
	for _, href := range []string{
		"https://acme.ca/carrieres/postuler/../emplois",
		"https://acme.ca/carrieres/postuler/ingenieur",
		"https://acme.ca/carrieres/postuler%2e%2e",
		"https://acme.ca/carrieres/postuler-ingenieur;jsessionid=0A1B",
	} {
		t.Run("kept "+href, func(t *testing.T) {
			in := `<p><a href="` + href + `">Voir</a></p>`
			res := SanitizeDescription(in, opts)
			assert.Empty(t, res.Removed)
			assert.True(t, strings.Contains(res.HTML, "<a href="), res.HTML)
		})
	}
}

func TestSanitizeDescriptionIgnoresOversizedApplyOptions(t *testing.T) {
	huge := strings.Repeat("a", 1<<20)
	res := SanitizeDescription("<p>Texte acme.ca/"+huge[:10]+"</p>", DescriptionOptions{ApplyURL: "https://acme.ca/" + huge, ApplyEmail: huge + "@acme.ca"})
	assert.Empty(t, res.Removed)
}
