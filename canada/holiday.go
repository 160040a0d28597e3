package canada

import (
	"slices"
	"time"
)

// Keys of the holidays of QuebecCalendar, and of closures added with
// Calendar.With. Keys are stable identifiers, suitable for configuration
// and for Calendar.Without.
const (
	HolidayNewYear       = "new_year"       // 1 January
	HolidayGoodFriday    = "good_friday"    // Friday before Easter Sunday
	HolidayEasterMonday  = "easter_monday"  // Monday after Easter Sunday
	HolidayPatriotsDay   = "patriots_day"   // Monday preceding 25 May
	HolidayFeteNationale = "fete_nationale" // 24 June, or 25 June when the 24th is a Sunday
	HolidayCanadaDay     = "canada_day"     // 1 July, or 2 July when the 1st is a Sunday
	HolidayLabourDay     = "labour_day"     // first Monday of September
	HolidayThanksgiving  = "thanksgiving"   // second Monday of October
	HolidayChristmas     = "christmas"      // 25 December
	HolidayClosure       = "closure"        // a date added with Calendar.With
)

// Holiday is a day on which the board is closed: a public holiday or a
// closure the board added.
type Holiday struct {
	Date   Date   `json:"date"`    // the day observed (25 June when 24 June is a Sunday)
	Key    string `json:"key"`     // stable identifier, one of the Holiday* constants for built-in days
	NameFR string `json:"name_fr"` // "Fête nationale du Québec"
	NameEN string `json:"name_en"` // "National Holiday"
}

// Calendar says which days are business days: Monday to Friday, except
// holidays. It is a value: copying it is cheap, the methods that change it
// return a new Calendar and never modify the receiver or anything it
// shares with other copies, so a Calendar can be shared freely between
// goroutines. The zero Calendar is QuebecCalendar().
type Calendar struct {
	added     []Holiday // sorted by date, one per date; never modified in place
	dropKeys  []string  // rule-based holidays removed by key
	dropDates []Date    // rule-based holidays removed by date
}

// QuebecCalendar returns the calendar of Québec's statutory holidays (Act
// respecting labour standards, s. 60; National Holiday Act, s. 2):
//
//   - New Year's Day, 1 January (not moved when it falls on a weekend);
//   - Good Friday and Easter Monday (the Act lets each employer choose one
//     of the two; the calendar closes both, use Without(HolidayGoodFriday)
//     or Without(HolidayEasterMonday) to keep only one);
//   - National Patriots' Day, the Monday preceding 25 May;
//   - Fête nationale, 24 June, or 25 June when 24 June is a Sunday (the
//     Act makes 25 June the day off for employees who do not work on
//     Sundays);
//   - Canada Day, 1 July, or 2 July when 1 July is a Sunday (Québec's
//     rule; the federal rule that also moves a Saturday does not apply);
//   - Labour Day, the first Monday of September;
//   - Thanksgiving, the second Monday of October;
//   - Christmas Day, 25 December (not moved when it falls on a weekend).
//
// Boards add their own closures with With (24, 26 and 31 December,
// 2 January...). The rules are today's and are applied to every year.
func QuebecCalendar() Calendar { return Calendar{} }

// EasterSunday returns the date of Easter Sunday of the given year in the
// Gregorian calendar (anonymous Gregorian algorithm, also known as
// Meeus/Jones/Butcher). It is meaningful from 1583 on.
func EasterSunday(year int) Date {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return Date{Year: year, Month: time.Month(n / 31), Day: n%31 + 1}.norm()
}

// nthWeekday returns the n-th (1-based) given weekday of a month.
func nthWeekday(year int, month time.Month, wd time.Weekday, n int) Date {
	first := Date{Year: year, Month: month, Day: 1}
	offset := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDays(offset + 7*(n-1))
}

// quebecRules returns the statutory holidays of year, in date order.
func quebecRules(year int) []Holiday {
	easter := EasterSunday(year)
	may24 := Date{Year: year, Month: time.May, Day: 24}
	patriots := may24.AddDays(-((int(may24.Weekday()) - int(time.Monday) + 7) % 7))
	fete := Date{Year: year, Month: time.June, Day: 24}
	if fete.Weekday() == time.Sunday {
		fete = fete.AddDays(1)
	}
	canada := Date{Year: year, Month: time.July, Day: 1}
	if canada.Weekday() == time.Sunday {
		canada = canada.AddDays(1)
	}
	return []Holiday{
		{Date{year, time.January, 1}, HolidayNewYear, "Jour de l'An", "New Year's Day"},
		{easter.AddDays(-2), HolidayGoodFriday, "Vendredi saint", "Good Friday"},
		{easter.AddDays(1), HolidayEasterMonday, "Lundi de Pâques", "Easter Monday"},
		{patriots, HolidayPatriotsDay, "Journée nationale des patriotes", "National Patriots' Day"},
		{fete, HolidayFeteNationale, "Fête nationale du Québec", "National Holiday"},
		{canada, HolidayCanadaDay, "Fête du Canada", "Canada Day"},
		{nthWeekday(year, time.September, time.Monday, 1), HolidayLabourDay, "Fête du Travail", "Labour Day"},
		{nthWeekday(year, time.October, time.Monday, 2), HolidayThanksgiving, "Action de grâce", "Thanksgiving Day"},
		{Date{year, time.December, 25}, HolidayChristmas, "Noël", "Christmas Day"},
	}
}

