package canada

import (
	"strconv"
	"strings"
)

// Region is one of Québec's seventeen administrative regions, identified
// by its two-digit official code "01" to "17". The zero value is not a
// valid region.
//
// Names come from the MAMH Répertoire des municipalités du Québec (June
// 2025), published on Données Québec under CC-BY 4.0; see the package
// documentation and SOURCE.md.
type Region string

// RegionInfo describes an administrative region.
//
// NameEN is the name used in English texts. The regions' names are
// official place names (toponymes officiels of the Commission de
// toponymie), which the Gouvernement du Québec's English publications keep
// unchanged, accents and dashes included ("Montréal", "Côte-Nord"); so
// NameEN equals NameFR for every region. ParseRegion accepts the usual
// unaccented English spellings ("Montreal") anyway.
type RegionInfo struct {
	Code   Region `json:"code"`    // "06"
	NameFR string `json:"name_fr"` // "Montréal"
	NameEN string `json:"name_en"` // "Montréal"
}

// regionName returns the official name of the region numbered n (1..17).
func regionName(n int) (string, bool) {
	switch n {
	case 1:
		return "Bas-Saint-Laurent", true
	case 2:
		return "Saguenay–Lac-Saint-Jean", true
	case 3:
		return "Capitale-Nationale", true
	case 4:
		return "Mauricie", true
	case 5:
		return "Estrie", true
	case 6:
		return "Montréal", true
	case 7:
		return "Outaouais", true
	case 8:
		return "Abitibi-Témiscamingue", true
	case 9:
		return "Côte-Nord", true
	case 10:
		return "Nord-du-Québec", true
	case 11:
		return "Gaspésie–Îles-de-la-Madeleine", true
	case 12:
		return "Chaudière-Appalaches", true
	case 13:
		return "Laval", true
	case 14:
		return "Lanaudière", true
	case 15:
		return "Laurentides", true
	case 16:
		return "Montérégie", true
	case 17:
		return "Centre-du-Québec", true
	}
	return "", false
}

// regionNumber returns the number of a well-formed code, or 0.
func (r Region) number() int {
	if len(r) != 2 || !allDigits(string(r)) {
		return 0
	}
	n := int(r[0]-'0')*10 + int(r[1]-'0')
	if n < 1 || n > 17 {
		return 0
	}
	return n
}

func (r Region) info() (RegionInfo, bool) {
	name, ok := regionName(r.number())
	if !ok {
		return RegionInfo{}, false
	}
	return RegionInfo{Code: r, NameFR: name, NameEN: name}, true
}

func regionOf(n int) Region {
	s := strconv.Itoa(n)
	if n < 10 {
		s = "0" + s
	}
	return Region(s)
}

// Regions returns the seventeen administrative regions in code order.
// The slice is freshly allocated; the caller may modify it.
func Regions() []RegionInfo {
	out := make([]RegionInfo, 0, 17)
	for n := 1; n <= 17; n++ {
		in, _ := regionOf(n).info()
		out = append(out, in)
	}
	return out
}

// Valid reports whether r is one of the codes "01" to "17".
func (r Region) Valid() bool { return r.number() != 0 }

// NameFR returns the official French name ("Saguenay–Lac-Saint-Jean", with
// an en dash), or "" if r is not valid.
func (r Region) NameFR() string {
	in, _ := r.info()
	return in.NameFR
}

// NameEN returns the name used in English texts, which is the official
// name (see RegionInfo), or "" if r is not valid.
func (r Region) NameEN() string {
	in, _ := r.info()
	return in.NameEN
}

// String returns the two-digit code.
func (r Region) String() string { return string(r) }

// ParseRegion returns the region designated by s: its code with or
// without the leading zero ("06", "6") or its name, compared without
// regard to case, accents, surrounding spaces or punctuation
// ("montreal", "Saguenay-Lac-Saint-Jean", "saguenay--lac-saint-jean",
// "GASPESIE ILES DE LA MADELEINE"). It returns ErrRegion otherwise.
func ParseRegion(s string) (Region, error) {
	if len(s) > maxInput {
		return "", ErrRegion
	}
	if code := strings.TrimSpace(s); allDigits(code) && len(code) <= 2 {
		n, _ := strconv.Atoi(code)
		if _, ok := regionName(n); ok {
			return regionOf(n), nil
		}
		return "", ErrRegion
	}
	key := foldKey(s)
	if key == "" {
		return "", ErrRegion
	}
	for n := 1; n <= 17; n++ {
		name, _ := regionName(n)
		if key == foldKey(name) {
			return regionOf(n), nil
		}
	}
	return "", ErrRegion
}
