package canada_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
)

func TestEasterSunday(t *testing.T) {
	known := map[int]string{
		// the 2024–2035 table
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
		2028: "2028-04-16", 2029: "2029-04-01", 2030: "2030-04-21", 2031: "2031-04-13",
		2032: "2032-03-28", 2033: "2033-04-17", 2034: "2034-04-09", 2035: "2035-03-25",
		// extremes and older years
		1818: "1818-03-22", 2285: "2285-03-22", 1943: "1943-04-25", 2038: "2038-04-25",
		2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21",
	}
	for y, want := range known {
		if got := canada.EasterSunday(y); got != d(want) {
			t.Errorf("EasterSunday(%d) = %s, want %s", y, got, want)
		}
	}
	for y := 1583; y <= 4099; y++ {
		e := canada.EasterSunday(y)
		if e.Weekday() != time.Sunday || e.Before(canada.Date{Year: y, Month: 3, Day: 22}) || e.After(canada.Date{Year: y, Month: 4, Day: 25}) {
			t.Fatalf("EasterSunday(%d) = %s", y, e)
		}
	}
}

// goldenHolidays lists, year by year, New Year's Day, Good Friday, Easter
// Monday, National Patriots' Day, Fête nationale, Canada Day, Labour Day,
// Thanksgiving and Christmas, worked out by hand from the rules and the
// Easter table.
var goldenHolidays = map[int][9]string{
	2024: {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-20", "2024-06-24", "2024-07-01", "2024-09-02", "2024-10-14", "2024-12-25"},
	2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-19", "2025-06-24", "2025-07-01", "2025-09-01", "2025-10-13", "2025-12-25"},
	2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-18", "2026-06-24", "2026-07-01", "2026-09-07", "2026-10-12", "2026-12-25"},
	2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-24", "2027-06-24", "2027-07-01", "2027-09-06", "2027-10-11", "2027-12-25"},
	2028: {"2028-01-01", "2028-04-14", "2028-04-17", "2028-05-22", "2028-06-24", "2028-07-01", "2028-09-04", "2028-10-09", "2028-12-25"},
	// 24 June and 1 July 2029 are Sundays: observed on Monday 25 June and Monday 2 July.
	2029: {"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-21", "2029-06-25", "2029-07-02", "2029-09-03", "2029-10-08", "2029-12-25"},
	2030: {"2030-01-01", "2030-04-19", "2030-04-22", "2030-05-20", "2030-06-24", "2030-07-01", "2030-09-02", "2030-10-14", "2030-12-25"},
	2031: {"2031-01-01", "2031-04-11", "2031-04-14", "2031-05-19", "2031-06-24", "2031-07-01", "2031-09-01", "2031-10-13", "2031-12-25"},
	2032: {"2032-01-01", "2032-03-26", "2032-03-29", "2032-05-24", "2032-06-24", "2032-07-01", "2032-09-06", "2032-10-11", "2032-12-25"},
	// 1 January 2033 is a Saturday, 25 December 2033 a Sunday: not moved.
	2033: {"2033-01-01", "2033-04-15", "2033-04-18", "2033-05-23", "2033-06-24", "2033-07-01", "2033-09-05", "2033-10-10", "2033-12-25"},
	// 24 June and 1 July 2034 are Saturdays: not moved (Québec moves only a Sunday).
	2034: {"2034-01-01", "2034-04-07", "2034-04-10", "2034-05-22", "2034-06-24", "2034-07-01", "2034-09-04", "2034-10-09", "2034-12-25"},
	// Sundays again in 2035.
	2035: {"2035-01-01", "2035-03-23", "2035-03-26", "2035-05-21", "2035-06-25", "2035-07-02", "2035-09-03", "2035-10-08", "2035-12-25"},
}

var goldenKeys = [9]string{
	canada.HolidayNewYear, canada.HolidayGoodFriday, canada.HolidayEasterMonday, canada.HolidayPatriotsDay,
	canada.HolidayFeteNationale, canada.HolidayCanadaDay, canada.HolidayLabourDay, canada.HolidayThanksgiving,
	canada.HolidayChristmas,
}

func TestQuebecHolidaysGolden(t *testing.T) {
	cal := canada.QuebecCalendar()
	for y := 2024; y <= 2035; y++ {
		want := goldenHolidays[y]
		got := cal.Holidays(y)
		if len(got) != len(want) {
			t.Fatalf("%d: %d holidays, want %d: %v", y, len(got), len(want), got)
		}
		for i, h := range got {
			if h.Date != d(want[i]) || h.Key != goldenKeys[i] || h.NameFR == "" || h.NameEN == "" {
				t.Errorf("%d #%d = %s %s, want %s %s", y, i, h.Date, h.Key, want[i], goldenKeys[i])
			}
			if hh, ok := cal.IsHoliday(h.Date); !ok || hh != h {
				t.Errorf("IsHoliday(%s) = %v, %v", h.Date, hh, ok)
			}
		}
	}
}

func TestQuebecHolidayRules(t *testing.T) {
	cal := canada.QuebecCalendar()
	for y := 1900; y <= 2200; y++ {
		hs := cal.Holidays(y)
		byKey := map[string]canada.Date{}
		for _, h := range hs {
			byKey[h.Key] = h.Date
		}
		easter := canada.EasterSunday(y)
		p := byKey[canada.HolidayPatriotsDay]
		fn, cd := byKey[canada.HolidayFeteNationale], byKey[canada.HolidayCanadaDay]
		ld, tg := byKey[canada.HolidayLabourDay], byKey[canada.HolidayThanksgiving]
		ok := len(hs) == 9 &&
			byKey[canada.HolidayGoodFriday] == easter.AddDays(-2) && byKey[canada.HolidayEasterMonday] == easter.AddDays(1) &&
			p.Weekday() == time.Monday && p.Month == time.May && p.Day >= 18 && p.Day <= 24 &&
			fn.Weekday() != time.Sunday && (fn.Day == 24 || (fn.Day == 25 && fn.Weekday() == time.Monday)) && fn.Month == time.June &&
			cd.Weekday() != time.Sunday && (cd.Day == 1 || (cd.Day == 2 && cd.Weekday() == time.Monday)) && cd.Month == time.July &&
			ld.Weekday() == time.Monday && ld.Month == time.September && ld.Day <= 7 &&
			tg.Weekday() == time.Monday && tg.Month == time.October && tg.Day >= 8 && tg.Day <= 14 &&
			byKey[canada.HolidayNewYear] == canada.Date{Year: y, Month: 1, Day: 1} &&
			byKey[canada.HolidayChristmas] == canada.Date{Year: y, Month: 12, Day: 25} &&
			slices.IsSortedFunc(hs, func(a, b canada.Holiday) int { return a.Date.Compare(b.Date) })
		if !ok {
			t.Fatalf("%d: %v", y, hs)
		}
	}
}

func TestCalendarCustomisation(t *testing.T) {
	base := canada.QuebecCalendar()
	if !slices.Equal(base.Holidays(2026), (canada.Calendar{}).Holidays(2026)) {
		t.Error("the zero Calendar should be QuebecCalendar")
	}

	goodFridayOnly := base.Without(canada.HolidayEasterMonday)
	if _, ok := goodFridayOnly.IsHoliday(d("2026-04-06")); ok || len(goodFridayOnly.Holidays(2030)) != 8 {
		t.Error("Without(easter_monday)")
	}
	if _, ok := goodFridayOnly.IsHoliday(d("2026-04-03")); !ok {
		t.Error("Good Friday lost")
	}

	board := base.With(d("2026-12-24"), d("2026-12-31"), d("2027-01-02"), d("2026-12-25"))
	hs := board.Holidays(2026)
	if len(hs) != 11 || hs[8].Date != d("2026-12-24") || hs[8].Key != canada.HolidayClosure || hs[9].Key != canada.HolidayChristmas || hs[10].Date != d("2026-12-31") {
		t.Errorf("With: %v", hs)
	}
	if h, ok := board.IsHoliday(d("2026-12-31")); !ok || h.Key != canada.HolidayClosure || h.NameFR != "Fermeture" || h.NameEN != "Closure" {
		t.Errorf("closure: %v %v", h, ok)
	}
	if len(board.Holidays(2027)) != 10 || len(board.Holidays(2028)) != 9 {
		t.Error("closures leak into other years")
	}
	// base is untouched.
	if len(base.Holidays(2026)) != 9 {
		t.Error("With modified its receiver")
	}

	named := base.WithHolidays(canada.Holiday{Date: d("2026-12-26"), Key: "boxing_day", NameFR: "Lendemain de Noël", NameEN: "Boxing Day"},
		canada.Holiday{Date: canada.Date{Year: 2026, Month: 12, Day: 32}})
	if h, ok := named.IsHoliday(d("2026-12-26")); !ok || h.Key != "boxing_day" {
		t.Errorf("WithHolidays: %v", h)
	}
	if h, ok := named.IsHoliday(d("2027-01-01")); !ok || h.Key != canada.HolidayNewYear {
		t.Errorf("statutory name should win over a closure: %v", h)
	}
	if _, ok := named.Without("boxing_day").IsHoliday(d("2026-12-26")); ok {
		t.Error("Without(custom key)")
	}
	if _, ok := board.Without(canada.HolidayClosure).IsHoliday(d("2026-12-24")); ok {
		t.Error("Without(closure)")
	}

	noXmas2026 := base.WithoutDates(d("2026-12-25"))
	if _, ok := noXmas2026.IsHoliday(d("2026-12-25")); ok {
		t.Error("WithoutDates")
	}
	if _, ok := noXmas2026.IsHoliday(d("2027-12-25")); !ok {
		t.Error("WithoutDates dropped another year")
	}
	// Order matters: a closure added after WithoutDates stays.
	if _, ok := base.WithoutDates(d("2026-12-24")).With(d("2026-12-24")).IsHoliday(d("2026-12-24")); !ok {
		t.Error("With after WithoutDates")
	}
	if _, ok := board.WithoutDates(d("2026-12-24")).IsHoliday(d("2026-12-24")); ok {
		t.Error("WithoutDates after With")
	}
}

// TestCalendarIsAValue checks that derived calendars never share
// modifications, even when their slices have spare capacity.
func TestCalendarIsAValue(t *testing.T) {
	c1 := canada.QuebecCalendar().With(d("2026-12-24"), d("2026-12-31"), d("2026-12-30")).Without("x", "y", "z")
	c2 := c1.With(d("2026-12-28")).Without(canada.HolidayChristmas).WithoutDates(d("2026-07-01"))
	c3 := c1.With(d("2026-12-29")).Without(canada.HolidayNewYear).WithoutDates(d("2026-06-24"))
	has := func(c canada.Calendar, s string) bool { _, ok := c.IsHoliday(d(s)); return ok }
	if has(c2, "2026-12-29") || has(c3, "2026-12-28") || has(c1, "2026-12-28") || has(c1, "2026-12-29") {
		t.Error("closures shared between copies")
	}
	if has(c2, "2026-12-25") || !has(c3, "2026-12-25") || !has(c1, "2026-12-25") {
		t.Error("Without shared between copies")
	}
	if has(c3, "2026-06-24") == has(c2, "2026-06-24") || has(c2, "2026-07-01") || !has(c3, "2026-07-01") {
		t.Error("WithoutDates shared between copies")
	}

	// Concurrent use of one shared Calendar (run with -race).
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c := c1.With(d("2026-11-02").AddDays(i)).Without("k").WithoutDates(d("2026-01-01"))
			_ = c.Holidays(2026)
			_ = c1.AddBusinessDays(d("2026-12-20"), 5+i)
			_ = c.BusinessDaysBetween(d("2026-01-01"), d("2027-01-01"))
		})
	}
	wg.Wait()
}

