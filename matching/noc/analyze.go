package noc

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The analyser turns a job title into the stems the coder matches. It is allocation-free once its
// buffers have grown, and the same code analyses the example titles at build time and the titles
// to code at query time, so that both sides agree:
//
//   - case and accents are folded ("Ingénieure" → "ingenieure"), typographic dashes, apostrophes
//     and middle dots are mapped to ASCII;
//   - inclusive forms are reduced to the first form ("ingénieur(e)", "ingénieur·e", "ingénieur.e",
//     "ingénieur/e", "technicien(ne)s"), and "/woman" of "foreman/woman" is dropped;
//   - words are split on spaces and punctuation (hyphens included), single letters and stop words
//     (de, du, des, of, and…) are dropped, words after "sauf"/"except" in the same segment too;
//   - noise is dropped: places (Montréal, Laval, Toronto, QC…), work arrangements (remote,
//     hybride, télétravail, temps plein, full-time, permanent, classe 1, quart de nuit, lundi au
//     vendredi, 12 mois, étudiant d'été, syndiqué…), recruitment words (nous recrutons, offre
//     d'emploi, hiring, req…), numbers, designations (ing., P.Eng., CPA, niveau 2, Level II…),
//     experience asked for ("avec expérience", "5 years of experience") and seniority words
//     (senior, junior, lead, principal, sr, jr…). Noise words that never occur in the official
//     titles are dropped anywhere; the others (contract, remote, Québec, shift, student…) only in
//     qualifying segments — after " - ", "–", a comma, "|" or ":", in brackets — or in segments
//     made of noise only; a seniority word stays when it heads the title ("School principal",
//     "Principal d'école"). A dash or a colon starts a qualifying segment only once the title has
//     a content word: in "URGENT - Soudeur" or "Nous recrutons : Électricienne" the title proper
//     is what follows;
//   - a light stemmer maps plurals and French feminine forms to one stem (ingénieures, ingénieur →
//     ingenieur; directrice → directeur; analystes, analyst → analyst), so that both halves of the
//     official "Ingénieur civil/ingénieure civile" meet the posting's single form;
//   - the head noun is marked: the first word of a French title, the last word before the first
//     preposition of an English one ("engineer" in "Civil engineer - construction");
//   - the terms matched are the stems, the roots of the longer stems (their first letters: partial
//     credit for "repairer"/"repair"), the pairs of adjacent stems and, for the words the coder
//     does not know, the endings of the longer stems ("…smith" of "Knifesmith"; see makeTerms).

const (
	maxTitleBytes = 400 // longer titles are cut (job titles are short; bounds the work)
	// maxTitleInputBytes is where a title is cut before its HTML entities are decoded, so that
	// a huge title costs no more than a short one: room for maxTitleBytes of entity-heavy text
	// ("&eacute;" is 8 bytes for 2).
	maxTitleInputBytes = 4 * maxTitleBytes
	maxWords           = 40 // words analysed per title
)

// word kinds (noise classes).
const (
	kContent uint8 = iota
	kPlace
	kArrangement
	kDesignation
	kSeniority
)

type word struct {
	raw        [2]int32 // folded word in analyzer.fold
	stem       [2]int32 // stem in analyzer.stems
	seg        int16    // segment number
	kind       uint8
	strong     bool // strong noise: dropped anywhere
	qual       bool // inside brackets, or after a dash, "|" or ":" that follows a content word
	paren      bool // inside brackets
	comma      bool // after a comma in the main part
	afterPrep  bool // an English preposition came before it in its segment run
	drop       bool
	head       bool
	noFuzzy    bool
	afterSlash bool // a '/' came right before (the second form of "masc/fem")
}