// With returns a copy of c in which the given dates are closed too, as
// holidays with key HolidayClosure (NameFR "Fermeture", NameEN "Closure").
// A date already added is replaced; a date that is already a statutory
// holiday keeps its statutory name.
func (c Calendar) With(closures ...Date) Calendar {
	hs := make([]Holiday, len(closures))
	for i, d := range closures {
		hs[i] = Holiday{Date: d, Key: HolidayClosure, NameFR: "Fermeture", NameEN: "Closure"}
	}
	return c.WithHolidays(hs...)
}

// WithHolidays returns a copy of c with the given named closures added (a
// board's own holidays, with their own keys and names; an empty Key
// becomes HolidayClosure). A date already added is replaced.
func (c Calendar) WithHolidays(hs ...Holiday) Calendar {
	added := slices.Clone(c.added)
	for _, h := range hs {
		h.Date = h.Date.norm()
		if h.Key == "" {
			h.Key = HolidayClosure
		}
		if i := slices.IndexFunc(added, func(a Holiday) bool { return a.Date == h.Date }); i >= 0 {
			added[i] = h
		} else {
			added = append(added, h)
		}
	}
	slices.SortStableFunc(added, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	c.added = added
	return c
}

// Without returns a copy of c without the holidays whose keys are given:
// the statutory holidays with those keys (in every year) and the closures
// added so far with those keys. Closures added later are kept.
//
// For example, an employer who gives Good Friday rather than Easter Monday
// uses QuebecCalendar().Without(HolidayEasterMonday).
func (c Calendar) Without(keys ...string) Calendar {
	c.dropKeys = append(slices.Clone(c.dropKeys), keys...)
	c.added = slices.DeleteFunc(slices.Clone(c.added), func(h Holiday) bool {
		return slices.Contains(keys, h.Key)
	})
	return c
}

// WithoutDates returns a copy of c in which the given dates are no longer
// holidays: a statutory holiday falling on one of them is dropped (that
// year only) and the closures added so far on them are removed. Closures
// added later are kept.
func (c Calendar) WithoutDates(dates ...Date) Calendar {
	ds := make([]Date, len(dates))
	for i, d := range dates {
		ds[i] = d.norm()
	}
	c.dropDates = append(slices.Clone(c.dropDates), ds...)
	c.added = slices.DeleteFunc(slices.Clone(c.added), func(h Holiday) bool {
		return slices.Contains(ds, h.Date)
	})
	return c
}

// Holidays returns the holidays of year in date order: the statutory
// holidays kept by the calendar and the closures it added in that year.
// The slice is freshly allocated.
func (c Calendar) Holidays(year int) []Holiday {
	out := make([]Holiday, 0, 9+len(c.added))
	for _, h := range quebecRules(year) {
		if slices.Contains(c.dropKeys, h.Key) || slices.Contains(c.dropDates, h.Date) {
			continue
		}
		out = append(out, h)
	}
	rules := len(out)
	for _, h := range c.added {
		if h.Date.Year != year {
			continue
		}
		if slices.ContainsFunc(out[:rules], func(r Holiday) bool { return r.Date == h.Date }) {
			continue
		}
		out = append(out, h)
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// IsHoliday returns the holiday falling on d, if any.
func (c Calendar) IsHoliday(d Date) (Holiday, bool) {
	k := dayCache{c: &c}
	return k.holiday(d.norm())
}

// IsBusinessDay reports whether d is a Monday to Friday that is not a
// holiday.
func (c Calendar) IsBusinessDay(d Date) bool {
	k := dayCache{c: &c}
	return k.business(d.norm())
}

// AddBusinessDays returns the date n business days after d, counting from
// the day after d: with n > 0 it is the n-th business day strictly after
// d; with n < 0, the |n|-th business day strictly before d; with n == 0,
// d itself, whether or not d is a business day. d need not be a business
// day: AddBusinessDays(saturday, 1) is the following Monday when that
// Monday is a business day.
//
// For example, an offer submitted on Thursday 2026-06-18 that must be
// published at least 3 business days later can be published from
// Tuesday 2026-06-23 (Friday 19, Monday 22, Tuesday 23). Submitted on
// Friday 2026-06-19, the third business day is Thursday 2026-06-25
// (24 June is the Fête nationale).
//
// Whole years are skipped at once, so the cost grows with the number of
// years spanned (plus at most two partial years walked day by day).
func (c Calendar) AddBusinessDays(d Date, n int) Date {
	d = d.norm()
	k := dayCache{c: &c}
	switch {
	case n > 0:
		for n > 0 {
			if d.Month == time.December && d.Day == 31 {
				for {
					bd := k.businessDaysInYear(d.Year + 1)
					if bd <= 0 || n <= bd {
						break
					}
					n -= bd
					d = Date{Year: d.Year + 1, Month: time.December, Day: 31}
				}
			}
			d = d.AddDays(1)
			if k.business(d) {
				n--
			}
		}
	case n < 0:
		for n < 0 {
			if d.Month == time.January && d.Day == 1 {
				for {
					bd := k.businessDaysInYear(d.Year - 1)
					if bd <= 0 || -n <= bd {
						break
					}
					n += bd
					d = Date{Year: d.Year - 1, Month: time.January, Day: 1}
				}
			}
			d = d.AddDays(-1)
			if k.business(d) {
				n++
			}
		}
	}
	return d
}

// BusinessDaysBetween counts business days from a to b, consistently with
// AddBusinessDays: when a is before b it counts the business days after a
// up to and including b; when b is before a it returns minus the number of
// business days from b included up to a excluded; it returns 0 when they
// are the same day. So BusinessDaysBetween(d, c.AddBusinessDays(d, n)) is
// n for every d and n. Like AddBusinessDays, its cost grows with the
// number of years spanned.
func (c Calendar) BusinessDaysBetween(a, b Date) int {
	a, b = a.norm(), b.norm()
	switch a.Compare(b) {
	case -1:
		return c.countBusinessDays(a.AddDays(1), b)
	case 1:
		return -c.countBusinessDays(b, a.AddDays(-1))
	}
	return 0
}

// countBusinessDays counts the business days from `from` to `to`, both
// included (from ≤ to).
func (c Calendar) countBusinessDays(from, to Date) int {
	k := dayCache{c: &c}
	n := 0
	for d := from; !d.After(to); {
		if d.Month == time.January && d.Day == 1 && to.Year > d.Year {
			n += k.businessDaysInYear(d.Year)
			d = Date{Year: d.Year + 1, Month: time.January, Day: 1}
			continue
		}
		if k.business(d) {
			n++
		}
		d = d.AddDays(1)
	}
	return n
}

// AddBusinessDaysAt returns the instant n business days after t, reckoned
// in loc: the date of t in loc is moved with AddBusinessDays and the wall
// clock time of day in loc is kept, whatever daylight saving time changes
// in between (a submission on Friday 2026-03-06 at 15:00 EST plus 2
// business days is due on Tuesday 2026-03-10 at 15:00 EDT). A wall clock
// time that does not exist or exists twice on the target day follows
// WallClock's rule (a skipped time moves forward by the hour skipped, a
// repeated one is the first); a target day that is t's own gives t itself.
// A nil loc means t's own location; use LoadToronto for the board's zone.
// The result is in loc.
func (c Calendar) AddBusinessDaysAt(t time.Time, n int, loc *time.Location) time.Time {
	if loc == nil {
		loc = t.Location()
	}
	t = t.In(loc)
	d := c.AddBusinessDays(DateOf(t), n)
	if d == DateOf(t) {
		return t
	}
	return WallClock(d.Year, d.Month, d.Day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// dayCache answers holiday and business-day questions for a calendar,
// keeping the holidays of the last year asked for. It lives for one call.
type dayCache struct {
	c     *Calendar
	year  int
	valid bool
	hs    []Holiday
}

func (k *dayCache) holiday(d Date) (Holiday, bool) {
	if !k.valid || k.year != d.Year {
		k.hs, k.year, k.valid = k.c.Holidays(d.Year), d.Year, true
	}
	for _, h := range k.hs {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

func (k *dayCache) business(d Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, hol := k.holiday(d)
	return !hol
}

// businessDaysInYear counts the business days of a whole year.
func (k *dayCache) businessDaysInYear(year int) int {
	jan1 := Date{Year: year, Month: time.January, Day: 1}
	length := 365
	if time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay() == 366 {
		length = 366
	}
	n := 260 // 52 full weeks
	for i := 0; i < length-364; i++ {
		if wd := (int(jan1.Weekday()) + i) % 7; wd != int(time.Saturday) && wd != int(time.Sunday) {
			n++
		}
	}
	for _, h := range k.c.Holidays(year) {
		if wd := h.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return n
}
