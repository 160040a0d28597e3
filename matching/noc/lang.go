package noc

import "strings"

// Lang is the language of a job title or of an example title.
type Lang uint8

const (
	// Auto (the zero value) means the language is unknown: [Coder.Code] guesses it.
	Auto Lang = iota
	// EN is English.
	EN
	// FR is French.
	FR
)

// String returns "en", "fr" or "auto".
func (l Lang) String() string {
	switch l {
	case EN:
		return "en"
	case FR:
		return "fr"
	default:
		return "auto"
	}
}

// ParseLang reads a language tag such as "fr", "FR", "fr-CA", "en_CA", "english" or "français";
// anything else (including "") is [Auto].
func ParseLang(tag string) Lang {
	t := strings.ToLower(strings.TrimSpace(tag))
	switch {
	case t == "en" || strings.HasPrefix(t, "en-") || strings.HasPrefix(t, "en_") || t == "eng" || t == "english" || t == "anglais":
		return EN
	case t == "fr" || strings.HasPrefix(t, "fr-") || strings.HasPrefix(t, "fr_") || t == "fra" || t == "fre" ||
		t == "french" || t == "francais" || t == "français":
		return FR
	}
	return Auto
}
