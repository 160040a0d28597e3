package i18n

import "strings"

// Text is a piece of bilingual text. French is the published language and is
// required wherever the text is shown; English is optional and falls back to
// French when absent.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en,omitempty"`
}

// In returns the text in l, falling back to French when the English version
// is empty.
func (t Text) In(l Lang) string {
	if l == English && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// IsZero reports whether both versions are empty.
func (t Text) IsZero() bool { return t.FR == "" && t.EN == "" }

// Trim returns t with surrounding white space removed from both versions.
func (t Text) Trim() Text {
	return Text{FR: strings.TrimSpace(t.FR), EN: strings.TrimSpace(t.EN)}
}

// String returns the French version, the published one.
func (t Text) String() string { return t.FR }
