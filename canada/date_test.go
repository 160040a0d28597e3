package canada_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
)

func d(s string) canada.Date {
	v, err := canada.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestDate(t *testing.T) {
	x := canada.Date{Year: 2026, Month: time.June, Day: 24}
	if x.String() != "2026-06-24" || x.Weekday() != time.Wednesday || !x.Valid() {
		t.Errorf("%v %v %v", x, x.Weekday(), x.Valid())
	}
	if d("2026-06-24") != x {
		t.Error("ParseDate")
	}
	for _, bad := range []string{"", "2026-6-24", "2026-02-30", "24/06/2026", "2026-06-24T00:00:00Z", " 2026-06-24"} {
		if _, err := canada.ParseDate(bad); !errors.Is(err, canada.ErrDateFormat) {
			t.Errorf("ParseDate(%q) = %v", bad, err)
		}
	}
	if (canada.Date{Year: 2026, Month: 2, Day: 30}).Valid() || (canada.Date{}).Valid() {
		t.Error("Valid accepted an impossible date")
	}
	steps := []struct {
		from string
		n    int
		want string
	}{
		{"2026-06-24", 1, "2026-06-25"}, {"2026-06-30", 1, "2026-07-01"}, {"2026-12-31", 1, "2027-01-01"},
		{"2028-02-28", 1, "2028-02-29"}, {"2027-02-28", 1, "2027-03-01"}, {"2026-03-01", -1, "2026-02-28"},
		{"2026-01-01", -1, "2025-12-31"}, {"2026-06-24", 0, "2026-06-24"}, {"2026-01-01", 365, "2027-01-01"},
	}
	for _, s := range steps {
		if got := d(s.from).AddDays(s.n); got != d(s.want) {
			t.Errorf("%s + %d = %s, want %s", s.from, s.n, got, s.want)
		}
	}
	a, b := d("2026-06-24"), d("2026-06-25")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Equal(b) || !a.Equal(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("comparisons")
	}
	// Out-of-range fields are normalised before comparing.
	if !(canada.Date{Year: 2026, Month: 2, Day: 29}).Equal(d("2026-03-01")) {
		t.Error("normalised Equal")
	}
}

func TestDateTimeZones(t *testing.T) {
	tor, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	// 03:30 UTC on 24 June is still 23 June in Toronto.
	u := time.Date(2026, 6, 24, 3, 30, 0, 0, time.UTC)
	if canada.DateOf(u) != d("2026-06-24") || canada.DateOf(u.In(tor)) != d("2026-06-23") {
		t.Error("DateOf should use t's location")
	}
	m := d("2026-03-08").In(tor) // DST starts at 02:00 that day
	if m.Hour() != 0 || m.Day() != 8 || m.Location() != tor {
		t.Errorf("In: %v", m)
	}
	if next := d("2026-03-09").In(tor); next.Sub(m) != 23*time.Hour {
		t.Errorf("the DST day lasts %v", next.Sub(m))
	}
}

func TestDateText(t *testing.T) {
	type doc struct {
		Due canada.Date `json:"due"`
	}
	b, err := json.Marshal(doc{Due: d("2026-06-25")})
	if err != nil || string(b) != `{"due":"2026-06-25"}` {
		t.Fatalf("%s %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil || back.Due != d("2026-06-25") {
		t.Fatalf("%v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-13-01"}`), &back); !errors.Is(err, canada.ErrDateFormat) {
		t.Errorf("bad date: %v", err)
	}
}

func TestLoadToronto(t *testing.T) {
	loc, err := canada.LoadToronto()
	if err != nil {
		t.Fatal(err)
	}
	if loc.String() != canada.TorontoZone {
		t.Errorf("zone %s", loc)
	}
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, loc)
	summer := time.Date(2026, 7, 15, 12, 0, 0, 0, loc)
	if _, off := winter.Zone(); off != -5*3600 {
		t.Errorf("winter offset %d", off)
	}
	if _, off := summer.Zone(); off != -4*3600 {
		t.Errorf("summer offset %d", off)
	}
}
