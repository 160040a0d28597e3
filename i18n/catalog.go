package i18n

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Entry is one message of a catalog: a stable code and its French and English
// templates. Templates use fmt verbs (%s, %d, %v…); numbers are formatted the
// French or the English way.
type Entry struct {
	Code string
	FR   string
	EN   string
}

// Catalog is an immutable set of bilingual messages keyed by stable codes.
// It is safe for concurrent use. Each package declares its own.
type Catalog struct {
	codes map[string]bool
	fr    *message.Printer
	en    *message.Printer
}

// NewCatalog builds a catalog from entries. It refuses an empty code, a
// duplicate code or a missing French or English template.
func NewCatalog(entries ...Entry) (*Catalog, error) {
	b := catalog.NewBuilder(catalog.Fallback(language.French))
	codes := make(map[string]bool, len(entries))
	for _, e := range entries {
		switch {
		case e.Code == "":
			return nil, fmt.Errorf("i18n: catalog entry with an empty code")
		case codes[e.Code]:
			return nil, fmt.Errorf("i18n: duplicate catalog code %q", e.Code)
		case e.FR == "" || e.EN == "":
			return nil, fmt.Errorf("i18n: catalog code %q needs both a French and an English text", e.Code)
		}
		codes[e.Code] = true
		if err := b.SetString(language.French, e.Code, e.FR); err != nil {
			return nil, fmt.Errorf("i18n: code %q: %w", e.Code, err)
		}
		if err := b.SetString(language.English, e.Code, e.EN); err != nil {
			return nil, fmt.Errorf("i18n: code %q: %w", e.Code, err)
		}
	}
	return &Catalog{
		codes: codes,
		fr:    message.NewPrinter(language.French, message.Catalog(b)),
		en:    message.NewPrinter(language.English, message.Catalog(b)),
	}, nil
}

// MustCatalog is NewCatalog for package-level declarations: it panics on a
// malformed entry, which is a programming error caught by any test.
func MustCatalog(entries ...Entry) *Catalog {
	c, err := NewCatalog(entries...)
	if err != nil {
		panic(err)
	}
	return c
}

// Has reports whether the catalog knows code.
func (c *Catalog) Has(code string) bool { return c.codes[code] }

// Len returns the number of messages in the catalog.
func (c *Catalog) Len() int { return len(c.codes) }

// Text formats the message code with args in both languages. An unknown code
// is a programming error; its text says so in both languages rather than
// panicking.
func (c *Catalog) Text(code string, args ...any) Text {
	if !c.codes[code] {
		return Text{FR: "Erreur inconnue (" + code + ").", EN: "Unknown error (" + code + ")."}
	}
	return Text{FR: c.fr.Sprintf(code, args...), EN: c.en.Sprintf(code, args...)}
}

// Error returns an *Error with the message code, wrapping sentinel.
func (c *Catalog) Error(sentinel error, code string, args ...any) *Error {
	return &Error{Code: code, Message: c.Text(code, args...), Err: sentinel}
}

// Validator starts collecting field errors whose messages come from c.
func (c *Catalog) Validator() *Validator { return &Validator{catalog: c} }
