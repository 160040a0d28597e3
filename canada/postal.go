package canada

import "fmt"

// PostalCode is a Canadian postal code in its normalised form "A1A 1A1":
// upper case, one space between the forward sortation area (FSA) and the
// local delivery unit (LDU). Obtain one with ParsePostalCode; the zero
// value is the empty string and is not valid.
type PostalCode string

// ParsePostalCode normalises and checks a Canadian postal code. It accepts
// any case, surrounding white space, and the two halves written together,
// separated by spaces or by a hyphen ("h2x1y4", "H2X 1Y4", "h2x-1y4").
//
// It returns ErrPostalCodeFormat unless the result has the shape
// letter-digit-letter digit-letter-digit, and ErrPostalCodeLetter when a
// letter is one Canada Post never assigns there: D, F, I, O, Q and U never
// appear, W and Z never start a postal code. Every remaining first letter
// belongs to a province or territory (see PostalCode.Provinces). The code
// is not looked up in any address database.
func ParsePostalCode(s string) (PostalCode, error) {
	c, ok := compactDigits(s, isSpaceOrHyphen)
	if !ok || len(c) != 6 {
		return "", ErrPostalCodeFormat
	}
	c = asciiUpper(c)
	for i := 0; i < 6; i++ {
		ch := c[i]
		if i%2 == 0 {
			if ch < 'A' || ch > 'Z' {
				return "", ErrPostalCodeFormat
			}
		} else if ch < '0' || ch > '9' {
			return "", ErrPostalCodeFormat
		}
	}
	for i := 0; i < 6; i += 2 {
		switch c[i] {
		case 'D', 'F', 'I', 'O', 'Q', 'U':
			return "", fmt.Errorf("%w: %c is never used", ErrPostalCodeLetter, c[i])
		}
	}
	if c[0] == 'W' || c[0] == 'Z' {
		return "", fmt.Errorf("%w: no postal code starts with %c", ErrPostalCodeLetter, c[0])
	}
	return PostalCode(c[:3] + " " + c[3:]), nil
}

// valid reports whether pc has the normalised shape ParsePostalCode
// produces.
func (pc PostalCode) valid() bool {
	if len(pc) != 7 || pc[3] != ' ' {
		return false
	}
	_, err := ParsePostalCode(string(pc))
	return err == nil
}

// String returns the normalised form "A1A 1A1".
func (pc PostalCode) String() string { return string(pc) }

// FSA returns the forward sortation area, the first three characters
// ("H2X"), or "" if pc is not a normalised postal code.
func (pc PostalCode) FSA() string {
	if !pc.valid() {
		return ""
	}
	return string(pc[:3])
}

// LDU returns the local delivery unit, the last three characters ("1Y4"),
// or "" if pc is not a normalised postal code.
func (pc PostalCode) LDU() string {
	if !pc.valid() {
		return ""
	}
	return string(pc[4:])
}

// provincesOfLetter maps a postal code's first letter to the provinces or
// territories using it (Canada Post).
func provincesOfLetter(c byte) []Province {
	switch c {
	case 'A':
		return []Province{NL}
	case 'B':
		return []Province{NS}
	case 'C':
		return []Province{PE}
	case 'E':
		return []Province{NB}
	case 'G', 'H', 'J':
		return []Province{QC}
	case 'K', 'L', 'M', 'N', 'P':
		return []Province{ON}
	case 'R':
		return []Province{MB}
	case 'S':
		return []Province{SK}
	case 'T':
		return []Province{AB}
	case 'V':
		return []Province{BC}
	case 'X':
		return []Province{NT, NU}
	case 'Y':
		return []Province{YT}
	}
	return nil
}

// Provinces returns the provinces or territories whose postal codes start
// with pc's first letter: A NL, B NS, C PE, E NB, G H J QC, K L M N P ON,
// R MB, S SK, T AB, V BC, X NT and NU (shared), Y YT. It returns nil if pc
// is not a normalised postal code. The slice is freshly allocated.
func (pc PostalCode) Provinces() []Province {
	if !pc.valid() {
		return nil
	}
	return provincesOfLetter(pc[0])
}

// CheckPostalCodeProvince returns nil when the postal code's first letter
// is used in province p, ErrPostalCodeProvince when it belongs to another
// province or territory, ErrPostalCodeFormat when pc is not a normalised
// postal code (obtain one with ParsePostalCode) and ErrProvince when p is
// not valid.
//
// The check is by first letter only, as Canada Post assigns them. A few
// communities on a provincial border are served from the neighbouring
// province's sortation centre; a caller that must accept those can treat
// ErrPostalCodeProvince as a warning.
func CheckPostalCodeProvince(pc PostalCode, p Province) error {
	if !p.Valid() {
		return ErrProvince
	}
	ps := pc.Provinces()
	if ps == nil {
		return ErrPostalCodeFormat
	}
	for _, q := range ps {
		if q == p {
			return nil
		}
	}
	return fmt.Errorf("%w: postal codes starting with %c are not in %s", ErrPostalCodeProvince, pc[0], p)
}
