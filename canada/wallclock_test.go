package canada_test

import (
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no zone %s: %v", name, err)
	}
	return loc
}

// TestWallClockRule checks the one rule of the library for the times a
// daylight saving change skips (forward by the hour skipped) or repeats
// (the first), in Toronto in 2026 and 2027, and in a zone that changes on
// business days at midnight (Cairo, since 2023).
func TestWallClockRule(t *testing.T) {
	tor, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	cairo := mustZone(t, "Africa/Cairo")
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	for _, c := range []struct {
		name string
		got  time.Time
		want time.Time
	}{
		{"skipped 02:30, 2026-03-08 → 03:30 EDT", canada.WallClock(2026, 3, 8, 2, 30, 0, 0, tor), utc(2026, 3, 8, 7, 30)},
		{"skipped 02:00, 2026-03-08 → 03:00 EDT", canada.WallClock(2026, 3, 8, 2, 0, 0, 0, tor), utc(2026, 3, 8, 7, 0)},
		{"skipped 02:30, 2027-03-14 → 03:30 EDT", canada.WallClock(2027, 3, 14, 2, 30, 0, 0, tor), utc(2027, 3, 14, 7, 30)},
		{"01:59 before the gap", canada.WallClock(2026, 3, 8, 1, 59, 0, 0, tor), utc(2026, 3, 8, 6, 59)},
		{"03:00 after the gap", canada.WallClock(2026, 3, 8, 3, 0, 0, 0, tor), utc(2026, 3, 8, 7, 0)},
		{"repeated 01:30, 2026-11-01 → the first (EDT)", canada.WallClock(2026, 11, 1, 1, 30, 0, 0, tor), utc(2026, 11, 1, 5, 30)},
		{"02:00 after the fall change (EST)", canada.WallClock(2026, 11, 1, 2, 0, 0, 0, tor), utc(2026, 11, 1, 7, 0)},
		{"normalised: 32 March", canada.WallClock(2026, 3, 32, 10, 0, 0, 0, tor), utc(2026, 4, 1, 14, 0)},
		{"Cairo: skipped midnight of Friday 2026-04-24 → 01:00 EEST", canada.WallClock(2026, 4, 24, 0, 0, 0, 0, cairo), utc(2026, 4, 23, 22, 0)},
		{"Cairo: repeated 23:30 of 2026-10-29 → the first (EEST)", canada.WallClock(2026, 10, 29, 23, 30, 0, 0, cairo), utc(2026, 10, 29, 20, 30)},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want.In(c.got.Location()))
		}
	}
	if got := canada.WallClock(2026, 3, 8, 2, 30, 0, 0, tor); got.Location() != tor {
		t.Errorf("WallClock in %v, want Toronto", got.Location())
	}
}

// TestDayArithmeticFollowsOneRule checks that AddDaysAt,
// AddBusinessDaysAt and Date.In land a skipped or repeated wall-clock time
// where WallClock does.
func TestDayArithmeticFollowsOneRule(t *testing.T) {
	tor, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	cairo := mustZone(t, "Africa/Cairo")
	// Calendar days, Toronto.
	for _, c := range []struct {
		from time.Time
		n    int
		want time.Time
	}{
		{time.Date(2026, 2, 6, 2, 30, 0, 0, tor), 30, canada.WallClock(2026, 3, 8, 2, 30, 0, 0, tor)},
		{time.Date(2027, 3, 21, 2, 30, 0, 0, tor), -7, canada.WallClock(2027, 3, 14, 2, 30, 0, 0, tor)},
		{time.Date(2026, 10, 2, 1, 30, 0, 0, tor), 30, canada.WallClock(2026, 11, 1, 1, 30, 0, 0, tor)},
		{time.Date(2026, 2, 20, 10, 0, 0, 0, tor), 30, time.Date(2026, 3, 22, 10, 0, 0, 0, tor)},
	} {
		got := canada.AddDaysAt(c.from, c.n, tor)
		if !got.Equal(c.want) || got.Location() != tor {
			t.Errorf("AddDaysAt(%v, %d) = %v, want %v", c.from, c.n, got, c.want)
		}
	}
	if want := canada.WallClock(2026, 3, 8, 2, 30, 0, 0, tor); !want.Equal(time.Date(2026, 3, 8, 3, 30, 0, 0, tor)) {
		t.Fatalf("the skipped 02:30 is %v, want 03:30 EDT", want)
	}
	// n = 0 is t itself, even the second 01:30 of the fall change.
	second := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC) // 01:30 EST
	if got := canada.AddDaysAt(second, 0, tor); !got.Equal(second) {
		t.Errorf("AddDaysAt(t, 0) = %v, want t %v", got, second.In(tor))
	}
	if got := canada.QuebecCalendar().AddBusinessDaysAt(second.AddDate(0, 0, 1), 0, tor); !got.Equal(second.AddDate(0, 0, 1)) {
		t.Errorf("AddBusinessDaysAt(t, 0) = %v, want t", got)
	}
	// Business days: DST changes in Toronto fall on Sundays, so the
	// business-day target that is skipped is found in Cairo, whose clocks
	// jump at midnight on a Friday.
	q := canada.QuebecCalendar()
	from := time.Date(2026, 4, 22, 0, 30, 0, 0, cairo) // Wednesday
	got := q.AddBusinessDaysAt(from, 2, cairo)         // Friday 2026-04-24 00:30 does not exist
	if want := canada.WallClock(2026, 4, 24, 0, 30, 0, 0, cairo); !got.Equal(want) || !got.Equal(time.Date(2026, 4, 23, 22, 30, 0, 0, time.UTC)) {
		t.Errorf("AddBusinessDaysAt across Cairo's skipped midnight = %v, want 01:30 EEST", got)
	}
	// A repeated time is the first of the two (time.Date gives the
	// second in Cairo): Tuesday 23:30 + 2 business days is Thursday
	// 2026-10-29 23:30 EEST, before the clocks go back at midnight.
	got = q.AddBusinessDaysAt(time.Date(2026, 10, 27, 23, 30, 0, 0, cairo), 2, cairo)
	if !got.Equal(time.Date(2026, 10, 29, 20, 30, 0, 0, time.UTC)) {
		t.Errorf("AddBusinessDaysAt onto Cairo's repeated hour = %v, want 23:30 EEST", got)
	}
	// Date.In: the skipped midnight is the day's first instant, on the day.
	day := canada.Date{Year: 2026, Month: time.April, Day: 24}
	if got := day.In(cairo); canada.DateOf(got) != day || !got.Equal(time.Date(2026, 4, 23, 22, 0, 0, 0, time.UTC)) {
		t.Errorf("Date.In on a skipped midnight = %v, want 2026-04-24 01:00 EEST", got)
	}
}

// TestWallClockRoundTrips reads every quarter hour of 2026 and 2027 on the
// clocks of Toronto and asks WallClock for the instant they read: the same
// instant, but for the second pass of a repeated hour, which gives the
// first (an hour earlier).
func TestWallClockRoundTrips(t *testing.T) {
	tor, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	for u := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); u.Before(end); u = u.Add(15 * time.Minute) {
		l := u.In(tor)
		got := canada.WallClock(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), 0, 0, tor)
		want := u
		if earlier := u.Add(-time.Hour).In(tor); earlier.Hour() == l.Hour() && earlier.Minute() == l.Minute() && earlier.Day() == l.Day() {
			want = u.Add(-time.Hour) // the second 01:xx of a fall change
		}
		if !got.Equal(want) {
			t.Fatalf("WallClock(%s) = %v, want %v", l.Format("2006-01-02 15:04 MST"), got, want.In(tor))
		}
	}
}
