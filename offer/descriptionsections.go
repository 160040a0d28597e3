package offer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/babillard/babillard/i18n"
)

// Section is one of the parts a job description must contain (docs/RULES.md
// D-1: purpose of the position, main duties and responsibilities, required
// qualifications). Its value is a stable code.
type Section string

// The required sections, in the order the board lists them.
const (
	// SectionPurpose is the purpose of the position (« Raison d'être du
	// poste »).
	SectionPurpose Section = "purpose"
	// SectionDuties is the main duties and responsibilities (« Principales
	// tâches et responsabilités »).
	SectionDuties Section = "duties"
	// SectionQualifications is the required qualifications
	// (« Qualifications requises »).
	SectionQualifications Section = "qualifications"
)

// RequiredSections returns the sections every job description must contain,
// in the board's order. The slice is the caller's. Its example prints the
// headings and labels accepted for each (see Section.Synonyms).
func RequiredSections() []Section {
	return []Section{SectionPurpose, SectionDuties, SectionQualifications}
}

// String returns the section's code.
func (s Section) String() string { return string(s) }

// Label returns the section's name as the board writes it, in French and
// English; an unknown section returns its code.
func (s Section) Label() i18n.Text {
	switch s {
	case SectionPurpose:
		return i18n.Text{FR: "Raison d'être du poste", EN: "Purpose of the position"}
	case SectionDuties:
		return i18n.Text{FR: "Principales tâches et responsabilités", EN: "Main duties and responsibilities"}
	case SectionQualifications:
		return i18n.Text{FR: "Qualifications requises", EN: "Required qualifications"}
	}
	return i18n.Text{FR: string(s), EN: string(s)}
}

// Synonyms returns the labels that announce the section, folded (lower case,
// no accents, every run of punctuation and spaces as one space, as
// group.Fold does for French and English text). The slice is the caller's; the table itself is fixed.
//
// A description announces a section with a label: a heading (h2–h4), the
// bold words that open a paragraph, a list item or a line, or the words
// before a colon at the start of one ("Mandat : …"). A label of at most
// twelve words announces every section one of whose synonyms it contains as
// whole words, so "Vos principales tâches et responsabilités" and
// "Description du poste et exigences" both count, the latter for two
// sections. The shortest, most generic synonyms (exact-only, see the table)
// count only as the whole label, after a leading "vos", "votre", "your",
// "the"…; a whole paragraph that is nothing but such a label counts too.
//
// The table is built so that one section's words never announce another:
// "responsabilités" is a duty, never the purpose; "mandat" (singular) is the
// purpose while "mandats" is duties; the organisation's "mission" (a
// suggested section) is neither, but the position's is the purpose.
func (s Section) Synonyms() []string {
	var out []string
	for _, syn := range sectionSynonyms {
		if syn.section == s {
			out = append(out, syn.phrase)
		}
	}
	return out
}

// sectionSynonym is one entry of the synonym table.
type sectionSynonym struct {
	section Section
	phrase  string // folded
	exact   bool   // counts only as the whole label
}