// analyzer holds the buffers of one analysis; it is reused through a pool.
type analyzer struct {
	fold   []byte
	stems  []byte
	words  []word
	keys   []byte
	terms  []term
	enStop int // English stop words seen (language evidence)
	// mainContent is set once a content word of the main part is seen: a dash, ":" or "|" before
	// it does not start a qualifying segment ("URGENT - Électricien", "Nous recrutons : …").
	mainContent bool
	frStop      int     // French stop words seen
	accents     int     // French diacritics seen in content words (language evidence)
	accPos      []int32 // where diacritics were folded, in fold
	accNext     int     // the first of accPos not yet given to a word
	onlyNoise   bool    // every word was noise, and all were kept (see finish)
}

func (a *analyzer) reset() {
	a.fold = a.fold[:0]
	a.stems = a.stems[:0]
	a.words = a.words[:0]
	a.keys = a.keys[:0]
	a.terms = a.terms[:0]
	a.enStop, a.frStop, a.accents = 0, 0, 0
	a.accPos, a.accNext = a.accPos[:0], 0
	a.onlyNoise = false
	a.mainContent = false
}

func (a *analyzer) rawWord(w *word) []byte  { return a.fold[w.raw[0]:w.raw[1]] }
func (a *analyzer) stemWord(w *word) []byte { return a.stems[w.stem[0]:w.stem[1]] }

// foldText writes the lower-case, accent-free form of s into a.fold.
func (a *analyzer) foldText(s string) {
	if len(s) > maxTitleBytes {
		s = s[:maxTitleBytes]
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				a.fold = append(a.fold, c+'a'-'A')
			case c == '\t' || c == '\n' || c == '\r' || c == '`':
				if c == '`' {
					a.fold = append(a.fold, '\'')
				} else {
					a.fold = append(a.fold, ' ')
				}
			case c < ' ' || c == 0x7f:
				a.fold = append(a.fold, ' ')
			default:
				a.fold = append(a.fold, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		a.foldRune(r)
	}
}

func (a *analyzer) foldRune(r rune) {
	switch r {
	case 'à', 'â', 'ä', 'À', 'Â', 'Ä', 'á', 'Á', 'ã', 'å':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'a')
	case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'e')
	case 'î', 'ï', 'Î', 'Ï', 'í', 'ì':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'i')
	case 'ô', 'ö', 'Ô', 'Ö', 'ó', 'ò', 'õ':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'o')
	case 'û', 'ù', 'ü', 'Û', 'Ù', 'Ü', 'ú':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'u')
	case 'ç', 'Ç':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'c')
	case 'ÿ', 'Ÿ':
		a.fold = append(a.fold, 'y')
	case 'œ', 'Œ':
		a.accPos = append(a.accPos, int32(len(a.fold)))
		a.fold = append(a.fold, 'o', 'e')
	case 'æ', 'Æ':
		a.fold = append(a.fold, 'a', 'e')
	case 'ß':
		a.fold = append(a.fold, 's', 's')
	case '\u2019', '\u2018', '\u00b4', '\u02bc', '\u2032':
		a.fold = append(a.fold, '\'')
	case '\u2010', '\u2011': // hyphens
		a.fold = append(a.fold, '-')
	case '\u2012', '\u2013', '\u2014', '\u2015', '\u2212': // dashes
		a.fold = append(a.fold, ' ', '-', ' ')
	case '\u00b7', '\u2022', '\u2219', '\u22c5', '\u2027': // middle dots
		a.fold = append(a.fold, '.')
	default:
		if unicode.IsSpace(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			a.fold = append(a.fold, ' ')
			return
		}
		r = unicode.ToLower(r)
		// Decompose and keep the base letter when it is ASCII (ł, ñ, č…).
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		if d := norm.NFKD.Properties(buf[:n]).Decomposition(); len(d) > 0 && d[0] < utf8.RuneSelf {
			if c := d[0]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				a.fold = append(a.fold, c)
				return
			}
		}
		a.fold = append(a.fold, buf[:n]...)
	}
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}

