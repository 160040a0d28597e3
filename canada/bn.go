package canada

// BusinessNumber is a Canada Revenue Agency business number (BN, numéro
// d'entreprise NE): nine digits identifying a business, optionally
// extended into a program account number by a two-letter program
// identifier and a four-digit reference number ("123456782 RT0001", the
// first GST/HST account of business 123456782). Obtain one with
// ParseBusinessNumber; the zero value is empty and not valid. Values are
// comparable with ==.
type BusinessNumber struct {
	bn      string // nine digits
	program string // "" or two upper-case letters
	account string // "" or four digits
}

// businessNumberPrograms lists the documented CRA program identifiers.
func businessNumberPrograms() []string {
	return []string{
		"RC", // corporation income tax
		"RD", // excise duty
		"RE", // excise tax
		"RG", // air travellers security charge
		"RM", // import-export
		"RN", // insurance premium tax (Excise Tax Act, Part I)
		"RP", // payroll deductions
		"RR", // registered charity
		"RT", // GST/HST
		"RU", // underused housing tax
		"RZ", // information returns
	}
}

// BusinessNumberPrograms returns the CRA program identifiers that
// ParseBusinessNumber accepts, sorted: RC (corporation income tax), RD
// (excise duty), RE (excise tax), RG (air travellers security charge), RM
// (import-export), RN (insurance premium tax), RP (payroll deductions), RR
// (registered charity), RT (GST/HST), RU (underused housing tax) and RZ
// (information returns). RC, RM, RP, RT and RZ come from the CRA's
// « Program accounts you may need » page; the others from CRA-integrated
// accounting software and the Underused Housing Tax guidance. The CRA
// publishes no closed list, and provincial programs registered on a BN
// (for example British Columbia's) are not CRA accounts; use the nine-digit
// BN alone for those. The slice is freshly allocated.
func BusinessNumberPrograms() []string { return businessNumberPrograms() }

func knownProgram(p string) bool {
	for _, q := range businessNumberPrograms() {
		if p == q {
			return true
		}
	}
	return false
}

// ParseBusinessNumber normalises and checks a business number or a
// program account number. Surrounding white space, spaces and hyphens are
// ignored and letters may be in any case ("123456782", "123 456 782",
// "123456782RT0001", "123456782 rt 0001").
//
// It returns ErrBusinessNumberFormat unless the input is nine digits,
// optionally followed by two letters and four digits (an all-zero BN is
// refused too), ErrBusinessNumberChecksum when the ninth digit is not the
// Luhn check digit of the first eight, and ErrBusinessNumberProgram when
// the two letters are not one of BusinessNumberPrograms.
//
// The CRA does not publish its check-digit algorithm. Luhn is enforced
// because every business number published in registries that was checked
// passes it (119219814, the Canadian Red Cross Society; 108160995,
// 119218923, 896568417...) and because common validators (python-stdnum,
// the presidio CA_BN recognizer) apply it.
func ParseBusinessNumber(s string) (BusinessNumber, error) {
	c, ok := compactDigits(s, isSpaceOrHyphen)
	if !ok || (len(c) != 9 && len(c) != 15) {
		return BusinessNumber{}, ErrBusinessNumberFormat
	}
	c = asciiUpper(c)
	bn := c[:9]
	if !allDigits(bn) || bn == "000000000" {
		return BusinessNumber{}, ErrBusinessNumberFormat
	}
	var program, account string
	if len(c) == 15 {
		program, account = c[9:11], c[11:]
		for i := 0; i < 2; i++ {
			if program[i] < 'A' || program[i] > 'Z' {
				return BusinessNumber{}, ErrBusinessNumberFormat
			}
		}
		if !allDigits(account) {
			return BusinessNumber{}, ErrBusinessNumberFormat
		}
	}
	if !luhnValid(bn) {
		return BusinessNumber{}, ErrBusinessNumberChecksum
	}
	if program != "" && !knownProgram(program) {
		return BusinessNumber{}, ErrBusinessNumberProgram
	}
	return BusinessNumber{bn: bn, program: program, account: account}, nil
}

// BN returns the nine-digit business number.
func (b BusinessNumber) BN() string { return b.bn }

// Program returns the two-letter program identifier ("RT"), or "" when b
// is a bare business number.
func (b BusinessNumber) Program() string { return b.program }

// Account returns the four-digit reference number ("0001"), or "" when b
// is a bare business number.
func (b BusinessNumber) Account() string { return b.account }

// IsProgramAccount reports whether b carries a program identifier and
// reference number.
func (b BusinessNumber) IsProgramAccount() bool { return b.program != "" }

// IsZero reports whether b is the zero value.
func (b BusinessNumber) IsZero() bool { return b.bn == "" }

// String returns "123456782 RT0001" for a program account, "123456782"
// for a bare business number, "" for the zero value.
func (b BusinessNumber) String() string {
	if b.program == "" {
		return b.bn
	}
	return b.bn + " " + b.program + b.account
}

// Compact returns the form without spaces ("123456782RT0001"), suitable
// for storage and comparison.
func (b BusinessNumber) Compact() string { return b.bn + b.program + b.account }