// sectionSynonyms is the synonym table, in French then English. It is never
// modified.
var sectionSynonyms = [...]sectionSynonym{
	// Purpose of the position.
	{SectionPurpose, "raison d etre", false},
	{SectionPurpose, "mandat", false},
	{SectionPurpose, "sommaire du poste", false},
	{SectionPurpose, "sommaire de l emploi", false},
	{SectionPurpose, "description du poste", false},
	{SectionPurpose, "description de poste", false},
	{SectionPurpose, "description de l emploi", false},
	{SectionPurpose, "objectif du poste", false},
	{SectionPurpose, "objectifs du poste", false},
	{SectionPurpose, "but du poste", false},
	{SectionPurpose, "nature du poste", false},
	{SectionPurpose, "mission du poste", false},
	{SectionPurpose, "apercu du poste", false},
	{SectionPurpose, "presentation du poste", false},
	{SectionPurpose, "resume du poste", false},
	{SectionPurpose, "a propos du poste", false},
	{SectionPurpose, "sommaire", true},
	{SectionPurpose, "resume", true},
	{SectionPurpose, "objectif", true},
	{SectionPurpose, "poste", true},
	{SectionPurpose, "purpose", false},
	{SectionPurpose, "position summary", false},
	{SectionPurpose, "job summary", false},
	{SectionPurpose, "role summary", false},
	{SectionPurpose, "summary of the position", false},
	{SectionPurpose, "summary of the role", false},
	{SectionPurpose, "position overview", false},
	{SectionPurpose, "job overview", false},
	{SectionPurpose, "role overview", false},
	{SectionPurpose, "overview of the role", false},
	{SectionPurpose, "overview of the position", false},
	{SectionPurpose, "about the role", false},
	{SectionPurpose, "about the position", false},
	{SectionPurpose, "about the job", false},
	{SectionPurpose, "job description", false},
	{SectionPurpose, "position description", false},
	{SectionPurpose, "position objective", false},
	{SectionPurpose, "objective of the position", false},
	{SectionPurpose, "summary", true},
	{SectionPurpose, "overview", true},
	{SectionPurpose, "objective", true},
	{SectionPurpose, "the opportunity", true},
	{SectionPurpose, "position", true},

	// Main duties and responsibilities.
	{SectionDuties, "taches", false},
	{SectionDuties, "responsabilites", false},
	{SectionDuties, "fonctions", false},
	{SectionDuties, "attributions", false},
	{SectionDuties, "mandats", false},
	{SectionDuties, "defis", false},
	{SectionDuties, "activites principales", false},
	{SectionDuties, "principales activites", false},
	{SectionDuties, "ce que vous ferez", false},
	{SectionDuties, "au quotidien", false},
	{SectionDuties, "votre quotidien", false},
	{SectionDuties, "duties", false},
	{SectionDuties, "responsibilities", false},
	{SectionDuties, "accountabilities", false},
	{SectionDuties, "tasks", false},
	{SectionDuties, "main activities", false},
	{SectionDuties, "key activities", false},
	{SectionDuties, "what you will do", false},
	{SectionDuties, "what you ll do", false},
	{SectionDuties, "what you will be doing", false},
	{SectionDuties, "what you ll be doing", false},
	{SectionDuties, "day to day", false},

	// Required qualifications.
	{SectionQualifications, "qualifications", false},
	{SectionQualifications, "qualification requise", false},
	{SectionQualifications, "exigences", false},
	{SectionQualifications, "exigence", false},
	{SectionQualifications, "profil recherche", false},
	{SectionQualifications, "profil requis", false},
	{SectionQualifications, "profil souhaite", false},
	{SectionQualifications, "votre profil", false},
	{SectionQualifications, "competences", false},
	{SectionQualifications, "prerequis", false},
	{SectionQualifications, "formation et experience", false},
	{SectionQualifications, "scolarite et experience", false},
	{SectionQualifications, "experience et formation", false},
	{SectionQualifications, "criteres d embauche", false},
	{SectionQualifications, "ce que nous recherchons", false},
	{SectionQualifications, "ce que vous apportez", false},
	{SectionQualifications, "profil", true},
	{SectionQualifications, "formation", true},
	{SectionQualifications, "requirements", false},
	{SectionQualifications, "requirement", false},
	{SectionQualifications, "required skills", false},
	{SectionQualifications, "skills and experience", false},
	{SectionQualifications, "education and experience", false},
	{SectionQualifications, "experience and education", false},
	{SectionQualifications, "prerequisites", false},
	{SectionQualifications, "what you bring", false},
	{SectionQualifications, "what we are looking for", false},
	{SectionQualifications, "what we re looking for", false},
	{SectionQualifications, "who you are", false},
	{SectionQualifications, "your profile", false},
	{SectionQualifications, "must have", false},
	{SectionQualifications, "profile", true},
	{SectionQualifications, "skills", true},
}

// maxLabelWords is the longest label, in folded words, that can announce a
// section: longer texts are sentences, not labels. maxLabelBytes spares
// folding texts too long to be labels.
const (
	maxLabelWords = 12
	maxLabelBytes = 200
)

// labelDeterminers are the leading words dropped before an exact match.
var labelDeterminers = [...]string{"vos", "votre", "nos", "notre", "les", "le", "la", "l", "your", "our", "the", "key", "main"}

// sectionSet records which sections a description announces.
type sectionSet [3]bool

func sectionIndex(s Section) int {
	switch s {
	case SectionPurpose:
		return 0
	case SectionDuties:
		return 1
	default:
		return 2
	}
}

// missing returns the required sections not in the set, or nil.
func (f *sectionSet) missing() []Section {
	var out []Section
	for _, s := range RequiredSections() {
		if !f[sectionIndex(s)] {
			out = append(out, s)
		}
	}
	return out
}

