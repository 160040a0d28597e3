package canada

// SIRET is a French establishment number (Système d'identification du
// répertoire des établissements, INSEE): the nine-digit SIREN of the legal
// unit followed by the five-digit NIC of the establishment, stored as
// fourteen digits without separators. It lives in this package as the
// module's one registry-number helper (French employers post on Québec
// boards). Obtain one with ParseSIRET; the zero value is not valid.
type SIRET string

// laPosteSIREN is La Poste's SIREN, whose establishments do not follow the
// Luhn rule.
const laPosteSIREN = "356000000"

// laPosteHeadOffice is the SIRET of La Poste's head office, which does
// follow the Luhn rule.
const laPosteHeadOffice = "35600000000048"

// ParseSIRET normalises and checks a SIRET. Surrounding white space and
// spaces, hyphens or dots between digits are ignored ("732 829 320 00074").
//
// It returns ErrSIRETFormat unless exactly fourteen digits remain (an
// all-zero number is refused too), ErrSIRETChecksum when the fourteen
// digits fail the Luhn check, and ErrSIRENChecksum when the SIREN (first
// nine digits) fails its own Luhn check. La Poste's establishments (SIREN
// 356000000, except the head office 35600000000048) are checked instead
// by INSEE's rule for them: the sum of the fourteen digits must be a
// multiple of 5.
func ParseSIRET(s string) (SIRET, error) {
	c, ok := compactDigits(s, func(r rune) bool { return r == '.' || isSpaceOrHyphen(r) })
	if !ok || len(c) != 14 || !allDigits(c) || c == "00000000000000" {
		return "", ErrSIRETFormat
	}
	if c[:9] == laPosteSIREN && c != laPosteHeadOffice {
		sum := 0
		for i := 0; i < len(c); i++ {
			sum += int(c[i] - '0')
		}
		if sum%5 != 0 {
			return "", ErrSIRETChecksum
		}
	} else if !luhnValid(c) {
		return "", ErrSIRETChecksum
	}
	if !luhnValid(c[:9]) {
		return "", ErrSIRENChecksum
	}
	return SIRET(c), nil
}

// String returns the fourteen digits.
func (s SIRET) String() string { return string(s) }

// SIREN returns the first nine digits, identifying the legal unit, or ""
// if s is not fourteen characters long.
func (s SIRET) SIREN() string {
	if len(s) != 14 {
		return ""
	}
	return string(s[:9])
}

// NIC returns the last five digits, identifying the establishment within
// its legal unit, or "" if s is not fourteen characters long.
func (s SIRET) NIC() string {
	if len(s) != 14 {
		return ""
	}
	return string(s[9:])
}
