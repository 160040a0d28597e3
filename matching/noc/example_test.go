package noc_test

import (
	"errors"
	"fmt"

	"github.com/babillard/babillard/matching/noc"
)

// Look up a unit group and walk up the hierarchy.
func ExampleLookup() {
	c, ok := noc.Lookup("21300")
	if !ok {
		return
	}
	fmt.Println(c.Code, c.Level, "TEER", c.TEER)
	fmt.Println(c.Title(noc.EN))
	fmt.Println(c.Title(noc.FR))
	for _, p := range c.Path() {
		fmt.Printf("%-5s %s\n", p.Code, p.TitleEN)
	}
	// Output:
	// 21300 unit group TEER 1
	// Civil engineers
	// Ingénieurs civils/ingénieures civiles
	// 2     Natural and applied sciences and related occupations
	// 21    Professional occupations in natural and applied sciences
	// 213   Professional occupations in engineering
	// 2130  Civil and mechanical engineers
	// 21300 Civil engineers
}

// Code a job title as an employer wrote it; accept the code when the confidence is high enough,
// otherwise show the candidates to a person.
func ExampleCode() {
	r := noc.Code("Ingénieure civile - Montréal (Hybride)", noc.Auto)
	fmt.Println("language:", r.Lang)
	if c, ok := r.Accept(noc.DefaultThreshold); ok {
		fmt.Println("accepted:", c.UnitGroup.Code, c.UnitGroup.TitleFR)
		fmt.Println("because of:", c.Example)
	} else {
		for _, c := range r.Candidates {
			fmt.Printf("%s %s (%.0f %%)\n", c.UnitGroup.Code, c.UnitGroup.TitleFR, 100*c.Confidence)
		}
	}
	// Output:
	// language: fr
	// accepted: 21300 Ingénieurs civils/ingénieures civiles
	// because of: Ingénieur civil/ingénieure civile
}

// A 4-digit NOC 2016 code is refused with a typed error, never converted.
func ExampleParse_noc2016() {
	_, err := noc.Parse("2131")
	fmt.Println(errors.Is(err, noc.ErrNOC2016))
	var e *noc.NOC2016Error
	if errors.As(err, &e) {
		fmt.Println(e.Message(noc.FR))
	}
	c, err := noc.Parse("NOC 21300")
	fmt.Println(c.Code, c.TitleEN, err)
	// Output:
	// true
	// 2131 est un code de la CNP 2016. Indiquez le code à 5 chiffres de la CNP 2021 (par exemple 21300).
	// 21300 Civil engineers <nil>
}

// The engineering disciplines ("domaines de génie") and their unit groups.
func ExampleDisciplines() {
	for _, d := range noc.Disciplines()[:3] {
		fmt.Println(d.Key, d.Code, d.TitleFR, "/", d.TitleEN)
	}
	// Output:
	// civil 21300 Génie civil / Civil engineering
	// structural 21300 Génie des structures / Structural engineering
	// environmental 21300 Génie de l'environnement / Environmental engineering
}

// A feed of imported offers is coded on all the processors; each result is what Code returns.
func ExampleCodeAll() {
	titles := []string{"Soudeur", "Registered Nurse (RN) - Remote", "Commis comptable"}
	for i, r := range noc.CodeAll(titles, noc.Auto) {
		c, ok := r.Accept(noc.DefaultThreshold)
		fmt.Println(titles[i], "→", c.UnitGroup.Code, ok)
	}
	// Output:
	// Soudeur → 72106 true
	// Registered Nurse (RN) - Remote → 31301 true
	// Commis comptable → 14200 true
}
