package canada_test

import (
	"encoding/csv"
	"errors"
	"os"
	"testing"

	"github.com/babillard/babillard/canada"
)

// TestRegionsMatchSource checks the compiled names against the trimmed
// copy of the MAMH data (testdata/quebec_admin_regions.csv).
func TestRegionsMatchSource(t *testing.T) {
	f, err := os.Open("testdata/quebec_admin_regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	rs := canada.Regions()
	if len(rs) != 17 || len(rows) != 17 {
		t.Fatalf("got %d regions and %d source rows, want 17", len(rs), len(rows))
	}
	for i, r := range rs {
		if string(r.Code) != rows[i][0] || r.NameFR != rows[i][1] {
			t.Errorf("region %d = %s %q, source says %s %q", i, r.Code, r.NameFR, rows[i][0], rows[i][1])
		}
		if r.NameEN != r.NameFR {
			t.Errorf("region %s: NameEN %q differs from NameFR %q", r.Code, r.NameEN, r.NameFR)
		}
		if !r.Code.Valid() || r.Code.NameFR() != r.NameFR || r.Code.NameEN() != r.NameEN || r.Code.String() != string(r.Code) {
			t.Errorf("methods disagree with %+v", r)
		}
	}
}

func TestParseRegion(t *testing.T) {
	ok := map[string]canada.Region{
		"06": "06", "6": "06", " 6 ": "06", "Montréal": "06", "montreal": "06", "MONTREAL": "06",
		"01": "01", "1": "01", "17": "17", "Centre-du-Québec": "17", "centre du quebec": "17",
		"Saguenay–Lac-Saint-Jean": "02", "Saguenay--Lac-Saint-Jean": "02", "saguenay lac saint jean": "02",
		"Gaspésie–Îles-de-la-Madeleine": "11", "gaspesie-iles-de-la-madeleine": "11",
		"Capitale-Nationale": "03", "Nord-du-Québec": "10", "Côte-Nord": "09", "cote nord": "09",
		"Abitibi-Témiscamingue": "08", "Montérégie": "16", "Laval": "13", "Lanaudière": "14",
	}
	for in, want := range ok {
		got, err := canada.ParseRegion(in)
		if err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "00", "18", "99", "006", "Québec", "Montréal-Nord", "Gaspésie", "-1"} {
		if _, err := canada.ParseRegion(in); !errors.Is(err, canada.ErrRegion) {
			t.Errorf("ParseRegion(%q) error = %v, want ErrRegion", in, err)
		}
	}
	for _, r := range []canada.Region{"", "0", "00", "18", "6", "1a"} {
		if r.Valid() || r.NameFR() != "" || r.NameEN() != "" {
			t.Errorf("Region(%q) should be invalid", string(r))
		}
	}
}