// inclusiveSuffix reports whether s is a feminine (or plural) ending written after a marker in
// an inclusive form: "ingénieur(e)", "ingénieur·e", "technicien/ne", "directeur.rice".
func inclusiveSuffix(s []byte) bool {
	switch string(s) {
	case "e", "es", "ne", "nes", "le", "les", "se", "ses", "euse", "euses", "rice", "rices",
		"trice", "trices", "ere", "eres", "iere", "ieres", "ive", "ives", "ienne", "iennes",
		"enne", "ennes", "te", "tes", "s", "x", "fe", "ve", "ice":
		return true
	}
	return false
}

// skipInclusive checks for an inclusive ending at f[i] (a marker following a letter) and returns
// the index after it, or i when there is none.
func skipInclusive(f []byte, i int) int {
	m := f[i]
	j := i + 1
	for j < len(f) && 'a' <= f[j] && f[j] <= 'z' {
		j++
	}
	if j == i+1 {
		return i
	}
	suf := f[i+1 : j]
	switch m {
	case '(':
		if j < len(f) && f[j] == ')' && inclusiveSuffix(suf) {
			j++
			if j < len(f) && f[j] == 's' && (j+1 == len(f) || !isWordByte(f[j+1])) {
				j++
			}
			return j
		}
		return i
	case '/':
		if string(suf) == "woman" || string(suf) == "women" || string(suf) == "femme" || string(suf) == "femmes" {
			break
		}
		if !inclusiveSuffix(suf) {
			return i
		}
	case '.':
		if !inclusiveSuffix(suf) {
			return i
		}
	case '-':
		if string(suf) != "e" && string(suf) != "es" {
			return i
		}
	default:
		return i
	}
	if j < len(f) && isWordByte(f[j]) {
		return i
	}
	return j
}

// tokenize splits a.fold into words.
func (a *analyzer) tokenize() {
	f := a.fold
	var (
		seg       int16
		depth     int
		qual      bool // after a dash, "|" or ":"
		comma     bool
		prep      bool // English preposition seen in the current segment
		negated   bool // after "sauf"/"except" in the current segment
		slashPrev bool // the previous separator was '/'
	)
	newSeg := func() {
		seg++
		negated = false
		prep = false
	}
	for i := 0; i < len(f); {
		c := f[i]
		if isWordByte(c) {
			j := i
			for j < len(f) && isWordByte(f[j]) {
				j++
			}
			a.addWord(int32(i), int32(j), seg, qual || depth > 0, depth > 0, comma, &prep, &negated, slashPrev)
			slashPrev = false
			i = j
			// An inclusive ending right after the word?
			if i < len(f) {
				if k := skipInclusive(f, i); k != i {
					i = k
				}
			}
			continue
		}
		switch c {
		case '(', '[', '{':
			depth++
			newSeg()
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			newSeg()
		case ',', ';':
			if depth == 0 && !qual && a.mainContent {
				comma = true
			}
			newSeg()
		case '|', ':', '!', '?', '"', '*', '>', '<', '=', '~', '\\':
			if depth == 0 && a.mainContent {
				qual = true
			}
			newSeg()
		case '-':
			spaceBefore := i == 0 || f[i-1] == ' '
			spaceAfter := i+1 == len(f) || f[i+1] == ' ' || f[i+1] == '-'
			if spaceBefore || spaceAfter {
				if depth == 0 && a.mainContent {
					qual = true
				}
				newSeg()
			}
		case '/':
			slashPrev = true
			i++
			continue
		}
		i++
	}
}

// afterLetterP reports whether the word starting at fold[i] follows a lone "p" and a dot or a
// space ("P.Eng", "P. Eng").
func (a *analyzer) afterLetterP(i int32) bool {
	f := a.fold
	j := i - 1
	for j >= 0 && (f[j] == '.' || f[j] == ' ') {
		j--
	}
	return j < i-1 && j >= 0 && f[j] == 'p' && (j == 0 || !isWordByte(f[j-1]))
}