func TestAddBusinessDays(t *testing.T) {
	q := canada.QuebecCalendar()
	board := q.With(d("2026-12-24"), d("2026-12-31"), d("2027-01-02"))
	cases := []struct {
		name string
		cal  canada.Calendar
		from string
		n    int
		want string
	}{
		{"plain week", q, "2026-06-08", 3, "2026-06-11"},
		{"over a weekend", q, "2026-06-12", 1, "2026-06-15"},
		{"from a Saturday", q, "2026-06-13", 1, "2026-06-15"},
		{"zero on a business day", q, "2026-06-10", 0, "2026-06-10"},
		{"zero on a holiday", q, "2026-06-24", 0, "2026-06-24"},
		{"Easter: Thursday + 1", q, "2026-04-02", 1, "2026-04-07"},
		{"Easter: Wednesday + 2", q, "2026-04-01", 2, "2026-04-07"},
		{"Easter backwards", q, "2026-04-07", -1, "2026-04-02"},
		{"Good Friday only", q.Without(canada.HolidayEasterMonday), "2026-04-02", 1, "2026-04-06"},
		{"Patriots' Day", q, "2026-05-15", 1, "2026-05-19"},
		{"Fête nationale", q, "2026-06-23", 1, "2026-06-25"},
		{"RULES T-6: 3 days after Thursday", q, "2026-06-18", 3, "2026-06-23"},
		{"RULES T-6: 3 days after Friday", q, "2026-06-19", 3, "2026-06-25"},
		{"Fête nationale and Canada Day", q, "2026-06-23", 5, "2026-07-02"},
		{"2029: 25 June observed", q, "2029-06-22", 1, "2029-06-26"},
		{"2029: 2 July observed", q, "2029-06-29", 1, "2029-07-03"},
		{"2034: Saturday 24 June not moved", q, "2034-06-23", 1, "2034-06-26"},
		{"Labour Day", q, "2026-09-04", 1, "2026-09-08"},
		{"Thanksgiving", q, "2026-10-09", 1, "2026-10-13"},
		{"Christmas to New Year", q, "2026-12-24", 5, "2027-01-04"},
		{"back over New Year", q, "2027-01-04", -5, "2026-12-24"},
		{"board closures", board, "2026-12-23", 1, "2026-12-28"},
		{"board closures over New Year", board, "2026-12-23", 4, "2027-01-04"},
		{"Christmas on Saturday not moved", q, "2027-12-24", 1, "2027-12-27"},
		{"New Year on Saturday not moved", q, "2027-12-31", 1, "2028-01-03"},
		{"a year ahead", q, "2026-01-01", 250, "2026-12-29"},
		{"whole year", q, "2025-12-31", 252, "2026-12-31"},
		{"ten years ahead", q, "2026-06-24", 2500, "2036-05-12"},
		{"ten years back", q, "2036-05-12", -2500, "2026-06-23"},
	}
	for _, c := range cases {
		if got := c.cal.AddBusinessDays(d(c.from), c.n); got != d(c.want) {
			t.Errorf("%s: AddBusinessDays(%s, %d) = %s, want %s", c.name, c.from, c.n, got, c.want)
		}
		if got := naiveAdd(c.cal, d(c.from), c.n); got != d(c.want) {
			t.Errorf("%s: naive AddBusinessDays(%s, %d) = %s, want %s", c.name, c.from, c.n, got, c.want)
		}
		if got := c.cal.BusinessDaysBetween(d(c.from), d(c.want)); got != c.n {
			t.Errorf("%s: BusinessDaysBetween(%s, %s) = %d, want %d", c.name, c.from, c.want, got, c.n)
		}
	}
	for _, s := range []string{"2026-06-24", "2026-06-27", "2026-06-28", "2029-06-25", "2026-12-25"} {
		if q.IsBusinessDay(d(s)) {
			t.Errorf("%s is not a business day", s)
		}
	}
	for _, s := range []string{"2026-06-23", "2029-06-26", "2027-12-27", "2034-06-26"} {
		if !q.IsBusinessDay(d(s)) {
			t.Errorf("%s is a business day", s)
		}
	}
	// 2026: 261 weekdays, all nine holidays on weekdays.
	if n := q.BusinessDaysBetween(d("2025-12-31"), d("2026-12-31")); n != 252 {
		t.Errorf("business days in 2026 = %d, want 252", n)
	}
}

