package canada

// Province is a Canadian province or territory, identified by its
// two-letter Canada Post code ("QC", "ON"...). The zero value is not a
// valid province.
type Province string

// The thirteen provinces and territories.
const (
	QC Province = "QC" // Québec
	ON Province = "ON" // Ontario
	BC Province = "BC" // British Columbia
	AB Province = "AB" // Alberta
	SK Province = "SK" // Saskatchewan
	MB Province = "MB" // Manitoba
	NB Province = "NB" // New Brunswick
	NS Province = "NS" // Nova Scotia
	PE Province = "PE" // Prince Edward Island
	NL Province = "NL" // Newfoundland and Labrador
	YT Province = "YT" // Yukon
	NT Province = "NT" // Northwest Territories
	NU Province = "NU" // Nunavut
)

// ProvinceInfo describes a province or territory.
type ProvinceInfo struct {
	Code   Province `json:"code"`    // two-letter code, "QC"
	NameFR string   `json:"name_fr"` // French name, "Québec"
	NameEN string   `json:"name_en"` // English name, "Quebec"
}

// provinceCodes lists the codes in Statistics Canada's standard order
// (Standard Geographical Classification: east to west, then the
// territories).
func provinceCodes() [13]Province {
	return [13]Province{NL, PE, NS, NB, QC, ON, MB, SK, AB, BC, YT, NT, NU}
}

// info returns the description of p, or false if p is not a code.
func (p Province) info() (ProvinceInfo, bool) {
	var fr, en string
	switch p {
	case NL:
		fr, en = "Terre-Neuve-et-Labrador", "Newfoundland and Labrador"
	case PE:
		fr, en = "Île-du-Prince-Édouard", "Prince Edward Island"
	case NS:
		fr, en = "Nouvelle-Écosse", "Nova Scotia"
	case NB:
		fr, en = "Nouveau-Brunswick", "New Brunswick"
	case QC:
		fr, en = "Québec", "Quebec"
	case ON:
		fr, en = "Ontario", "Ontario"
	case MB:
		fr, en = "Manitoba", "Manitoba"
	case SK:
		fr, en = "Saskatchewan", "Saskatchewan"
	case AB:
		fr, en = "Alberta", "Alberta"
	case BC:
		fr, en = "Colombie-Britannique", "British Columbia"
	case YT:
		fr, en = "Yukon", "Yukon"
	case NT:
		fr, en = "Territoires du Nord-Ouest", "Northwest Territories"
	case NU:
		fr, en = "Nunavut", "Nunavut"
	default:
		return ProvinceInfo{}, false
	}
	return ProvinceInfo{Code: p, NameFR: fr, NameEN: en}, true
}

// Provinces returns the thirteen provinces and territories in Statistics
// Canada's standard order: NL, PE, NS, NB, QC, ON, MB, SK, AB, BC, then
// YT, NT, NU. The slice is freshly allocated; the caller may modify it.
func Provinces() []ProvinceInfo {
	codes := provinceCodes()
	out := make([]ProvinceInfo, 0, len(codes))
	for _, c := range codes {
		in, _ := c.info()
		out = append(out, in)
	}
	return out
}

// Valid reports whether p is one of the thirteen codes.
func (p Province) Valid() bool {
	_, ok := p.info()
	return ok
}

// NameFR returns the French name ("Colombie-Britannique"), or "" if p is
// not valid.
func (p Province) NameFR() string {
	in, _ := p.info()
	return in.NameFR
}

// NameEN returns the English name ("British Columbia"), or "" if p is not
// valid.
func (p Province) NameEN() string {
	in, _ := p.info()
	return in.NameEN
}

// String returns the two-letter code.
func (p Province) String() string { return string(p) }

// provinceAlias maps folded legacy abbreviations and common short forms
// to their province.
func provinceAlias(key string) (Province, bool) {
	switch key {
	case "pq", "que", "province de quebec", "province of quebec":
		return QC, true
	case "ont":
		return ON, true
	case "nf", "nfld", "newfoundland", "terre neuve", "tnl", "t n l":
		return NL, true
	case "pei", "p e i", "ipe", "i p e":
		return PE, true
	case "nwt", "n w t", "tno", "t n o":
		return NT, true
	case "yk", "yukon territory", "territoire du yukon":
		return YT, true
	case "b c", "c b":
		return BC, true
	}
	return "", false
}

// ParseProvince returns the province or territory named by s: a two-letter
// code ("qc", "QC"), its French or English name ("Québec", "quebec",
// "Colombie-Britannique", "British Columbia"), or a common legacy
// abbreviation ("PQ", "NF", "PEI", "NWT", "YK"). Case, accents, surrounding
// spaces and punctuation (hyphens, dashes, dots) are ignored. It returns
// ErrProvince otherwise.
func ParseProvince(s string) (Province, error) {
	if len(s) > maxInput {
		return "", ErrProvince
	}
	key := foldKey(s)
	if key == "" {
		return "", ErrProvince
	}
	codes := provinceCodes()
	for _, c := range codes {
		in, _ := c.info()
		if key == foldKey(string(c)) || key == foldKey(in.NameFR) || key == foldKey(in.NameEN) {
			return c, nil
		}
	}
	if p, ok := provinceAlias(key); ok {
		return p, nil
	}
	return "", ErrProvince
}
