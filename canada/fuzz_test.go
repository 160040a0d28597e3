package canada_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/babillard/babillard/canada"
)

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func FuzzParsePostalCode(f *testing.F) {
	for _, s := range []string{"H2X 1Y4", "h2x1y4", "H2X-1Y4", " k1a 0b1 ", "X0A0H0", "W2X 1Y4", "D2X 1Y4",
		"H2X 1Y", "", "H2X\u00a01Y4", "ııı111", "H2X  1Y4", "Z9Z9Z9", "123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pc, err := canada.ParsePostalCode(s)
		if err != nil {
			if pc != "" || !(errors.Is(err, canada.ErrPostalCodeFormat) || errors.Is(err, canada.ErrPostalCodeLetter)) {
				t.Fatalf("ParsePostalCode(%q) = %q, %v", s, pc, err)
			}
			return
		}
		v := pc.String()
		if len(v) != 7 || !isUpper(v[0]) || !isDigit(v[1]) || !isUpper(v[2]) || v[3] != ' ' ||
			!isDigit(v[4]) || !isUpper(v[5]) || !isDigit(v[6]) || strings.ContainsAny(v, "DFIOQU") ||
			v[0] == 'W' || v[0] == 'Z' {
			t.Fatalf("ParsePostalCode(%q) = %q: not normalised", s, v)
		}
		if len(pc.Provinces()) == 0 {
			t.Fatalf("%q has no province", v)
		}
		for _, again := range []string{v, strings.ToLower(v), strings.ReplaceAll(v, " ", ""), strings.ReplaceAll(v, " ", "-")} {
			if back, err := canada.ParsePostalCode(again); err != nil || back != pc {
				t.Fatalf("round trip %q -> %q: %q, %v", s, again, back, err)
			}
		}
	})
}

func FuzzParseNEQ(f *testing.F) {
	for _, s := range []string{"1176786565", "1176 786 565", "117-678-6565", "8880410194", "2212345678",
		"3312345678", "1234567890", "117678656", "", "11767865650", "１１76786565"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := canada.ParseNEQ(s)
		if err != nil {
			if n != "" || !(errors.Is(err, canada.ErrNEQFormat) || errors.Is(err, canada.ErrNEQPrefix)) {
				t.Fatalf("ParseNEQ(%q) = %q, %v", s, n, err)
			}
			return
		}
		v := n.String()
		if len(v) != 10 || !allASCIIDigits(v) || n.Kind() == "" {
			t.Fatalf("ParseNEQ(%q) = %q: not normalised", s, v)
		}
		if back, err := canada.ParseNEQ(v); err != nil || back != n {
			t.Fatalf("round trip %q: %q, %v", v, back, err)
		}
	})
}

func FuzzParseBusinessNumber(f *testing.F) {
	for _, s := range []string{"123456782", "123456782RT0001", "123456782 rt 0001", "12302 6635 RC 0001",
		"119219814RR0001", "123456789", "123456782XX0001", "000000000", "", "123456782ıT0001", "123456782RT000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := canada.ParseBusinessNumber(s)
		if err != nil {
			if !b.IsZero() || !(errors.Is(err, canada.ErrBusinessNumberFormat) || errors.Is(err, canada.ErrBusinessNumberChecksum) ||
				errors.Is(err, canada.ErrBusinessNumberProgram)) {
				t.Fatalf("ParseBusinessNumber(%q) = %v, %v", s, b, err)
			}
			return
		}
		if len(b.BN()) != 9 || !allASCIIDigits(b.BN()) {
			t.Fatalf("BN %q", b.BN())
		}
		if b.IsProgramAccount() {
			p, a := b.Program(), b.Account()
			if len(p) != 2 || !isUpper(p[0]) || !isUpper(p[1]) || len(a) != 4 || !allASCIIDigits(a) ||
				b.String() != b.BN()+" "+p+a || b.Compact() != b.BN()+p+a {
				t.Fatalf("program account %q: %q %q", s, p, a)
			}
		} else if b.String() != b.BN() || b.Account() != "" || b.Compact() != b.BN() {
			t.Fatalf("bare BN %q: %q", s, b)
		}
		for _, again := range []string{b.String(), b.Compact(), strings.ToLower(b.String())} {
			if back, err := canada.ParseBusinessNumber(again); err != nil || back != b {
				t.Fatalf("round trip %q -> %q: %v, %v", s, again, back, err)
			}
		}
	})
}

