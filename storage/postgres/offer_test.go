package postgres

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
)

// Every date of offer.Content must be shadowed by a field of contentDoc
// with the same JSON name and omitzero: a zero canada.Date marshals as
// "0000-00-00", which does not parse back, so a draft without a deadline
// could be written and never read again.
func TestContentDocDates(t *testing.T) {
	doc := reflect.TypeFor[contentDoc]()
	content := reflect.TypeFor[offer.Content]()
	for f := range content.Fields() {
		if f.Type != reflect.TypeFor[canada.Date]() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		shadow, ok := doc.FieldByName(f.Name)
		if !ok || len(shadow.Index) != 1 {
			t.Errorf("offer.Content.%s is a date that contentDoc does not shadow", f.Name)
			continue
		}
		if tag := shadow.Tag.Get("json"); tag != name+",omitzero" {
			t.Errorf("contentDoc.%s has JSON tag %q, want %q (offer.Content's name, omitzero)", f.Name, tag, name+",omitzero")
		}
	}
	for _, c := range []offer.Content{
		{},
		{Title: i18n.Text{FR: "Brouillon"}, ApplicationDeadline: canada.Date{Year: 2026, Month: time.June, Day: 24}},
		{DisplayDate: canada.Date{Year: 2026, Month: time.July, Day: 1}, Domains: []string{"civil"}},
	} {
		d, err := docOf("Content", c)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back contentDoc
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if got := back.content(); !reflect.DeepEqual(got, c) {
			t.Errorf("round trip of %+v through %s: %+v", c, b, got)
		}
		if strings.Contains(string(b), "0000-00-00") {
			t.Errorf("a zero date is written: %s", b)
		}
	}
}

func TestOfferArgsRefuseBadDates(t *testing.T) {
	for name, o := range map[string]offer.Offer{
		"deadline on February 30":  {Content: offer.Content{ApplicationDeadline: canada.Date{Year: 2026, Month: 2, Day: 30}}},
		"display date in month 13": {Content: offer.Content{DisplayDate: canada.Date{Year: 2026, Month: 13, Day: 1}}},
		"revision in year 0":       {Revision: &offer.Content{ApplicationDeadline: canada.Date{Month: 1, Day: 1}}},
		"pushed deadline in 10000": {DeadlinePushedTo: canada.Date{Year: 10000, Month: 1, Day: 1}},
	} {
		if _, err := offerArgs(&o); err == nil {
			t.Errorf("%s: offerArgs accepted it", name)
		}
	}
	ok := offer.Offer{
		Content:          offer.Content{ApplicationDeadline: canada.Date{Year: 2028, Month: 2, Day: 29}},
		Revision:         &offer.Content{DisplayDate: canada.Date{Year: 9999, Month: 12, Day: 31}},
		DeadlinePushedTo: canada.Date{Year: 1, Month: 1, Day: 1},
	}
	if _, err := offerArgs(&ok); err != nil {
		t.Errorf("offerArgs refused valid dates: %v", err)
	}
}

// dayBounds must cut wherever the date in loc changes, so that each bucket
// has one date: checked minute by minute against canada.DateOf, across
// daylight-saving changes, in zones that change at 02:00 (Toronto), at
// midnight and back to the previous day (São Paulo in 2018), and with a
// fixed offset in minutes.
func TestDayBounds(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no time zone database: %v", err)
		}
		return loc
	}
	for _, tc := range []struct {
		loc    *time.Location
		lo, hi time.Time
	}{
		{zone("America/Toronto"), time.Date(2026, 3, 6, 3, 17, 0, 0, time.UTC), time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)},
		{zone("America/Toronto"), time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)},
		{zone("America/Sao_Paulo"), time.Date(2018, 2, 16, 0, 0, 0, 0, time.UTC), time.Date(2018, 2, 20, 0, 0, 0, 0, time.UTC)},
		{zone("America/Sao_Paulo"), time.Date(2018, 11, 2, 0, 0, 0, 0, time.UTC), time.Date(2018, 11, 6, 0, 0, 0, 0, time.UTC)},
		{time.FixedZone("UTC+5:45", 5*3600+45*60), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)},
		{time.UTC, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		bounds := dayBounds(tc.lo, tc.hi, tc.loc)
		for i, b := range bounds {
			if !b.After(tc.lo) || b.After(tc.hi) || i > 0 && !b.After(bounds[i-1]) {
				t.Fatalf("%s: bounds not increasing within (lo, hi]: %v", tc.loc, bounds)
			}
		}
		bucket, start := 0, tc.lo
		for at := tc.lo; !at.After(tc.hi); at = at.Add(time.Minute) {
			for bucket < len(bounds) && !at.Before(bounds[bucket]) {
				start = bounds[bucket]
				bucket++
			}
			if got, want := canada.DateOf(start.In(tc.loc)), canada.DateOf(at.In(tc.loc)); got != want {
				t.Fatalf("%s: %v (%v) is on %v, but its bucket starts on %v (%v)", tc.loc, at, at.In(tc.loc), want, got, start.In(tc.loc))
			}
		}
	}
}