// prevWord returns the folded word that ends before fold[i] (skipping what is not a word), or nil.
func (a *analyzer) prevWord(i int32) ([]byte, int32) {
	f := a.fold
	j := i - 1
	for j >= 0 && !isWordByte(f[j]) {
		j--
	}
	if j < 0 {
		return nil, 0
	}
	k := j
	for k >= 0 && isWordByte(f[k]) {
		k--
	}
	return f[k+1 : j+1], k + 1
}

// experienceAsked reports whether the word "experience" at fold[i] states a requirement ("with
// experience", "avec expérience", "sans expérience", "5 years of experience", "2 ans
// d'expérience") rather than a field ("User experience designer").
func (a *analyzer) experienceAsked(i int32) bool {
	p, at := a.prevWord(i)
	if string(p) == "d" || string(p) == "of" || string(p) == "de" {
		p, _ = a.prevWord(at)
	}
	switch string(p) {
	case "with", "without", "avec", "sans", "years", "year", "ans", "an", "annees", "annee",
		"minimum", "some", "peu", "little", "no":
		return true
	}
	switch string(a.nextWord(i)) {
	case "required", "requise", "requis", "exigee", "exige", "minimum", "souhaitee", "preferred":
		return true
	}
	return false
}

// nextWord returns the folded word that follows the word starting at fold[i], or nil.
func (a *analyzer) nextWord(i int32) []byte {
	f := a.fold
	j := int(i)
	for j < len(f) && isWordByte(f[j]) {
		j++
	}
	for j < len(f) && !isWordByte(f[j]) {
		j++
	}
	k := j
	for k < len(f) && isWordByte(f[k]) {
		k++
	}
	return f[j:k]
}

// addWord classifies one folded word and appends it with its stem.
func (a *analyzer) addWord(i, j int32, seg int16, qual, paren, comma bool, prep, negated *bool, slashPrev bool) {
	if len(a.words) >= maxWords {
		return
	}
	w := a.fold[i:j]
	if *negated {
		return
	}
	if len(w) == 1 && !('0' <= w[0] && w[0] <= '9') {
		return
	}
	// Stop words are language evidence in the main part only ("Cook - Lundi au vendredi").
	main := 1
	if qual {
		main = 0
	}
	switch stopKind(w) {
	case stopEN:
		a.enStop += main
		return
	case stopFR:
		a.frStop += main
		return
	case stopBoth:
		return
	case stopPrepEN:
		a.enStop += main
		*prep = true
		return
	case stopNeg:
		*negated = true
		return
	}
	switch string(w) {
	case "woman", "women", "femme", "femmes":
		if slashPrev {
			return
		}
	}
	kind, strong := noiseKind(w)
	if (string(w) == "experience" || string(w) == "experiences") && a.experienceAsked(i) {
		kind, strong = kArrangement, true // "with experience", "5 ans d'expérience"
	}
	if a.afterLetterP(i) {
		switch string(w) {
		case "eng", "geo", "ag", "log": // "P.Eng.", "P. Eng", "P.Geo.", "P.Ag.": a designation
			kind, strong = kDesignation, true
		}
	}
	if kind == kContent && !qual && !paren {
		a.mainContent = true
	}
	// Diacritics are language evidence in content words only ("Welder - Montréal").
	for ; a.accNext < len(a.accPos) && a.accPos[a.accNext] < j; a.accNext++ {
		if a.accPos[a.accNext] >= i && kind == kContent {
			a.accents++
		}
	}
	st := int32(len(a.stems))
	a.stems = appendStem(a.stems, w)
	a.words = append(a.words, word{
		raw:        [2]int32{i, j},
		stem:       [2]int32{st, int32(len(a.stems))},
		seg:        seg,
		kind:       kind,
		strong:     strong,
		qual:       qual,
		paren:      paren,
		comma:      comma,
		afterPrep:  *prep,
		afterSlash: slashPrev,
	})
	a.markPair()
}

// Stop-word kinds.
const (
	stopNone = iota
	stopEN
	stopFR
	stopBoth
	stopPrepEN
	stopNeg
)