// matchLabel records the sections that label announces. A whole-paragraph
// label (strong false) announces only by an exact synonym.
func (f *sectionSet) matchLabel(label string, strong bool) {
	if len(label) > maxLabelBytes || isBlankText(label) {
		return
	}
	folded := foldLabel(label)
	if folded == "" {
		return
	}
	words := strings.Fields(folded)
	for len(words) > 0 && isDigits(words[0]) { // "1. Mandat", "2) Tâches"
		words = words[1:]
	}
	if len(words) == 0 || len(words) > maxLabelWords {
		return
	}
	whole := strings.Join(words, " ")
	bare := whole
	for len(words) > 1 && isDeterminer(words[0]) {
		words = words[1:]
		bare = strings.Join(words, " ")
	}
	for _, syn := range sectionSynonyms {
		switch {
		case whole == syn.phrase || bare == syn.phrase:
		case strong && !syn.exact && containsWords(whole, syn.phrase):
		default:
			continue
		}
		f[sectionIndex(syn.section)] = true
	}
}

// containsWords reports whether the folded s contains the folded phrase as
// whole words.
func containsWords(s, phrase string) bool {
	for i := 0; i+len(phrase) <= len(s); {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(phrase)
		if (j == 0 || s[j-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isDeterminer(w string) bool {
	for _, d := range labelDeterminers {
		if w == d {
			return true
		}
	}
	return false
}

// all reports whether every section was found.
func (f *sectionSet) all() bool { return f[0] && f[1] && f[2] }

// detectSections reads the labels of a sanitised description (the output of
// the rebuild: headings, paragraphs and lists at the top level).
func detectSections(root *html.Node) sectionSet {
	var found sectionSet
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found.all(); c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H2, atom.H3, atom.H4:
				found.matchLabel(nodeText(c), true)
			case atom.P, atom.Li:
				found.matchLines(c)
				walk(c) // nested lists of a list item
			case atom.Ul, atom.Ol:
				walk(c)
			}
		}
	}
	walk(root)
	return found
}

// matchLines looks for labels in each line of a paragraph or list item
// (lines are separated by <br> and nested lists): the bold words that open
// the line, the words before its first colon, and the whole line.
func (f *sectionSet) matchLines(block *html.Node) {
	var (
		lineText strings.Builder
		lead     string // text of the bold element opening the line
		started  bool   // the line has visible text
	)
	flush := func() {
		text := lineText.String()
		if lead != "" {
			f.matchLabel(lead, true)
		}
		if i := labelColon(text); i > 0 {
			f.matchLabel(text[:i], true)
		}
		f.matchLabel(text, false)
		lineText.Reset()
		lead, started = "", false
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				lineText.WriteString(c.Data)
				if !isBlankText(c.Data) {
					started = true
				}
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Br:
				flush()
			case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
				flush()
			case (c.DataAtom == atom.Strong || c.DataAtom == atom.B) && !started:
				lead = firstLineText(c)
				walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(block)
	flush()
}

// labelColon returns the index of the colon (":" or the full-width "：")
// that ends a label at the start of a line, or -1.
func labelColon(lineText string) int {
	const maxPrefix = 120
	head := lineText[:min(len(lineText), maxPrefix+len("："))]
	i := strings.IndexByte(head, ':')
	if j := strings.Index(head, "："); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i > maxPrefix {
		return -1
	}
	return i
}

// firstLineText returns the text of n up to its first <br>.
func firstLineText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				return false
			case !walk(c):
				return false
			}
		}
		return true
	}
	walk(n)
	return b.String()
}

// nodeText returns the text of n and its descendants.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// latinBase maps U+00C0–U+017F to their unaccented lower-case ASCII letter,
// '.' where there is none (Æ, Ø, ß, Œ…, and the signs × and ÷).
const latinBase = "" +
	"aaaaaa.ceeeeiiii.nooooo..uuuuy.." + // U+00C0
	"aaaaaa.ceeeeiiii.nooooo..uuuuy.y" + // U+00E0
	"aaaaaaccccccccdd..eeeeeeeeeegggg" + // U+0100
	"gggghh..iiiiiiiii...jjkk.llllll." + // U+0120
	"...nnnnnn...oooooo..rrrrrrssssss" + // U+0140
	"sstttt..uuuuuuuuuuuuwwyyyzzzzzz." //   U+0160

// foldLabel folds a label as group.Fold does — lower case, accents removed,
// every run of characters other than letters and digits turned into one
// space, no surrounding space — without group.Fold's Unicode normalisation
// machinery, which costs a few allocations per call: accents are removed
// from the Latin-1 and Latin Extended-A letters and combining marks dropped,
// which covers French and English; other letters are only lower-cased.
func foldLabel(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r < 0xC0:
			space = true
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 0x180 && latinBase[r-0xC0] != '.':
			r = rune(latinBase[r-0xC0])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}
