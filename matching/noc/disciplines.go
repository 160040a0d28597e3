package noc

import (
	"fmt"
	"slices"
	"strings"
)

// Discipline is an engineering discipline ("domaine de génie") mapped to the NOC 2021 unit group
// of its engineers. The labels are a curated list (no official machine-readable list of the
// Ordre des ingénieurs du Québec exists); each mapping is backed by an official NOC example title.
type Discipline struct {
	// Key is a stable identifier in snake case ("civil", "software", "pulp_paper").
	Key string `json:"key"`
	// TitleEN and TitleFR are the labels ("Civil engineering", "Génie civil").
	TitleEN string `json:"title_en"`
	TitleFR string `json:"title_fr"`
	// Code is the NOC 2021 unit group of the discipline's engineers ("21300").
	Code string `json:"code"`
	// ExampleEN and ExampleFR are the official NOC example titles that assign the discipline
	// to the unit group ("Civil engineer", "Ingénieur civil/ingénieure civile").
	ExampleEN string `json:"example_en"`
	ExampleFR string `json:"example_fr"`
	// Regulator is the Québec professional order: "OIQ" (Ordre des ingénieurs du Québec), or
	// "OIFQ" (Ordre des ingénieurs forestiers du Québec) for forest engineering.
	Regulator string `json:"regulator"`
}

// Title returns the label in the given language ([Auto]: French).
func (d Discipline) Title(lang Lang) string {
	if lang == EN {
		return d.TitleEN
	}
	return d.TitleFR
}

// UnitGroup returns the unit group of the discipline.
func (d Discipline) UnitGroup() Class {
	c, _ := Lookup(d.Code)
	return c
}

func loadDisciplines(t *taxonomy) ([]Discipline, error) {
	recs, err := readCSV("data/engineering_disciplines.csv", 7)
	if err != nil {
		return nil, err
	}
	out := make([]Discipline, 0, len(recs))
	for _, r := range recs {
		reg, _, _ := strings.Cut(r[6], " ") // "OIFQ (Ordre des ingénieurs forestiers du Québec), not OIQ"
		d := Discipline{Key: r[0], TitleEN: r[1], TitleFR: r[2], Code: r[3], ExampleEN: r[4], ExampleFR: r[5], Regulator: reg}
		if _, ok := t.ugOrdinal[d.Code]; !ok {
			return nil, fmt.Errorf("noc: discipline %s: %s is not a unit group", d.Key, d.Code)
		}
		out = append(out, d)
	}
	return out, nil
}

// Disciplines returns the 42 engineering disciplines, in the order of the source list (grouped
// by unit group, civil engineering first). The slice is a copy: the caller may modify it.
func Disciplines() []Discipline {
	return slices.Clone(loadTaxonomy().disciplines)
}

// DisciplineByKey returns the discipline with the given key.
func DisciplineByKey(key string) (Discipline, bool) {
	for _, d := range loadTaxonomy().disciplines {
		if d.Key == key {
			return d, true
		}
	}
	return Discipline{}, false
}
