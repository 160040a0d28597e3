package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Lang is one of the library's two languages.
type Lang string

// The two languages of the library. French is the default everywhere.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// Tag returns the language tag of l (French for anything but English).
func (l Lang) Tag() language.Tag {
	if l == English {
		return language.English
	}
	return language.French
}

// Valid reports whether l is French or English.
func (l Lang) Valid() bool { return l == French || l == English }

// String returns "fr" or "en".
func (l Lang) String() string { return string(l) }

// ParseLang reads "fr", "en", "fr-CA", "en_CA", "français", "English"… in any
// case and answers French or English, or an error for anything else.
func ParseLang(s string) (Lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "fr", "fra", "fre", "français", "francais", "french":
		return French, nil
	case "en", "eng", "english", "anglais":
		return English, nil
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err == nil {
		switch base, _ := tag.Base(); base.String() {
		case "fr":
			return French, nil
		case "en":
			return English, nil
		}
	}
	return "", fmt.Errorf("i18n: unsupported language %q: want fr or en", s)
}

var matcher = language.NewMatcher([]language.Tag{language.French, language.English})

// MatchAcceptLanguage picks French or English from an HTTP Accept-Language
// header ("en-CA,en;q=0.9,fr;q=0.8"); French when nothing matches.
func MatchAcceptLanguage(header string) Lang {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return French
	}
	_, index, confidence := matcher.Match(tags...)
	if confidence == language.No || index != 1 {
		return French
	}
	return English
}
