package canada_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/babillard/babillard/canada"
)

func TestParsePostalCode(t *testing.T) {
	ok := map[string]canada.PostalCode{
		"H2X 1Y4": "H2X 1Y4", "h2x1y4": "H2X 1Y4", "  h2x 1y4\t": "H2X 1Y4", "H2X-1Y4": "H2X 1Y4",
		"H2X  1Y4": "H2X 1Y4", "K1A 0B1": "K1A 0B1", "x0a0h0": "X0A 0H0", "V6B\u00a04Y8": "V6B 4Y8",
		"A1C 5M2": "A1C 5M2", "T2P 1J9": "T2P 1J9", "Y1A 2C6": "Y1A 2C6",
		"G1R 4S9": "G1R 4S9", "J8X 3X7": "J8X 3X7", "B3H 4R2": "B3H 4R2", "C1A 4P3": "C1A 4P3",
		"E1C 4M3": "E1C 4M3", "R3C 4T3": "R3C 4T3", "S4P 3V7": "S4P 3V7",
	}
	for in, want := range ok {
		got, err := canada.ParsePostalCode(in)
		if err != nil || got != want {
			t.Errorf("ParsePostalCode(%q) = %q, %v; want %q", in, got, err, want)
		}
		if got.String() != string(want) || got.FSA() != string(want[:3]) || got.LDU() != string(want[4:]) {
			t.Errorf("%q: String/FSA/LDU = %q %q %q", in, got.String(), got.FSA(), got.LDU())
		}
	}
	format := []string{"", "H2X", "H2X 1Y", "H2X 1Y45", "2HX 1Y4", "H2X 1YY", "HHX 1Y4", "H2X_1Y4",
		"H2X.1Y4", "ÉÉX 1Y4", "H2X 1Y4 H2X", "H2Ｘ 1Y4"}
	for _, in := range format {
		if _, err := canada.ParsePostalCode(in); !errors.Is(err, canada.ErrPostalCodeFormat) {
			t.Errorf("ParsePostalCode(%q) error = %v, want ErrPostalCodeFormat", in, err)
		}
	}
	letter := []string{"D2X 1Y4", "F2X 1Y4", "I2X 1Y4", "O2X 1Y4", "Q2X 1Y4", "U2X 1Y4",
		"H2D 1Y4", "H2X 1F4", "H2I 1Y4", "H2X 1O4", "H2Q 1Y4", "H2X 1U4", "W2X 1Y4", "Z2X 1Y4"}
	for _, in := range letter {
		if _, err := canada.ParsePostalCode(in); !errors.Is(err, canada.ErrPostalCodeLetter) {
			t.Errorf("ParsePostalCode(%q) error = %v, want ErrPostalCodeLetter", in, err)
		}
	}
	// W and Z are fine after the first position.
	for _, in := range []string{"H2W 1Z4", "T2Z 1W4"} {
		if _, err := canada.ParsePostalCode(in); err != nil {
			t.Errorf("ParsePostalCode(%q) = %v", in, err)
		}
	}
}

func TestPostalCodeProvinces(t *testing.T) {
	want := map[byte][]canada.Province{
		'A': {canada.NL}, 'B': {canada.NS}, 'C': {canada.PE}, 'E': {canada.NB},
		'G': {canada.QC}, 'H': {canada.QC}, 'J': {canada.QC},
		'K': {canada.ON}, 'L': {canada.ON}, 'M': {canada.ON}, 'N': {canada.ON}, 'P': {canada.ON},
		'R': {canada.MB}, 'S': {canada.SK}, 'T': {canada.AB}, 'V': {canada.BC},
		'X': {canada.NT, canada.NU}, 'Y': {canada.YT},
	}
	for c := byte('A'); c <= 'Z'; c++ {
		pc, err := canada.ParsePostalCode(string(c) + "1A 1A1")
		ps, assigned := want[c]
		if !assigned {
			if err == nil {
				t.Errorf("first letter %c accepted", c)
			}
			continue
		}
		if err != nil {
			t.Errorf("first letter %c: %v", c, err)
			continue
		}
		if got := pc.Provinces(); !slices.Equal(got, ps) {
			t.Errorf("%s.Provinces() = %v, want %v", pc, got, ps)
		}
		for _, p := range canada.Provinces() {
			err := canada.CheckPostalCodeProvince(pc, p.Code)
			if slices.Contains(ps, p.Code) != (err == nil) {
				t.Errorf("CheckPostalCodeProvince(%s, %s) = %v", pc, p.Code, err)
			}
			if err != nil && !errors.Is(err, canada.ErrPostalCodeProvince) {
				t.Errorf("CheckPostalCodeProvince(%s, %s) = %v, want ErrPostalCodeProvince", pc, p.Code, err)
			}
		}
	}
	var zero canada.PostalCode
	if zero.Provinces() != nil || zero.FSA() != "" || zero.LDU() != "" {
		t.Error("zero PostalCode should have no provinces, FSA or LDU")
	}
	if err := canada.CheckPostalCodeProvince(zero, canada.QC); !errors.Is(err, canada.ErrPostalCodeFormat) {
		t.Errorf("zero postal code: %v", err)
	}
	if err := canada.CheckPostalCodeProvince("h2x1y4", canada.QC); !errors.Is(err, canada.ErrPostalCodeFormat) {
		t.Errorf("unnormalised postal code: %v", err)
	}
	pc, _ := canada.ParsePostalCode("H2X 1Y4")
	if err := canada.CheckPostalCodeProvince(pc, "XX"); !errors.Is(err, canada.ErrProvince) {
		t.Errorf("bad province: %v", err)
	}
	if err := canada.CheckPostalCodeProvince(pc, canada.ON); err == nil || !errors.Is(err, canada.ErrPostalCodeProvince) {
		t.Errorf("H2X in ON: %v", err)
	}
}
