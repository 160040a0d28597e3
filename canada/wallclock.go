package canada

import "time"

// WallClock returns the instant at which the clocks of loc read the given
// date and time of day, with one rule for the two moments a daylight
// saving time change makes ambiguous, which every calculation of the
// library follows (AddDaysAt, AddBusinessDaysAt, Date.In, and the offer
// package's publication periods):
//
//   - a time the spring change skips (02:30 on 8 March 2026 in
//     America/Toronto) moves forward by the hour skipped: it is read with
//     the offset in force before the change, giving 03:30 EDT. A period
//     that ends there is never an hour short, and a day's start is always
//     on that day.
//   - a time the fall change repeats (01:30 on 1 November 2026) is the
//     first of the two: 01:30 EDT, an hour before 01:30 EST.
//
// time.Date leaves both choices unspecified (today it gives 01:30 EST for
// the skipped 02:30); WallClock fixes them. The values may be outside
// their usual ranges and are normalised as time.Date does (day 32 of
// March is 1 April). The result is in loc. It panics if loc is nil, as
// time.Date does.
func WallClock(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) time.Time {
	// The wall-clock reading, normalised, as if loc were UTC.
	want := time.Date(year, month, day, hour, min, sec, nsec, time.UTC)
	r := time.Date(year, month, day, hour, min, sec, nsec, loc)
	// The offsets in force a day before and a day after: the two sides
	// of any change near the time asked for.
	_, before := r.Add(-24 * time.Hour).Zone()
	_, after := r.Add(24 * time.Hour).Zone()
	reads := func(t time.Time) bool {
		l := t.In(loc)
		return l.Year() == want.Year() && l.YearDay() == want.YearDay() && l.Hour() == want.Hour() &&
			l.Minute() == want.Minute() && l.Second() == want.Second() && l.Nanosecond() == want.Nanosecond()
	}
	var found time.Time
	for _, off := range []int{before, after} {
		if t := want.Add(-time.Duration(off) * time.Second); reads(t) && (found.IsZero() || t.Before(found)) {
			found = t
		}
	}
	if !found.IsZero() {
		return found.In(loc)
	}
	if reads(r) {
		return r
	}
	// Skipped: read with the offset in force before the change.
	return want.Add(-time.Duration(before) * time.Second).In(loc)
}

// AddDaysAt returns the instant n calendar days after t (before it when n
// is negative), reckoned in loc, at the same wall-clock time of day in
// loc: 30 days after 10:00 on 20 February 2026 in America/Toronto is
// 10:00 on 22 March 2026 (30 days less an hour later, across the spring
// change). A time of day that does not exist or exists twice on the day
// reached follows WallClock's rule; n = 0 gives t itself. A nil loc means
// t's own location. The result is in loc.
func AddDaysAt(t time.Time, n int, loc *time.Location) time.Time {
	if loc == nil {
		loc = t.Location()
	}
	l := t.In(loc)
	if n == 0 {
		return l
	}
	y, m, d := l.Date()
	return WallClock(y, m, d+n, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), loc)
}