// naiveAdd is AddBusinessDays written the obvious way, one day at a time.
func naiveAdd(c canada.Calendar, d canada.Date, n int) canada.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsBusinessDay(d) {
			n--
		}
	}
	return d
}

func naiveBetween(c canada.Calendar, a, b canada.Date) int {
	n := 0
	if a.Before(b) {
		for x := a.AddDays(1); !x.After(b); x = x.AddDays(1) {
			if c.IsBusinessDay(x) {
				n++
			}
		}
		return n
	}
	for x := b; x.Before(a); x = x.AddDays(1) {
		if c.IsBusinessDay(x) {
			n--
		}
	}
	return n
}

func TestBusinessDayProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	q := canada.QuebecCalendar()
	cals := []canada.Calendar{q, q.Without(canada.HolidayGoodFriday), q.With(d("2026-12-24"), d("2027-12-24"), d("2028-01-03"))}
	start := d("2024-01-01")
	for i := 0; i < 3000; i++ {
		cal := cals[i%len(cals)]
		from := start.AddDays(r.IntN(12 * 366))
		n := r.IntN(1201) - 600
		to := cal.AddBusinessDays(from, n)
		if n != 0 && !cal.IsBusinessDay(to) {
			t.Fatalf("AddBusinessDays(%s, %d) = %s, not a business day", from, n, to)
		}
		if got := cal.BusinessDaysBetween(from, to); got != n {
			t.Fatalf("BusinessDaysBetween(%s, %s) = %d, want %d", from, to, got, n)
		}
		if i%10 == 0 {
			if want := naiveAdd(cal, from, n); to != want {
				t.Fatalf("AddBusinessDays(%s, %d) = %s, naive %s", from, n, to, want)
			}
			other := start.AddDays(r.IntN(12 * 366))
			if got, want := cal.BusinessDaysBetween(from, other), naiveBetween(cal, from, other); got != want {
				t.Fatalf("BusinessDaysBetween(%s, %s) = %d, naive %d", from, other, got, want)
			}
		}
	}
}