func stopKind(w []byte) int {
	switch string(w) {
	case "the", "and", "or", "an", "as", "into", "than", "other":
		return stopEN
	case "of", "for", "in", "at", "to", "with", "on", "from", "by":
		return stopPrepEN
	case "de", "du", "des", "la", "le", "les", "et", "en", "au", "aux", "pour", "dans", "sur", "par",
		"ou", "un", "une", "avec", "chez", "aupres", "autres", "autre":
		return stopFR
	case "a", "d", "l", "s", "y":
		return stopBoth
	case "sauf", "except", "excluding", "excl", "excepte":
		return stopNeg
	}
	return stopNone
}

// noiseKind classifies the words that say where, how or at which level one works, not what. A
// strong noise word never occurs in the official example titles and is dropped anywhere; a weak
// one (contract, permanent, remote, Québec…) also names occupations ("Contract administrator",
// "Remote sensing technician") and is dropped only in qualifying segments.
func noiseKind(w []byte) (kind uint8, strong bool) {
	switch string(w) {
	// Places: Québec's larger cities and regions, the provinces, Canada's larger cities.
	case "montreal", "mtl", "qc", "laval", "gatineau", "longueuil", "sherbrooke", "saguenay",
		"levis", "terrebonne", "brossard", "repentigny", "drummondville", "granby", "blainville",
		"mirabel", "boucherville", "rimouski", "chicoutimi", "shawinigan", "victoriaville", "joliette",
		"rouyn", "noranda", "boisbriand", "candiac", "dorval", "mascouche", "chateauguay", "vaudreuil",
		"beloeil", "varennes", "monteregie", "laurentides", "lanaudiere", "estrie",
		"outaouais", "mauricie", "abitibi", "temiscamingue", "gaspesie", "charlevoix", "beauce",
		"ontario", "alberta", "manitoba", "saskatchewan", "brunswick", "scotia",
		"ecosse", "newfoundland", "labrador", "yukon", "nunavut", "bc", "ab", "mb",
		"sk", "nb", "ns", "nl", "pei", "ipe", "toronto", "ottawa", "vancouver", "calgary", "edmonton",
		"winnipeg", "halifax", "mississauga", "brampton", "hamilton", "kitchener", "waterloo", "windsor",
		"moncton", "fredericton", "saskatoon", "regina", "kelowna", "burnaby", "markham", "vaughan",
		"oakville", "gta", "downtown", "gtha":
		return kPlace, true
	case "quebec", "canada", "region", "regions", "province", "nord", "sud", "est", "ouest", "north",
		"south", "east", "west":
		return kPlace, false
	// Work arrangements and contract types.
	case "possible", "possibles", "hybride", "teletravail", "telework", "teleworking", "telecommute", "wfh",
		"onsite", "presentiel", "fulltime", "parttime", "temporaire", "temporary", "temp", "cdi", "cdd",
		"urgent", "urgently", "anywhere", "sponsorship", "visa", "lmia", "eimt", "hf", "fh", "mf", "fm",
		"weekend", "heures", "hours", "hrs", "hr", "h", "hiring", "embauche", "opportunity", "opportunite",
		// Recruitment words before the title ("Nous recrutons :", "Job offer -").
		"recrutons", "recrute", "nous", "we", "now", "join", "rejoignez", "joignez", "offer", "offre",
		"careers", "position", "positions", "vacancy", "wanted", "needed", "requis", "asap",
		"immediately", "immediatement", "req", "ref", "id", "no", "num", "numero",
		// Schedules, durations, students ("Quart de nuit", "Monday to Friday", "12-month
		// contract", "Summer student").
		"shifts", "nights", "evenings", "soirs", "weekends", "days", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi",
		"vendredi", "samedi", "dimanche", "week", "weeks", "month", "months", "mois", "year", "years",
		"ans", "annee", "annees", "summer", "ete", "graduates", "grad", "finissant", "finissante",
		"coop", "start", "starting", "debut", "unionized", "syndique", "syndiquee", "minimum",
		"required", "requise", "exige", "exigee":
		return kArrangement, true
	case "remote", "remotely", "new", "nouveau", "poste", "job", "emploi", "contractuelle", "hybrid",
		"distance", "permanent", "permanente", "contract", "contrat", "contractuel",
		"immediate", "immediat", "bilingual", "bilingue", "flexible", "jour", "nuit", "soir", "night",
		"evening", "semaine", "salaire", "salary", "seasonal", "saisonnier", "saisonniere", "casual",
		"occasionnel", "intern", "internship", "stage", "freelance", "shift", "quart", "quarts", "day",
		"fin", "fins", "student", "students", "etudiant", "etudiante", "etudiants", "graduate",
		"diplome", "diplomee", "entree", "union", "syndicat", "site", "reference", "recrutement",
		"career":
		return kArrangement, false
	// Professional designations and grade marks.
	case "ing", "peng", "jing", "crha", "crhaa", "crsa", "pmp", "mba", "msc", "phd", "bsc", "beng",
		"ceng", "ii", "iii", "iv", "cissp", "cpi", "eit":
		return kDesignation, true
	case "eng", "pe", "cpa", "cga", "cma", "ccp", "vi", "1", "2", "3", "4", "5", "6", "7", "8", "9", "i",
		"911": // "911 emergency centre operations officer"
		return kDesignation, false
	// Seniority levels (see analyzer.finish for when they are dropped).
	case "senior", "seniors", "snr", "junior", "juniors", "jnr", "lead", "principal", "principale",
		"principaux", "sr", "jr", "intermediate", "intermediaire", "confirme", "confirmee",
		"experimente", "experimentee", "experienced", "chevronne", "chevronnee", "associate":
		return kSeniority, false
	}
	if len(w) >= 2 && allDigits(w) { // numbers: "#4821", "60 000 $", "12-month"
		return kDesignation, true
	}
	return kContent, false
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// appendStem appends the stem of the folded word w to dst: plurals and French feminine endings
// are mapped to the masculine singular, English "-woman" to "-man". The rules are deliberately
// light and language-blind: they run on both the example titles and the titles to code.
func appendStem(dst []byte, w []byte) []byte {
	start := len(dst)
	dst = append(dst, w...)
	s := dst[start:]
	n := len(s)
	if n <= 3 || s[0] < 'a' || s[0] > 'z' {
		return dst
	}
	has := func(suf string) bool {
		return n > len(suf)+1 && string(s[n-len(suf):n]) == suf
	}
	repl := func(suf, by string) {
		n -= len(suf)
		n += copy(s[n:], by)
	}
	// -woman → -man (chairwoman, forewoman), -women → -men.
	switch {
	case has("woman"):
		repl("woman", "man")
	case has("women"):
		repl("women", "men")
	}
	// Plurals.
	switch {
	case has("eaux"):
		repl("eaux", "eau")
	case has("aux"):
		repl("aux", "al")
	case has("ies") && n > 4:
		repl("ies", "y")
	case n > 3 && s[n-1] == 's' && s[n-2] != 's' && s[n-2] != 'u' && s[n-2] != 'i':
		n--
	case n > 3 && s[n-1] == 'x' && s[n-2] == 'u' && s[n-3] != 'e':
		n-- // "chevaux" handled above; "feux", "lieux" → "feu", "lieu"
	}
	// French feminine endings.
	switch {
	case has("euse"):
		repl("euse", "eur")
	case n >= 7 && has("trice"):
		repl("trice", "teur")
	case has("iere"):
		repl("iere", "ier")
	case has("ienne"):
		repl("ienne", "ien")
	case has("enne"):
		repl("enne", "en")
	case has("onne"):
		repl("onne", "on")
	case has("elle"):
		repl("elle", "el")
	case has("ette"):
		repl("ette", "et")
	case has("ive"):
		repl("ive", "if")
	case has("ere"):
		repl("ere", "er")
	}
	// Final e (ingénieure, civile, adjointe, analyste; English words lose it on both sides too).
	if n > 3 && s[n-1] == 'e' {
		n--
	}
	return dst[:start+n]
}

// markPair marks the last two words as strong noise when they make a noise phrase: "full time",
// "part-time", "temps plein", "temps partiel", "plein temps", "mi-temps", "classe 1" (a driving
// licence), "Level 2", "niveau II". It runs as words are added, so that the language guess and the
// main part (see mainContent) already see them as noise.
func (a *analyzer) markPair() {
	n := len(a.words)
	if n < 2 {
		return
	}
	wx, wy := &a.words[n-2], &a.words[n-1]
	x, y := string(a.rawWord(wx)), string(a.rawWord(wy))
	if (x == "full" || x == "part") && y == "time" || x == "temps" && (y == "plein" || y == "partiel") ||
		x == "plein" && y == "temps" || x == "mi" && y == "temps" ||
		(x == "class" || x == "classe") && len(y) == 1 && y[0] >= '1' && y[0] <= '5' ||
		(x == "level" || x == "niveau" || x == "echelon") && isGradeMark(y) {
		wx.kind, wx.strong = kArrangement, true
		wy.kind, wy.strong = kArrangement, true
		a.mainContent = false
		for i := range a.words {
			if w := &a.words[i]; w.kind == kContent && !w.qual && !w.paren {
				a.mainContent = true
			}
		}
	}
}

// isGradeMark reports whether w is a grade number: 1 to 9 or a Roman numeral up to V.
func isGradeMark(w string) bool {
	switch w {
	case "1", "2", "3", "4", "5", "6", "7", "8", "9", "ii", "iii", "iv", "v":
		return true
	}
	return false
}

// isMain reports whether w belongs to the main part of the title: not in brackets, not after a
// dash, "|", ":" or a comma.
func (w *word) isMain() bool { return !w.qual && !w.comma }

// finish drops the noise words and marks the head noun; lang is EN or FR.
func (a *analyzer) finish(lang Lang) {
	ws := a.words
	if len(ws) == 0 {
		return
	}
	// Noise words: strong ones anywhere, weak ones outside the main part.
	for i := range ws {
		w := &ws[i]
		if w.kind != kContent && w.kind != kSeniority && (w.strong || !w.isMain()) {
			w.drop = true
		}
		if !w.isMain() {
			w.noFuzzy = true
		}
	}
	// Segments holding nothing but noise.
	for i := 0; i < len(ws); {
		j := i
		allNoise := true
		for j < len(ws) && ws[j].seg == ws[i].seg {
			if ws[j].kind == kContent {
				allNoise = false
			}
			j++
		}
		if allNoise {
			for k := i; k < j; k++ {
				ws[k].drop = true
			}
		}
		i = j
	}
	// Seniority words, unless they head the title ("School principal", "Principal d'école").
	head := a.headIndex(lang)
	hasContent := false
	for i := range ws {
		if !ws[i].drop && ws[i].isMain() && ws[i].kind == kContent {
			hasContent = true
			break
		}
	}
	for i := range ws {
		w := &ws[i]
		if w.kind == kSeniority && !w.drop && (!w.isMain() || hasContent && i != head) {
			w.drop = true
		}
	}
	// Never drop everything: a title made of noise words only keeps them.
	kept := false
	for i := range ws {
		if !ws[i].drop {
			kept = true
			break
		}
	}
	if !kept {
		for i := range ws {
			ws[i].drop = false
		}
		a.onlyNoise = true
	}
	if h := a.headIndex(lang); h >= 0 {
		ws[h].head = true
	}
}

// headIndex returns the index of the head noun among the kept words of the main part, or -1:
// the first word in French, the last word before the first preposition in English.
func (a *analyzer) headIndex(lang Lang) int {
	h := -1
	for i := range a.words {
		w := &a.words[i]
		if w.drop || !w.isMain() {
			continue
		}
		if lang != EN {
			return i
		}
		if w.afterPrep && h >= 0 {
			break
		}
		h = i
	}
	return h
}

// Term kinds: a word stem, the root (first letters) of a longer stem, a pair of adjacent words,
// the suffix (last letters) of a longer stem; a suffix found in too many unit groups to tell
// anything (an ending such as "ateur") is left unused.
const (
	termWord uint8 = iota
	termRoot
	termPair
	termSuffix
	termUnused
)

// term is a matching feature of an analysed title; its key is in analyzer.keys.
type term struct {
	key     [2]int32
	kind    uint8
	head    bool
	noFuzzy bool
}

func (a *analyzer) termKey(t *term) []byte { return a.keys[t.key[0]:t.key[1]] }

// suffixMin is how much longer than the suffix terms a stem must be to have one; maxSuffixLen
// bounds their length.
const (
	suffixMin    = 3
	maxSuffixLen = 8
)

// hasSuffixTerm reports whether stem s has a suffix term of length n (see makeTerms).
func hasSuffixTerm(s []byte, n int) bool {
	return n > 0 && len(s) >= n+suffixMin && s[0] >= 'a' && s[0] <= 'z'
}

// appendSuffixKey appends the key of the suffix term of length n of stem s: ">" and its last n
// letters.
func appendSuffixKey(dst, s []byte, n int) []byte {
	return append(append(dst, '>'), s[len(s)-n:]...)
}

// appendPairKey appends the key of the pair term of stems x and y: "x y".
func appendPairKey(dst, x, y []byte) []byte {
	return append(append(append(dst, x...), ' '), y...)
}

// minCompoundPart is the length of the shortest word a compound is split into (see
// Coder.split).
const minCompoundPart = 3

// onlyNoiseCap is the highest confidence of a title made of noise words only ("Level 2", "With
// experience", "Summer student"): no word says what the job is, so a person should look.
const onlyNoiseCap = 0.5

// makeTerms derives the terms from the kept words: each stem, the root of the stems longer than
// rootLen (partial credit for "repairer"/"repair", "smelter"/"smelting"), the suffix of the stems
// at least suffixMin longer than suffixLen (the head of a compound or a derived word:
// "petrophysicist"/"physicist", "geochemical"/"chemical"), and with pairs set, each pair of
// adjacent words of a segment.
func (a *analyzer) makeTerms(rootLen, suffixLen int, pairs bool) {
	a.keys = a.keys[:0]
	a.terms = a.terms[:0]
	prev := -1
	for i := range a.words {
		w := &a.words[i]
		if w.drop {
			continue
		}
		s := a.stemWord(w)
		st := int32(len(a.keys))
		a.keys = append(a.keys, s...)
		a.terms = append(a.terms, term{key: [2]int32{st, int32(len(a.keys))}, kind: termWord, head: w.head, noFuzzy: w.noFuzzy})
		if rootLen > 0 && len(s) > rootLen && s[0] >= 'a' && s[0] <= 'z' {
			st = int32(len(a.keys))
			a.keys = append(a.keys, '<')
			a.keys = append(a.keys, s[:rootLen]...)
			a.terms = append(a.terms, term{key: [2]int32{st, int32(len(a.keys))}, kind: termRoot, head: w.head})
		}
		if hasSuffixTerm(s, suffixLen) {
			st = int32(len(a.keys))
			a.keys = appendSuffixKey(a.keys, s, suffixLen)
			a.terms = append(a.terms, term{key: [2]int32{st, int32(len(a.keys))}, kind: termSuffix, head: w.head, noFuzzy: w.noFuzzy})
		}
		if w.afterSlash {
			prev = -1
		}
		if pairs && prev >= 0 && a.words[prev].seg == w.seg && string(a.stemWord(&a.words[prev])) != string(s) {
			st = int32(len(a.keys))
			a.keys = appendPairKey(a.keys, a.stemWord(&a.words[prev]), s)
			a.terms = append(a.terms, term{key: [2]int32{st, int32(len(a.keys))}, kind: termPair})
		}
		prev = i
	}
}
