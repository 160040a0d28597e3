package canada

import (
	"fmt"
	"time"
)

// Date is a civil date (year, month, day) with no time of day and no
// time zone, as printed on a calendar. Dates compare with Before, After,
// Equal and Compare; the zero Date is 0000-00-00 and is not valid.
//
// Methods normalise out-of-range fields the way time.Date does ({2026, 2,
// 30} is 2026-03-02) before using them; Valid reports whether a Date is
// already normal.
type Date struct {
	Year  int        // year, 2026
	Month time.Month // month of the year, time.January = 1
	Day   int        // day of the month, from 1
}

// DateOf returns the civil date of t in t's own location. Convert first
// (t.In(loc)) to get the date in another zone.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses an ISO 8601 calendar date "2026-06-24". It returns
// ErrDateFormat for any other shape or a date that does not exist
// ("2026-02-30").
func ParseDate(s string) (Date, error) {
	if len(s) > maxInput {
		return Date{}, ErrDateFormat
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, ErrDateFormat
	}
	return DateOf(t), nil
}

// utc returns midnight UTC of d, normalising out-of-range fields.
func (d Date) utc() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// norm returns d with out-of-range fields normalised.
func (d Date) norm() Date { return DateOf(d.utc()) }

// days returns the number of days from 1970-01-01 to d.
func (d Date) days() int64 { return d.utc().Unix() / 86400 }

// Valid reports whether d names an existing day (month 1 to 12, day
// within the month).
func (d Date) Valid() bool { return d.norm() == d }

// In returns midnight at the start of d in loc (or, on the rare day when
// midnight does not exist in loc because a clock change skips it, the
// first instant of d: WallClock's rule moves the skipped midnight
// forward). It panics if loc is nil, as time.Date does.
func (d Date) In(loc *time.Location) time.Time {
	return WallClock(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Compare returns -1 if d is before o, +1 if d is after o and 0 if they
// are the same day.
func (d Date) Compare(o Date) int {
	a, b := d.days(), o.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same day.
func (d Date) Equal(o Date) bool { return d.Compare(o) == 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// String returns the ISO 8601 form "2026-06-24".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler ("2026-06-24").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, accepting what
// ParseDate accepts.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
