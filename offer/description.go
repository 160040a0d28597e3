package offer

import (
	"github.com/babillard/babillard/i18n"
)

// Limits of a job description.
const (
	// MaxDescriptionLength is the longest description ValidateDescription
	// accepts, in characters of visible text (runs of white space count as
	// one). The board's guides give none (docs/RULES.md D-6); 20,000
	// characters is about eight printed pages, far beyond any real job
	// description.
	MaxDescriptionLength = 20_000

	// MaxDescriptionHTMLBytes is the largest HTML input ValidateDescription
	// sanitises, in bytes, before any cleaning. It leaves room for the heavy
	// markup of text pasted from a word processor, and bounds the work one
	// request can cause.
	MaxDescriptionHTMLBytes = 512 << 10
)

// DescriptionOptions tells SanitizeDescription about the offer whose
// description it cleans. The zero value is valid: no link is then taken for
// the offer's own application link, but e-mail addresses and mailto links
// are still removed.
type DescriptionOptions struct {
	// ApplyURL is the offer's own "apply on the company's site" address.
	// Links to it are removed from the description (their text is kept), and
	// so are links to the same host and path whatever the scheme, a leading
	// "www.", the letter case, a trailing slash, dot segments, encoded dots,
	// segment parameters (";jsessionid=…") or repeated slashes in the
	// path, the query or the fragment; the
	// address written as plain text is removed too. A value without a
	// scheme ("acme.ca/careers/apply") is read as https; a value longer than
	// MaxURLLength is ignored.
	ApplyURL string `json:"apply_url"`

	// ApplyEmail is the offer's own "apply by e-mail" address. Every e-mail
	// address is removed from the description anyway; this one is also
	// hunted in its disguised forms ("rh at acme dot ca", "rh (arobase)
	// acme.ca"), and links whose URL carries it are removed. A value longer
	// than 254 bytes, the longest address, is ignored.
	ApplyEmail string `json:"apply_email"`
}

// DescriptionResult is what SanitizeDescription made of one description.
type DescriptionResult struct {
	// HTML is the description, safe to insert in a page as it is: only the
	// elements and attributes listed in SanitizeDescription remain.
	HTML string `json:"html"`

	// Removed lists the application channels taken out of the text, in
	// order of appearance, each distinct address or link once, so that the
	// user interface can tell the employer (see RemovedItem.Message).
	Removed []RemovedItem `json:"removed,omitempty"`

	// Missing lists the required sections (RequiredSections) that no
	// heading or label of the description announces, in the order of
	// RequiredSections. It is empty when all are present.
	Missing []Section `json:"missing,omitempty"`

	// Length is the number of characters of visible text, runs of white
	// space counting as one. A description whose Length is 0 is empty,
	// whatever markup it had.
	Length int `json:"length"`
}

// RemovalKind says what kind of application channel the sanitiser removed.
type RemovalKind string

// The kinds of removal. Their values are stable.
const (
	// RemovedMailtoLink is a mailto: link. The link is removed; its text
	// stays unless it is itself an e-mail address.
	RemovedMailtoLink RemovalKind = "mailto_link"
	// RemovedEmailAddress is an e-mail address written in the text.
	RemovedEmailAddress RemovalKind = "email_address"
	// RemovedApplyLink is a link to the offer's ApplyURL (its text stays
	// unless it is the address itself), the ApplyURL written as text, or a
	// link whose URL carries an e-mail address.
	RemovedApplyLink RemovalKind = "apply_link"
)

// RemovedItem is one application channel that SanitizeDescription removed.
type RemovedItem struct {
	// Kind says what was removed.
	Kind RemovalKind `json:"kind"`
	// Text is the address or URL as the employer wrote it: the address of
	// a mailto link (without "mailto:" and its query), the e-mail address
	// (in its disguised form when it was disguised), the link's URL.
	Text string `json:"text"`
}

// Message explains the removal to the employer, in French and English.
func (r RemovedItem) Message() i18n.Text {
	return descriptionMessages.Text("description.removed."+string(r.Kind), r.Text)
}

// DescriptionReport is what ValidateDescription made of a bilingual
// description: one result per language. A version without visible text has
// an empty HTML and no Missing sections.
type DescriptionReport struct {
	// FR is the result for the French version, the published one.
	FR DescriptionResult `json:"fr"`
	// EN is the result for the optional English version.
	EN DescriptionResult `json:"en"`
}

// HTML returns the sanitised description in both languages, ready to store.
func (r DescriptionReport) HTML() i18n.Text {
	return i18n.Text{FR: r.FR.HTML, EN: r.EN.HTML}
}

// ValidateDescription sanitises both versions of a description with
// SanitizeDescription and checks them for publication: the French version is
// required (some visible text, not just markup); the English one is
// optional, but when present it is held to the same rules; each version is
// at most MaxDescriptionLength characters of text and MaxDescriptionHTMLBytes
// of input, and announces every required section (RequiredSections).
//
// It returns the report in every case, so that the caller can store the
// cleaned text of a draft and show the employer what was removed, and a
// *i18n.ValidationError (nil when the description may be published) with
// these faults, on the fields "description.fr" and "description.en":
//
//	description.required          the French version has no visible text
//	description.too_long          more than MaxDescriptionLength characters
//	description.html_too_long     more than MaxDescriptionHTMLBytes of input (not sanitised)
//	description.section_missing   one per missing section, naming it
//
// A draft may be saved with missing sections: check the codes, or use
// SanitizeDescription alone. Sanitising is idempotent, so an already
// sanitised description can be validated again.
func ValidateDescription(d i18n.Text, opts DescriptionOptions) (DescriptionReport, error) {
	v := descriptionMessages.Validator()
	report := DescriptionReport{
		FR: checkDescription(v, "description.fr", d.FR, true, opts),
		EN: checkDescription(v, "description.en", d.EN, false, opts),
	}
	return report, v.Err()
}

// checkDescription sanitises one version and records its faults.
func checkDescription(v *i18n.Validator, field, in string, required bool, opts DescriptionOptions) DescriptionResult {
	if len(in) > MaxDescriptionHTMLBytes {
		v.Add(field, "description.html_too_long", MaxDescriptionHTMLBytes>>10)
		return DescriptionResult{}
	}
	res := SanitizeDescription(in, opts)
	switch {
	case res.Length == 0:
		// Nothing to publish: an absent English version, or a French one
		// that the required fault already covers.
		v.Check(required, field, "description.required")
		res.Missing = nil
		return res
	case res.Length > MaxDescriptionLength:
		v.Add(field, "description.too_long", MaxDescriptionLength)
	}
	for _, s := range res.Missing {
		label := s.Label()
		v.Add(field, "description.section_missing", label.FR, label.EN)
	}
	return res
}
