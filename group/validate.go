package group

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
)

// Length limits of free-text fields, in characters.
const (
	maxName        = 200
	maxText        = 5000
	maxShort       = 100
	maxReference   = 500
	maxPhoneDigits = 15
	// maxPhone bounds a phone number as typed, punctuation included.
	maxPhone = 30
	// maxRoles bounds a list of roles, repeats included (there are three
	// roles).
	maxRoles = 10
)

// tooManyRoles records a list of roles beyond maxRoles, before any of its
// entries is looked at, and reports it.
func tooManyRoles(v *i18n.Validator, field string, roles []Role) bool {
	return v.Check(len(roles) > maxRoles, field, "too_many", maxRoles)
}

// text trims s and records "required" or "too_long" faults.
func text(v *i18n.Validator, field, s string, required bool, max int) string {
	s = strings.TrimSpace(s)
	if required && s == "" {
		v.Add(field, "required")
	} else if utf8.RuneCountInString(s) > max {
		v.Add(field, "too_long", max)
	}
	return s
}

// bilingual checks a bilingual text: French required when required is set,
// English optional; both at most max characters.
func bilingual(v *i18n.Validator, field string, t i18n.Text, required bool, max int) i18n.Text {
	return i18n.Text{
		FR: text(v, field+".fr", t.FR, required, max),
		EN: text(v, field+".en", t.EN, false, max),
	}
}

// phone checks a phone number: 10 digits (11 with a leading 1) for North
// American numbers, 6 to 15 digits elsewhere, in any common punctuation.
// It returns the number trimmed as typed.
func phone(v *i18n.Validator, field, s, country string, required bool) string {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			v.Add(field, "required")
		}
		return ""
	}
	if len(s) > maxPhone { // only ASCII is accepted: bytes are characters
		v.Add(field, "too_long", maxPhone)
		return s
	}
	var digits []rune
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, r)
		case strings.ContainsRune(" -.()+/", r):
		default:
			v.Add(field, "phone.format")
			return s
		}
	}
	n := len(digits)
	if country == "CA" || country == "US" || country == "" {
		if !(n == 10 || n == 11 && digits[0] == '1') {
			v.Add(field, "phone.format")
		}
	} else if n < 6 || n > maxPhoneDigits {
		v.Add(field, "phone.format")
	}
	return s
}

// extension checks a phone extension: 1 to 6 digits, or empty.
func extension(v *i18n.Validator, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) > 6 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		v.Add(field, "extension.format")
	}
	return s
}

// website checks an optional http(s) URL.
func website(v *i18n.Validator, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) > maxReference {
		v.Add(field, "too_long", maxReference)
		return s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.Add(field, "url.format")
	}
	return s
}

// address checks an address; when required, street, city and (for Canada)
// province and postal code are required. The country defaults to CA.
// Canadian provinces are normalised to their code and postal codes to
// "A1A 1A1", checked against the province.
func address(v *i18n.Validator, field string, a Address, required bool) Address {
	out := Address{
		Street:     text(v, field+".street", a.Street, required, maxName),
		City:       text(v, field+".city", a.City, required, maxShort),
		Province:   strings.TrimSpace(a.Province),
		PostalCode: strings.TrimSpace(a.PostalCode),
		Country:    strings.ToUpper(strings.TrimSpace(a.Country)),
	}
	if out.IsZero() {
		return out
	}
	if out.Country == "" {
		out.Country = "CA"
	}
	if len(out.Country) != 2 || strings.IndexFunc(out.Country, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		v.Add(field+".country", "country.format")
		return out
	}
	if out.Country != "CA" {
		text(v, field+".province", out.Province, false, maxShort)
		text(v, field+".postal_code", out.PostalCode, false, 20)
		return out
	}
	var province canada.Province
	if out.Province == "" {
		v.Check(required, field+".province", "required")
	} else if p, err := canada.ParseProvince(out.Province); err != nil {
		v.Add(field+".province", "province.unknown")
	} else {
		province, out.Province = p, string(p)
	}
	if out.PostalCode == "" {
		v.Check(required, field+".postal_code", "required")
	} else if pc, err := canada.ParsePostalCode(out.PostalCode); err != nil {
		v.Add(field+".postal_code", "postal_code.format")
	} else {
		out.PostalCode = pc.String()
		if province != "" && canada.CheckPostalCodeProvince(pc, province) != nil {
			v.Add(field+".postal_code", "postal_code.province")
		}
	}
	return out
}

// registry checks the optional registry numbers and returns them normalised.
func registry(v *i18n.Validator, in CompanyInput) (neq, bn, siret string) {
	if s := strings.TrimSpace(in.NEQ); s != "" {
		if n, err := canada.ParseNEQ(s); err != nil {
			v.Add("neq", "neq.format")
		} else {
			neq = n.String()
		}
	}
	if s := strings.TrimSpace(in.BusinessNumber); s != "" {
		if n, err := canada.ParseBusinessNumber(s); err != nil {
			v.Add("business_number", "business_number.format")
		} else {
			bn = n.Compact()
		}
	}
	if s := strings.TrimSpace(in.SIRET); s != "" {
		if n, err := canada.ParseSIRET(s); err != nil {
			v.Add("siret", "siret.format")
		} else {
			siret = n.String()
		}
	}
	return neq, bn, siret
}

// registryKey strips a registry-number query to its letters and digits, in
// upper case.
func registryKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}
