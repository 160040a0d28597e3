package canada_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/babillard/babillard/canada"
)

func ExampleParsePostalCode() {
	pc, err := canada.ParsePostalCode(" h2x-1y4 ")
	if err != nil {
		panic(err)
	}
	fmt.Println(pc, pc.FSA(), pc.Provinces())
	fmt.Println(canada.CheckPostalCodeProvince(pc, canada.QC))

	err = canada.CheckPostalCodeProvince(pc, canada.ON)
	fmt.Println(errors.Is(err, canada.ErrPostalCodeProvince))

	_, err = canada.ParsePostalCode("D2X 1Y4")
	fmt.Println(errors.Is(err, canada.ErrPostalCodeLetter))
	// Output:
	// H2X 1Y4 H2X [QC]
	// <nil>
	// true
	// true
}

func ExampleParseProvince() {
	for _, s := range []string{"qc", "Colombie-Britannique", "PRINCE EDWARD ISLAND", "Territoires du Nord-Ouest"} {
		p, err := canada.ParseProvince(s)
		if err != nil {
			panic(err)
		}
		fmt.Println(p, p.NameFR(), "/", p.NameEN())
	}
	// Output:
	// QC Québec / Quebec
	// BC Colombie-Britannique / British Columbia
	// PE Île-du-Prince-Édouard / Prince Edward Island
	// NT Territoires du Nord-Ouest / Northwest Territories
}

func ExampleParseRegion() {
	r, err := canada.ParseRegion("saguenay lac saint jean")
	if err != nil {
		panic(err)
	}
	fmt.Println(r, r.NameFR())
	// Output: 02 Saguenay–Lac-Saint-Jean
}

func ExampleParseBusinessNumber() {
	b, err := canada.ParseBusinessNumber("119219814 rr 0001")
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	fmt.Println(b.BN(), b.Program(), b.Account())
	fmt.Println(b.Compact())

	_, err = canada.ParseBusinessNumber("119219815")
	fmt.Println(errors.Is(err, canada.ErrBusinessNumberChecksum))
	// Output:
	// 119219814 RR0001
	// 119219814 RR 0001
	// 119219814RR0001
	// true
}

func ExampleParseNEQ() {
	n, err := canada.ParseNEQ("1176 786 565")
	if err != nil {
		panic(err)
	}
	fmt.Println(n, n.Kind())
	// Output: 1176786565 legal_person
}

func ExampleParseSIRET() {
	s, err := canada.ParseSIRET("732 829 320 00074")
	if err != nil {
		panic(err)
	}
	fmt.Println(s, s.SIREN(), s.NIC())
	// Output: 73282932000074 732829320 00074
}

func ExampleSIN() {
	sin, err := canada.ParseSIN("123-456-782")
	if err != nil {
		panic(err)
	}
	// However it is printed, a SIN shows no digit.
	fmt.Println(sin)
	fmt.Printf("%v %q %#v\n", sin, sin, sin)
	type user struct {
		Name string
		SIN  canada.SIN
	}
	fmt.Printf("%+v\n", user{"Ana", sin})
	fmt.Println(sin.IsTemporary(), sin.CheckNotTemporary())

	// Digits feeds a keyed hash (one account per SIN); never log it.
	fmt.Println(len(sin.Digits()))

	_, err = canada.ParseSIN("123-456-789")
	fmt.Println(err)
	// Output:
	// ***-***-***
	// ***-***-*** "***-***-***" canada.SIN("***-***-***")
	// {Name:Ana SIN:***-***-***}
	// false <nil>
	// 9
	// canada: social insurance number check digit is wrong
}

func ExampleCalendar_Holidays() {
	cal := canada.QuebecCalendar()
	for _, h := range cal.Holidays(2029) {
		fmt.Println(h.Date, h.Date.Weekday(), h.NameFR)
	}
	// Output:
	// 2029-01-01 Monday Jour de l'An
	// 2029-03-30 Friday Vendredi saint
	// 2029-04-02 Monday Lundi de Pâques
	// 2029-05-21 Monday Journée nationale des patriotes
	// 2029-06-25 Monday Fête nationale du Québec
	// 2029-07-02 Monday Fête du Canada
	// 2029-09-03 Monday Fête du Travail
	// 2029-10-08 Monday Action de grâce
	// 2029-12-25 Tuesday Noël
}

func ExampleCalendar_AddBusinessDays() {
	// A board closed on Good Friday only, and between Christmas and New Year.
	cal := canada.QuebecCalendar().
		Without(canada.HolidayEasterMonday).
		With(
			canada.Date{Year: 2026, Month: time.December, Day: 24},
			canada.Date{Year: 2026, Month: time.December, Day: 31},
		)

	// An offer submitted on Friday 19 June 2026 can be published 3 business
	// days later at the earliest: 24 June is the Fête nationale.
	submitted := canada.Date{Year: 2026, Month: time.June, Day: 19}
	fmt.Println(cal.AddBusinessDays(submitted, 3))

	fmt.Println(cal.AddBusinessDays(canada.Date{Year: 2026, Month: time.April, Day: 2}, 1))
	fmt.Println(cal.AddBusinessDays(canada.Date{Year: 2026, Month: time.December, Day: 23}, 1))
	fmt.Println(cal.BusinessDaysBetween(submitted, canada.Date{Year: 2026, Month: time.July, Day: 3}))
	// Output:
	// 2026-06-25
	// 2026-04-06
	// 2026-12-28
	// 8
}

func ExampleCalendar_AddBusinessDaysAt() {
	toronto, err := canada.LoadToronto()
	if err != nil {
		panic(err)
	}
	cal := canada.QuebecCalendar()
	// Friday 15:00 before the switch to daylight saving time (Sunday 8 March
	// 2026): two business days later is Tuesday 15:00, local time.
	submitted := time.Date(2026, time.March, 6, 15, 0, 0, 0, toronto)
	due := cal.AddBusinessDaysAt(submitted, 2, toronto)
	fmt.Println(due.Format(time.RFC3339))
	fmt.Println(due.Sub(submitted))
	// Output:
	// 2026-03-10T15:00:00-04:00
	// 95h0m0s
}
