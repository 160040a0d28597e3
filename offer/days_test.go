package offer

import (
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
)

// TestAddDaysAtKeepsTheWallClock checks the calendar arithmetic of every
// period of an offer's life across both daylight-saving changes of 2026.
func TestAddDaysAtKeepsTheWallClock(t *testing.T) {
	loc, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	for _, tc := range []struct {
		name     string
		from     time.Time
		days     int
		want     time.Time
		wantDiff time.Duration // the elapsed time
	}{
		{"30 days across spring, 10:00", at(2, 20, 10, 0), 30, at(3, 22, 10, 0), 30*24*time.Hour - time.Hour},
		{"30 days across fall, 10:00", at(10, 16, 10, 0), 30, at(11, 15, 10, 0), 30*24*time.Hour + time.Hour},
		{"7 days across spring, midnight", at(3, 2, 0, 0), 7, at(3, 9, 0, 0), 7*24*time.Hour - time.Hour},
		{"7 days across fall, midnight", at(10, 30, 0, 0), 7, at(11, 6, 0, 0), 7*24*time.Hour + time.Hour},
		{"10 days back across spring", at(3, 12, 10, 0), -10, at(3, 2, 10, 0), -(10*24*time.Hour - time.Hour)},
		{"10 days back across fall", at(11, 5, 10, 0), -10, at(10, 26, 10, 0), -(10*24*time.Hour + time.Hour)},
		{"no change in June", at(6, 1, 10, 0), 30, at(7, 1, 10, 0), 30 * 24 * time.Hour},
		{"skipped hour moves forward", at(2, 6, 2, 30), 30, at(3, 8, 3, 30), 30 * 24 * time.Hour},
		{"skipped hour, going back", at(3, 15, 2, 30), -7, at(3, 8, 3, 30), -(7*24*time.Hour - time.Hour)},
		{"skipped hour of 2027 moves forward", time.Date(2027, 2, 12, 2, 30, 0, 0, loc), 30, time.Date(2027, 3, 14, 3, 30, 0, 0, loc), 30 * 24 * time.Hour},
		{"repeated hour is the first (EDT)", at(10, 2, 1, 30), 30, time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), 30 * 24 * time.Hour},
		{"extension across fall, midnight", at(10, 26, 0, 0), 7, at(11, 2, 0, 0), 7*24*time.Hour + time.Hour},
	} {
		got := addDaysAt(tc.from, tc.days, loc)
		if !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("%s: addDaysAt(%v, %d) = %v, want %v in UTC", tc.name, tc.from, tc.days, got, tc.want.UTC())
		}
		if d := got.Sub(tc.from); d != tc.wantDiff {
			t.Errorf("%s: %v elapsed, want %v", tc.name, d, tc.wantDiff)
		}
		// One rule for the library: the canada package's arithmetic lands
		// where the offer's does.
		if c := canada.AddDaysAt(tc.from, tc.days, loc); !c.Equal(got) {
			t.Errorf("%s: canada.AddDaysAt = %v, offer's = %v", tc.name, c, got)
		}
	}
}
