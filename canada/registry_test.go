package canada_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/babillard/babillard/canada"
)

func TestParseNEQ(t *testing.T) {
	ok := []struct {
		in   string
		want canada.NEQ
		kind canada.NEQKind
	}{
		{"1176786565", "1176786565", canada.NEQLegalPerson},
		{" 1176 786 565 ", "1176786565", canada.NEQLegalPerson},
		{"117-678-6565", "1176786565", canada.NEQLegalPerson},
		{"2212345678", "2212345678", canada.NEQSoleProprietorship},
		{"3312345678", "3312345678", canada.NEQPartnershipOrGroup},
		{"8880410194", "8880410194", canada.NEQPublicAuthority},
	}
	for _, c := range ok {
		got, err := canada.ParseNEQ(c.in)
		if err != nil || got != c.want || got.String() != string(c.want) || got.Kind() != c.kind {
			t.Errorf("ParseNEQ(%q) = %q (%s), %v; want %q (%s)", c.in, got, got.Kind(), err, c.want, c.kind)
		}
	}
	for _, in := range []string{"", "117678656", "11767865650", "117678656a", "1176.786.565", "１１76786565"} {
		if _, err := canada.ParseNEQ(in); !errors.Is(err, canada.ErrNEQFormat) {
			t.Errorf("ParseNEQ(%q) error = %v, want ErrNEQFormat", in, err)
		}
	}
	for _, in := range []string{"1234567890", "0000000000", "9912345678", "4412345678", "1012345678"} {
		if _, err := canada.ParseNEQ(in); !errors.Is(err, canada.ErrNEQPrefix) {
			t.Errorf("ParseNEQ(%q) error = %v, want ErrNEQPrefix", in, err)
		}
	}
	if canada.NEQ("12").Kind() != "" || canada.NEQ("9912345678").Kind() != "" {
		t.Error("Kind of an invalid NEQ should be empty")
	}
}

// TestBusinessNumberGolden uses business numbers published in the CRA's
// list of charities: they must pass the Luhn check digit rule.
func TestBusinessNumberGolden(t *testing.T) {
	golden := map[string]string{
		"119219814RR0001": "Canadian Red Cross Society",
		"108160995RR0001": "SickKids Foundation",
		"119218923RR0001": "United Way of Greater Toronto",
		"896568417RR0001": "CanadaHelps",
	}
	for in, who := range golden {
		b, err := canada.ParseBusinessNumber(in)
		if err != nil {
			t.Errorf("%s (%s): %v", in, who, err)
			continue
		}
		if b.BN() != in[:9] || b.Program() != "RR" || b.Account() != "0001" || b.Compact() != in {
			t.Errorf("%s: parsed as %q %q %q", in, b.BN(), b.Program(), b.Account())
		}
	}
}

