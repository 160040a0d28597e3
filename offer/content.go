package offer

import (
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
)

// Limits of an offer's content. Lengths are in characters (a URL's in
// bytes); a list beyond its cap is refused on its size alone, before any of
// its entries is looked at, with a fault naming the cap.
const (
	// MaxTitleLength bounds each version of the title.
	MaxTitleLength = 150
	// MaxReferenceLength bounds the employer's reference number.
	MaxReferenceLength = 50
	// MaxInterests is the most fields of interest an offer lists, and
	// MaxInterestLength the longest one.
	MaxInterests      = 20
	MaxInterestLength = 100
	// MaxExperienceYears is the most years in the order's roll an offer
	// may require.
	MaxExperienceYears = 50
	// MaxDomains is the most engineering domains an offer targets, entries
	// repeated included: an offer aimed at every discipline aims at none.
	MaxDomains = 20
	// MaxPlaces is the most cities or regions a workplace names, entries
	// repeated included (Quebec has 17 administrative regions; a job with
	// travel names a few of them, or a few cities).
	MaxPlaces = 50
	// MaxCityLength bounds a city's name, MaxStreetLength a street address
	// (as for a group's address).
	MaxCityLength   = 100
	MaxStreetLength = 200
	// MaxURLLength bounds the apply URL, in bytes.
	MaxURLLength = 2000
)

// Rules is what checking an offer's content needs besides the content: the
// board's vocabularies, its calendar and time zone.
type Rules struct {
	Vocabulary Vocabulary
	// Calendar counts business days (Quebec holidays by default).
	Calendar canada.Calendar
	// Location is the board's time zone (America/Toronto); dates such as
	// the application deadline are days there.
	Location *time.Location
}

// CheckDraft checks what a draft may hold: the fields it has must be well
// formed (lengths, codes, dates, URL, e-mail), but any may be missing. It
// returns the content normalised (trimmed text, sanitised description) and
// the description report, whose removals the UI shows the employer.
func CheckDraft(c Content, r Rules) (Content, DescriptionReport, error) {
	return check(c, r, time.Time{}, false)
}

// CheckSubmission checks that c is complete and valid for a submission at
// submittedAt, and returns every missing or faulty field at once: profile
// (Engineer or CPI), French title, description with its three sections,
// function type, engineering domains, employment type, position status,
// work arrangement, application deadline (not before the day of
// submission), workplace, a way to apply (a company URL or an e-mail
// address, not both), and a display date either empty ("immediately") or at
// least 3 business days after submission, holidays excluded, and not after
// the deadline.
func CheckSubmission(c Content, r Rules, submittedAt time.Time) (Content, DescriptionReport, error) {
	return check(c, r, submittedAt, true)
}

func check(in Content, r Rules, submittedAt time.Time, complete bool) (Content, DescriptionReport, error) {
	v := contentMessages.Validator()
	required := func(empty bool, field string) bool {
		return v.Check(complete && empty, field, "required")
	}
	c := in
	c.Title = i18n.Text{FR: limited(v, "title.fr", in.Title.FR, MaxTitleLength), EN: limited(v, "title.en", in.Title.EN, MaxTitleLength)}
	required(c.Title.FR == "", "title.fr")

	switch c.Profile {
	case Engineer, CPI:
	case "":
		required(true, "profile")
	default:
		v.Add("profile", "profile.not_engineering")
	}

	report, err := ValidateDescription(in.Description, DescriptionOptions{ApplyURL: in.Apply.URL, ApplyEmail: in.Apply.Email})
	c.Description = report.HTML()
	mergeDescription(v, err, complete)

	coded := func(field, code string, terms []Term) string {
		code = strings.TrimSpace(code)
		if !required(code == "", field) && code != "" && !hasTerm(terms, code) {
			v.Add(field, "code.unknown")
		}
		return code
	}
	c.FunctionType = coded("function_type", in.FunctionType, r.Vocabulary.FunctionTypes)
	c.EmploymentType = coded("employment_type", in.EmploymentType, r.Vocabulary.EmploymentTypes)
	c.PositionStatus = coded("position_status", in.PositionStatus, r.Vocabulary.PositionStatuses)

	c.Domains = nil
	if len(in.Domains) > MaxDomains {
		v.Add("domains", "too_many", MaxDomains)
	} else {
		seen := make(map[string]bool, len(in.Domains))
		for _, d := range in.Domains {
			d = strings.TrimSpace(d)
			switch {
			case !hasDomain(r.Vocabulary.Domains, d):
				v.Add("domains", "domain.unknown", quoted(d))
			case !seen[d]:
				seen[d] = true
				c.Domains = append(c.Domains, d)
			}
		}
		required(len(c.Domains) == 0, "domains")
	}

	switch c.WorkArrangement {
	case OnSite, Hybrid, Remote:
	case "":
		required(true, "work_arrangement")
	default:
		v.Add("work_arrangement", "code.unknown")
	}

	c.Salary = limited(v, "salary", in.Salary, MaxSalaryLength)
	c.Reference = limited(v, "reference", in.Reference, MaxReferenceLength)
	switch {
	case c.ExperienceYears < 0 || c.ExperienceYears > MaxExperienceYears:
		v.Add("experience_years", "experience.range", MaxExperienceYears)
	case c.ExperienceYears > 0 && c.Profile == CPI:
		v.Add("experience_years", "experience.engineer_only")
	}

	c.Interests = nil
	if len(in.Interests) > MaxInterests {
		v.Add("interests", "interests.too_many", MaxInterests)
	} else {
		seen := make(map[string]bool, len(in.Interests))
		for _, s := range in.Interests {
			if s = strings.TrimSpace(s); s != "" && !seen[s] {
				seen[s] = true
				c.Interests = append(c.Interests, s)
				if utf8.RuneCountInString(s) > MaxInterestLength {
					v.Add("interests", "too_long", MaxInterestLength)
				}
			}
		}
	}

	c.Workplace = checkWorkplace(v, in.Workplace, complete)
	c.Apply = checkApply(v, in.Apply, complete)
	checkDates(v, c, r, submittedAt, complete)
	return c, report, v.Err()
}