func TestAddBusinessDaysAtDST(t *testing.T) {
	tor, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	q := canada.QuebecCalendar()
	cases := []struct {
		name    string
		from    time.Time
		n       int
		want    time.Time
		elapsed time.Duration
	}{
		{"spring forward (8 March 2026)", time.Date(2026, 3, 6, 15, 0, 0, 0, tor), 2,
			time.Date(2026, 3, 10, 15, 0, 0, 0, tor), 4*24*time.Hour - time.Hour},
		{"fall back (1 November 2026)", time.Date(2026, 10, 30, 15, 0, 0, 0, tor), 2,
			time.Date(2026, 11, 3, 15, 0, 0, 0, tor), 4*24*time.Hour + time.Hour},
		{"backwards over spring forward", time.Date(2026, 3, 10, 9, 30, 0, 0, tor), -2,
			time.Date(2026, 3, 6, 9, 30, 0, 0, tor), -(4*24*time.Hour - time.Hour)},
		{"given in UTC, 20:00Z is 15:00 EST", time.Date(2026, 3, 6, 20, 0, 0, 0, time.UTC), 2,
			time.Date(2026, 3, 10, 19, 0, 0, 0, time.UTC), 4*24*time.Hour - time.Hour},
		{"late evening: Toronto date, not UTC date", time.Date(2026, 6, 24, 3, 30, 0, 0, time.UTC), 1,
			time.Date(2026, 6, 25, 23, 30, 0, 0, tor), 2 * 24 * time.Hour},
		{"Easter 2026 across DST-free spring", time.Date(2026, 4, 2, 17, 0, 0, 0, tor), 1,
			time.Date(2026, 4, 7, 17, 0, 0, 0, tor), 5 * 24 * time.Hour},
		{"zero", time.Date(2026, 3, 8, 12, 0, 0, 0, tor), 0,
			time.Date(2026, 3, 8, 12, 0, 0, 0, tor), 0},
	}
	for _, c := range cases {
		got := q.AddBusinessDaysAt(c.from, c.n, tor)
		if !got.Equal(c.want) || got.Location() != tor || got.Sub(c.from) != c.elapsed {
			t.Errorf("%s: got %v (elapsed %v), want %v (elapsed %v)", c.name, got, got.Sub(c.from), c.want, c.elapsed)
		}
	}
	// A nil location means t's own.
	from := time.Date(2026, 3, 6, 15, 0, 0, 0, tor)
	if got := q.AddBusinessDaysAt(from, 2, nil); !got.Equal(time.Date(2026, 3, 10, 15, 0, 0, 0, tor)) {
		t.Errorf("nil loc: %v", got)
	}
}
