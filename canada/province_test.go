package canada_test

import (
	"errors"
	"testing"

	"github.com/babillard/babillard/canada"
)

func TestProvinces(t *testing.T) {
	ps := canada.Provinces()
	if len(ps) != 13 {
		t.Fatalf("Provinces() has %d entries, want 13", len(ps))
	}
	want := []canada.Province{canada.NL, canada.PE, canada.NS, canada.NB, canada.QC, canada.ON,
		canada.MB, canada.SK, canada.AB, canada.BC, canada.YT, canada.NT, canada.NU}
	for i, p := range ps {
		if p.Code != want[i] {
			t.Errorf("Provinces()[%d].Code = %s, want %s", i, p.Code, want[i])
		}
		if !p.Code.Valid() || p.NameFR == "" || p.NameEN == "" {
			t.Errorf("incomplete %+v", p)
		}
		if p.Code.NameFR() != p.NameFR || p.Code.NameEN() != p.NameEN || p.Code.String() != string(p.Code) {
			t.Errorf("methods disagree with %+v", p)
		}
	}
	ps[0].NameFR = "changed"
	if canada.Provinces()[0].NameFR == "changed" {
		t.Error("Provinces() shares its slice between calls")
	}
}

func TestProvinceNames(t *testing.T) {
	cases := []struct {
		p      canada.Province
		fr, en string
	}{
		{canada.QC, "Québec", "Quebec"},
		{canada.BC, "Colombie-Britannique", "British Columbia"},
		{canada.NL, "Terre-Neuve-et-Labrador", "Newfoundland and Labrador"},
		{canada.PE, "Île-du-Prince-Édouard", "Prince Edward Island"},
		{canada.NS, "Nouvelle-Écosse", "Nova Scotia"},
		{canada.NT, "Territoires du Nord-Ouest", "Northwest Territories"},
	}
	for _, c := range cases {
		if c.p.NameFR() != c.fr || c.p.NameEN() != c.en {
			t.Errorf("%s: got %q/%q, want %q/%q", c.p, c.p.NameFR(), c.p.NameEN(), c.fr, c.en)
		}
	}
	for _, p := range []canada.Province{"", "qc", "XX", "Québec"} {
		if p.Valid() || p.NameFR() != "" || p.NameEN() != "" {
			t.Errorf("%q should be invalid with no names", string(p))
		}
	}
}

func TestParseProvince(t *testing.T) {
	ok := map[string]canada.Province{
		"QC": canada.QC, "qc": canada.QC, " Qc ": canada.QC, "quebec": canada.QC, "Québec": canada.QC,
		"QUÉBEC": canada.QC, "PQ": canada.QC, "Qué.": canada.QC,
		"Colombie-Britannique": canada.BC, "colombie britannique": canada.BC, "British Columbia": canada.BC,
		"B.C.": canada.BC, "bc": canada.BC,
		"ontario": canada.ON, "ON": canada.ON,
		"Île-du-Prince-Édouard": canada.PE, "ile du prince edouard": canada.PE, "Prince Edward Island": canada.PE,
		"P.E.I.": canada.PE, "PEI": canada.PE,
		"Terre-Neuve-et-Labrador": canada.NL, "Newfoundland and Labrador": canada.NL, "NF": canada.NL, "nl": canada.NL,
		"Nouvelle-Écosse": canada.NS, "nova scotia": canada.NS,
		"Nouveau-Brunswick": canada.NB, "New Brunswick": canada.NB,
		"Manitoba": canada.MB, "Saskatchewan": canada.SK, "Alberta": canada.AB,
		"Yukon": canada.YT, "YK": canada.YT,
		"Territoires du Nord-Ouest": canada.NT, "Northwest Territories": canada.NT, "NWT": canada.NT,
		"Nunavut": canada.NU, "nu": canada.NU,
	}
	for in, want := range ok {
		got, err := canada.ParseProvince(in)
		if err != nil || got != want {
			t.Errorf("ParseProvince(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", " ", "Q", "QCC", "Canada", "Québec City", "Labrador", "Montréal", "US", "--"} {
		if _, err := canada.ParseProvince(in); !errors.Is(err, canada.ErrProvince) {
			t.Errorf("ParseProvince(%q) error = %v, want ErrProvince", in, err)
		}
	}
}
