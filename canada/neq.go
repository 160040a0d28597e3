package canada

// NEQ is a Québec enterprise number (numéro d'entreprise du Québec),
// assigned by the Registraire des entreprises: ten digits, stored without
// separators ("1143456781"). Obtain one with ParseNEQ; the zero value is
// the empty string and is not valid.
type NEQ string

// NEQKind is the kind of enterprise an NEQ's first two digits announce.
type NEQKind string

// The kinds of enterprise, per the Registraire des entreprises.
const (
	NEQLegalPerson        NEQKind = "legal_person"         // 11: personne morale (corporation, co-operative...)
	NEQSoleProprietorship NEQKind = "sole_proprietorship"  // 22: natural person operating a sole proprietorship
	NEQPartnershipOrGroup NEQKind = "partnership_or_group" // 33: partnership, association or other group of persons
	NEQPublicAuthority    NEQKind = "public_authority"     // 88: public authority (autorité publique)
)

// neqKind maps a two-digit prefix to its kind.
func neqKind(prefix string) (NEQKind, bool) {
	switch prefix {
	case "11":
		return NEQLegalPerson, true
	case "22":
		return NEQSoleProprietorship, true
	case "33":
		return NEQPartnershipOrGroup, true
	case "88":
		return NEQPublicAuthority, true
	}
	return "", false
}

// ParseNEQ normalises and checks a Québec enterprise number. Surrounding
// white space and spaces or hyphens between digits are ignored
// ("1143 456 781", "114-345-6781").
//
// It returns ErrNEQFormat unless exactly ten digits remain, and
// ErrNEQPrefix unless they start with 11 (legal person), 22 (sole
// proprietorship), 33 (partnership, association or group) or 88 (public
// authority), the four prefixes the Registraire des entreprises documents
// (quebec.ca, « Description des renseignements relatifs à un dossier au
// registre »). The Registraire publishes no check-digit rule, so none is
// enforced: a well-formed NEQ may still not exist, and only a registry
// search can tell.
func ParseNEQ(s string) (NEQ, error) {
	c, ok := compactDigits(s, isSpaceOrHyphen)
	if !ok || len(c) != 10 || !allDigits(c) {
		return "", ErrNEQFormat
	}
	if _, ok := neqKind(c[:2]); !ok {
		return "", ErrNEQPrefix
	}
	return NEQ(c), nil
}

// String returns the ten digits.
func (n NEQ) String() string { return string(n) }

// Kind returns the kind of enterprise announced by the first two digits,
// or "" if n is not a valid NEQ.
func (n NEQ) Kind() NEQKind {
	if len(n) != 10 || !allDigits(string(n)) {
		return ""
	}
	k, _ := neqKind(string(n[:2]))
	return k
}