func TestParseBusinessNumber(t *testing.T) {
	ok := []struct {
		in, str, bn, program, account string
	}{
		{"123456782", "123456782", "123456782", "", ""},
		{" 123 456 782 ", "123456782", "123456782", "", ""},
		{"123-456-782", "123456782", "123456782", "", ""},
		{"123026635", "123026635", "123026635", "", ""},
		{"123456782RT0001", "123456782 RT0001", "123456782", "RT", "0001"},
		{"123456782 rt 0001", "123456782 RT0001", "123456782", "RT", "0001"},
		{"123456782-RP-0002", "123456782 RP0002", "123456782", "RP", "0002"},
		{"12302 6635 RC 0001", "123026635 RC0001", "123026635", "RC", "0001"},
	}
	for _, c := range ok {
		b, err := canada.ParseBusinessNumber(c.in)
		if err != nil {
			t.Errorf("ParseBusinessNumber(%q): %v", c.in, err)
			continue
		}
		if b.String() != c.str || b.BN() != c.bn || b.Program() != c.program || b.Account() != c.account {
			t.Errorf("ParseBusinessNumber(%q) = %q [%q %q %q]", c.in, b.String(), b.BN(), b.Program(), b.Account())
		}
		if b.IsProgramAccount() != (c.program != "") || b.IsZero() {
			t.Errorf("%q: IsProgramAccount/IsZero wrong", c.in)
		}
	}
	a, _ := canada.ParseBusinessNumber("123456782 RT 0001")
	b, _ := canada.ParseBusinessNumber("123456782rt0001")
	if a != b {
		t.Error("equal business numbers compare unequal")
	}
	if !(canada.BusinessNumber{}).IsZero() || (canada.BusinessNumber{}).String() != "" {
		t.Error("zero BusinessNumber")
	}

	format := []string{"", "12345678", "1234567820", "123456782RT", "123456782RT001", "123456782RT00011",
		"12345678ZRT0001", "123456782R10001", "1234567821T0001", "123456782RT000A", "000000000",
		"123456782 RT.0001", "123456782ıT0001"}
	for _, in := range format {
		if _, err := canada.ParseBusinessNumber(in); !errors.Is(err, canada.ErrBusinessNumberFormat) {
			t.Errorf("ParseBusinessNumber(%q) error = %v, want ErrBusinessNumberFormat", in, err)
		}
	}
	for _, in := range []string{"123456789", "123456783", "119219815RR0001", "123456789RT0001"} {
		if _, err := canada.ParseBusinessNumber(in); !errors.Is(err, canada.ErrBusinessNumberChecksum) {
			t.Errorf("ParseBusinessNumber(%q) error = %v, want ErrBusinessNumberChecksum", in, err)
		}
	}
	for _, in := range []string{"123456782XX0001", "123456782BC0001", "123456782AB0001"} {
		if _, err := canada.ParseBusinessNumber(in); !errors.Is(err, canada.ErrBusinessNumberProgram) {
			t.Errorf("ParseBusinessNumber(%q) error = %v, want ErrBusinessNumberProgram", in, err)
		}
	}
	progs := canada.BusinessNumberPrograms()
	if !slices.IsSorted(progs) || !slices.Contains(progs, "RT") || !slices.Contains(progs, "RZ") {
		t.Errorf("BusinessNumberPrograms() = %v", progs)
	}
	for _, p := range progs {
		if _, err := canada.ParseBusinessNumber("123456782" + p + "0001"); err != nil {
			t.Errorf("program %s: %v", p, err)
		}
	}
}

func TestParseSIRET(t *testing.T) {
	ok := map[string]canada.SIRET{
		"73282932000074":      "73282932000074",
		"732 829 320 00074":   "73282932000074",
		"732.829.320.00074":   "73282932000074",
		" 732-829-320-00074 ": "73282932000074",
		"35600000000048":      "35600000000048", // La Poste head office: Luhn
		"35600000010000":      "35600000010000", // La Poste establishment: digit sum 15, Luhn fails
	}
	for in, want := range ok {
		got, err := canada.ParseSIRET(in)
		if err != nil || got != want || got.String() != string(want) {
			t.Errorf("ParseSIRET(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	s, _ := canada.ParseSIRET("73282932000074")
	if s.SIREN() != "732829320" || s.NIC() != "00074" {
		t.Errorf("SIREN/NIC = %q %q", s.SIREN(), s.NIC())
	}
	if canada.SIRET("1").SIREN() != "" || canada.SIRET("1").NIC() != "" {
		t.Error("SIREN/NIC of a short value should be empty")
	}
	for _, in := range []string{"", "7328293200007", "732829320000744", "7328293200007A", "00000000000000"} {
		if _, err := canada.ParseSIRET(in); !errors.Is(err, canada.ErrSIRETFormat) {
			t.Errorf("ParseSIRET(%q) error = %v, want ErrSIRETFormat", in, err)
		}
	}
	// 35600000010013 passes Luhn but La Poste numbers follow the digit-sum rule.
	for _, in := range []string{"73282932000079", "35600000010013", "35600000000049"} {
		if _, err := canada.ParseSIRET(in); !errors.Is(err, canada.ErrSIRETChecksum) {
			t.Errorf("ParseSIRET(%q) error = %v, want ErrSIRETChecksum", in, err)
		}
	}
	if _, err := canada.ParseSIRET("73282932100007"); !errors.Is(err, canada.ErrSIRENChecksum) {
		t.Errorf("bad SIREN: %v", err)
	}
}