// mergeDescription records the description's faults: all of them for a
// submission, only the length limits for a draft.
func mergeDescription(v *i18n.Validator, err error, complete bool) {
	var ve *i18n.ValidationError
	if complete || !errors.As(err, &ve) {
		v.Merge("", err)
		return
	}
	kept := &i18n.ValidationError{}
	for _, f := range ve.Fields {
		if f.Code == "description.too_long" || f.Code == "description.html_too_long" {
			kept.Fields = append(kept.Fields, f)
		}
	}
	if len(kept.Fields) > 0 {
		v.Merge("", kept)
	}
}

// quoted returns s for an error message: whole when short, else its first
// 40 characters and "…", so that a fault never repeats a huge input.
func quoted(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return strings.ToValidUTF8(s[:i], "\uFFFD") + "…"
		}
		n++
	}
	return s
}

// limited trims s and records "too_long" beyond max characters.
func limited(v *i18n.Validator, field, s string, max int) string {
	s = strings.TrimSpace(s)
	v.Check(utf8.RuneCountInString(s) > max, field, "too_long", max)
	return s
}

func checkWorkplace(v *i18n.Validator, w Workplace, complete bool) Workplace {
	switch w.Kind {
	case "":
		v.Check(complete, "workplace.kind", "required")
		return w
	case OutsideQuebec:
		return Workplace{Kind: OutsideQuebec}
	case AtAddress:
		a := w.Address
		a.Street = limited(v, "workplace.address.street", a.Street, MaxStreetLength)
		a.City = limited(v, "workplace.address.city", a.City, MaxCityLength)
		a.Country = "CA"
		v.Check(complete && a.Street == "", "workplace.address.street", "required")
		v.Check(complete && a.City == "", "workplace.address.city", "required")
		if p := strings.TrimSpace(a.Province); p != "" {
			if prov, err := canada.ParseProvince(p); err != nil || prov != canada.QC {
				v.Add("workplace.address.province", "workplace.quebec_only")
			}
		}
		a.Province = string(canada.QC)
		if pc := strings.TrimSpace(a.PostalCode); pc == "" {
			v.Check(complete, "workplace.address.postal_code", "required")
		} else if code, err := canada.ParsePostalCode(pc); err != nil {
			v.Add("workplace.address.postal_code", "postal_code.format")
		} else if canada.CheckPostalCodeProvince(code, canada.QC) != nil {
			v.Add("workplace.address.postal_code", "workplace.quebec_only")
		} else {
			a.PostalCode = code.String()
		}
		return Workplace{Kind: AtAddress, Address: a}
	case InPlaces:
		out := Workplace{Kind: InPlaces}
		if len(w.Places) > MaxPlaces {
			v.Add("workplace.places", "too_many", MaxPlaces)
			return out
		}
		seen := make(map[Place]bool, len(w.Places))
		for _, p := range w.Places {
			region, err := canada.ParseRegion(string(p.Region))
			if err != nil {
				v.Add("workplace.places", "region.unknown")
				continue
			}
			place := Place{Region: region, City: limited(v, "workplace.places", p.City, MaxCityLength)}
			if !seen[place] {
				seen[place] = true
				out.Places = append(out.Places, place)
			}
		}
		v.Check(complete && len(out.Places) == 0 && len(w.Places) == 0, "workplace.places", "required")
		return out
	}
	v.Add("workplace.kind", "code.unknown")
	return w
}

