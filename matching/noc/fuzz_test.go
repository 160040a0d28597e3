package noc

import (
	"errors"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"21300", "00010", " NOC 21300 ", "cnp:21300", "2131", "0011", "99999", "",
		"213000", "2130O", "NOC", "noc-", "２１３００", "\x00", "21300\n", "NOC 2016 2131"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrUnknownCode) && !errors.Is(err, ErrNOC2016) {
				t.Fatalf("Parse(%q): untyped error %v", s, err)
			}
			if !c.IsZero() {
				t.Fatalf("Parse(%q): class with an error", s)
			}
			return
		}
		if c.Level != LevelUnitGroup || len(c.Code) != 5 {
			t.Fatalf("Parse(%q) = %v", s, c)
		}
		if l, ok := Lookup(c.Code); !ok || l != c {
			t.Fatalf("Parse(%q) = %v, not the class Lookup finds", s, c)
		}
	})
}

func FuzzCode(f *testing.F) {
	for _, s := range []string{"Ingénieure civile - Montréal (Hybride)", "Senior Civil Engineer, P.Eng.",
		"Ingénieur(e)", "ingénieur·e", "développeur.se", "Préposé(e) aux bénéficiaires (H/F)", "", "   ",
		"((((", "----", "/////", "·····", "a/b/c/d", "Chairman/woman", "Œnologue", "\xff\xfe", "ç",
		"ingenieur ingenieur ingenieur ingenieur ingenieur ingenieur ingenieur ingenieur ingenieur",
		"(e)", ".e", "x(e)s", "Technicien(ne)s", "sauf except", "Montréal", "classe 1", "1 2 3 4 5"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(2))
	}
	c := Default()
	f.Fuzz(func(t *testing.T, s string, l uint8) {
		start := time.Now()
		r := c.Code(s, Lang(l%3))
		if d := time.Since(start); d > 2*time.Second { // generous: fuzzing instruments the code
			t.Fatalf("Code(%q) took %v", s, d)
		}
		if r.Lang != EN && r.Lang != FR {
			t.Fatalf("Code(%q): language %v", s, r.Lang)
		}
		if len(r.Candidates) > MaxCandidates {
			t.Fatalf("Code(%q): %d candidates", s, len(r.Candidates))
		}
		seen := map[string]bool{}
		for i, cd := range r.Candidates {
			if cd.UnitGroup.Level != LevelUnitGroup || seen[cd.UnitGroup.Code] {
				t.Fatalf("Code(%q): candidate %v", s, cd)
			}
			seen[cd.UnitGroup.Code] = true
			if !(cd.Confidence >= 0 && cd.Confidence <= 1) || i > 0 && cd.Confidence > r.Candidates[i-1].Confidence {
				t.Fatalf("Code(%q): confidences %v", s, r.Candidates)
			}
			if cd.Example == "" || !utf8.ValidString(cd.Example) {
				t.Fatalf("Code(%q): example %q", s, cd.Example)
			}
		}
	})
}