func FuzzParseSIN(f *testing.F) {
	for _, s := range []string{"123456782", "123-456-782", " 123 456 782 ", "923456784", "046454286", "823456785",
		"123456789", "12345678", "", "1234567820", "１23456782", "000-000-000", "999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sin, err := canada.ParseSIN(s)
		if err != nil {
			if !sin.IsZero() {
				t.Fatal("non-zero SIN with an error")
			}
			if !(errors.Is(err, canada.ErrSINFormat) || errors.Is(err, canada.ErrSINPrefix) || errors.Is(err, canada.ErrSINChecksum)) {
				t.Fatalf("unexpected error %v", err)
			}
			if strings.ContainsAny(err.Error(), "0123456789") {
				t.Fatalf("error %q contains a digit", err)
			}
			return
		}
		digits := sin.Digits()
		if len(digits) != 9 || !allASCIIDigits(digits) || digits[0] == '0' || digits[0] == '8' {
			t.Fatalf("Digits() not normalised")
		}
		if sin.IsTemporary() != (digits[0] == '9') {
			t.Fatal("IsTemporary disagrees with the first digit")
		}
		if back, err := canada.ParseSIN(digits); err != nil || back != sin {
			t.Fatalf("round trip failed: %v", err)
		}
		for _, out := range []string{sin.String(), sin.GoString(), fmt.Sprintf("%v %+v %#v %s %q %x %d", sin, sin, sin, sin, sin, sin, sin),
			fmt.Sprint(struct{ S canada.SIN }{sin}), fmt.Sprintf("%+v", struct{ s canada.SIN }{sin})} {
			if strings.Contains(out, digits) {
				t.Fatal("a printed form contains the digits")
			}
		}
	})
}

func FuzzParseSIRET(f *testing.F) {
	for _, s := range []string{"73282932000074", "732 829 320 00074", "732.829.320.00074", "35600000000048",
		"35600000010000", "35600000010013", "73282932000079", "73282932100007", "", "00000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := canada.ParseSIRET(s)
		if err != nil {
			if v != "" || !(errors.Is(err, canada.ErrSIRETFormat) || errors.Is(err, canada.ErrSIRETChecksum) || errors.Is(err, canada.ErrSIRENChecksum)) {
				t.Fatalf("ParseSIRET(%q) = %q, %v", s, v, err)
			}
			return
		}
		str := v.String()
		if len(str) != 14 || !allASCIIDigits(str) || v.SIREN()+v.NIC() != str {
			t.Fatalf("ParseSIRET(%q) = %q: not normalised", s, str)
		}
		spaced := str[:3] + " " + str[3:6] + " " + str[6:9] + " " + str[9:]
		for _, again := range []string{str, spaced} {
			if back, err := canada.ParseSIRET(again); err != nil || back != v {
				t.Fatalf("round trip %q -> %q: %q, %v", s, again, back, err)
			}
		}
	})
}

func FuzzParseProvinceRegionDate(f *testing.F) {
	for _, s := range []string{"QC", "Québec", "colombie-britannique", "06", "Montréal", "2026-06-24", "", "--", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := canada.ParseProvince(s); err == nil {
			if back, err := canada.ParseProvince(p.String()); err != nil || back != p || p.NameFR() == "" {
				t.Fatalf("province round trip %q: %q %v", s, back, err)
			}
			if back, err := canada.ParseProvince(p.NameFR()); err != nil || back != p {
				t.Fatalf("province name round trip %q", s)
			}
		} else if !errors.Is(err, canada.ErrProvince) {
			t.Fatal(err)
		}
		if r, err := canada.ParseRegion(s); err == nil {
			if back, err := canada.ParseRegion(r.String()); err != nil || back != r || r.NameFR() == "" {
				t.Fatalf("region round trip %q", s)
			}
			if back, err := canada.ParseRegion(r.NameFR()); err != nil || back != r {
				t.Fatalf("region name round trip %q", s)
			}
		} else if !errors.Is(err, canada.ErrRegion) {
			t.Fatal(err)
		}
		if dd, err := canada.ParseDate(s); err == nil {
			if !dd.Valid() || dd.String() != s {
				t.Fatalf("date %q -> %v", s, dd)
			}
		} else if !errors.Is(err, canada.ErrDateFormat) {
			t.Fatal(err)
		}
	})
}