func checkApply(v *i18n.Validator, a Apply, complete bool) Apply {
	a.URL, a.Email = strings.TrimSpace(a.URL), strings.TrimSpace(a.Email)
	switch {
	case a.URL != "" && a.Email != "":
		v.Add("apply", "apply.both")
	case a.URL == "" && a.Email == "":
		v.Check(complete, "apply", "required")
	case len(a.URL) > MaxURLLength:
		v.Add("apply.url", "too_long", MaxURLLength)
	case a.URL != "":
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Add("apply.url", "url.format")
		}
	default:
		email, code := group.NormalizeEmail(a.Email)
		if code != "" {
			v.Add("apply.email", "email.format")
		}
		a.Email = email
	}
	return a
}

// checkDates checks the deadline and the display date against the
// submission day, in the board's time zone.
func checkDates(v *i18n.Validator, c Content, r Rules, submittedAt time.Time, complete bool) {
	deadline, display := c.ApplicationDeadline, c.DisplayDate
	if deadline != (canada.Date{}) && !deadline.Valid() {
		v.Add("application_deadline", "date.invalid")
		deadline = canada.Date{}
	} else {
		v.Check(complete && deadline == (canada.Date{}), "application_deadline", "required")
	}
	if display != (canada.Date{}) && !display.Valid() {
		v.Add("display_date", "date.invalid")
		display = canada.Date{}
	}
	if !complete {
		return
	}
	today := canada.DateOf(submittedAt.In(r.Location))
	if deadline.Valid() && deadline.Before(today) {
		v.Add("application_deadline", "deadline.past")
	}
	if display.Valid() {
		earliest := r.Calendar.AddBusinessDays(today, DisplayDateBusinessDays)
		if display.Before(earliest) {
			v.Add("display_date", "display_date.too_soon", DisplayDateBusinessDays, earliest.String())
		} else if deadline.Valid() && deadline.Before(display) {
			v.Add("display_date", "display_date.after_deadline")
		}
	}
}

// contentMessages is the catalog of the content checks.
var contentMessages = i18n.MustCatalog(
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_long", FR: "Ce champ dépasse %d caractères.", EN: "This field is longer than %d characters."},
	i18n.Entry{Code: "too_many", FR: "Choisissez au plus %d éléments.", EN: "Choose at most %d items."},
	i18n.Entry{Code: "code.unknown", FR: "Choix inconnu.", EN: "Unknown choice."},
	i18n.Entry{Code: "profile.not_engineering", FR: "Seuls les profils Ingénieur·e et CPI peuvent faire l'objet d'une offre.", EN: "Only the Engineer and CPI profiles may be sought."},
	i18n.Entry{Code: "domain.unknown", FR: "Domaine de génie inconnu : « %s ».", EN: "Unknown engineering domain: %q."},
	i18n.Entry{Code: "experience.range", FR: "Le nombre d'années doit être entre 0 et %d.", EN: "The number of years must be between 0 and %d."},
	i18n.Entry{Code: "experience.engineer_only", FR: "Les années au tableau de l'Ordre ne s'appliquent qu'au profil Ingénieur·e.", EN: "Years in the order's roll apply to the Engineer profile only."},
	i18n.Entry{Code: "interests.too_many", FR: "Choisissez au plus %d intérêts.", EN: "Choose at most %d interests."},
	i18n.Entry{Code: "workplace.quebec_only", FR: "L'adresse doit être au Québec ; choisissez « Hors Québec » sinon.", EN: "The address must be in Quebec; choose \"Outside Quebec\" otherwise."},
	i18n.Entry{Code: "postal_code.format", FR: "Le code postal n'est pas valide (format A1A 1A1).", EN: "The postal code is not valid (format A1A 1A1)."},
	i18n.Entry{Code: "region.unknown", FR: "Région administrative inconnue.", EN: "Unknown administrative region."},
	i18n.Entry{Code: "apply.both", FR: "Choisissez une seule façon de postuler : le site de l'entreprise ou le courriel.", EN: "Choose one way to apply: the company's site or e-mail."},
	i18n.Entry{Code: "url.format", FR: "L'adresse Web doit commencer par http:// ou https://.", EN: "The web address must start with http:// or https://."},
	i18n.Entry{Code: "email.format", FR: "L'adresse courriel n'est pas valide.", EN: "The e-mail address is not valid."},
	i18n.Entry{Code: "date.invalid", FR: "Cette date n'existe pas.", EN: "This date does not exist."},
	i18n.Entry{Code: "deadline.past", FR: "La date limite pour postuler est déjà passée.", EN: "The application deadline has already passed."},
	i18n.Entry{Code: "display_date.too_soon", FR: "La date d'affichage doit être au moins %d jours ouvrables après l'envoi en validation (jours fériés exclus) : le %s au plus tôt.", EN: "The display date must be at least %d business days after submission (holidays excluded): %s at the earliest."},
	i18n.Entry{Code: "display_date.after_deadline", FR: "La date d'affichage est après la date limite pour postuler.", EN: "The display date is after the application deadline."},
)
