package offer

// Status is where an offer stands in its life (docs/RULES.md M-1): six statuses
// an employer sees, plus Archived.
type Status string

// The statuses of an offer.
const (
	// Draft: being written, or sent back to draft by a cancellation; may be
	// incomplete.
	Draft Status = "draft"
	// InValidation: submitted, waiting for the board's validation (up to 2
	// business days).
	InValidation Status = "in_validation"
	// ToRevise: refused by the board with changes to make.
	ToRevise Status = "to_revise"
	// Scheduled ("bientôt publiée"): approved, waiting for its display date.
	Scheduled Status = "scheduled"
	// Published ("en cours"): online.
	Published Status = "published"
	// Expired: was published, no longer in force (expired or ended).
	Expired Status = "expired"
	// Archived: hidden from the default listing; no action, no performance
	// data.
	Archived Status = "archived"
)

// Statuses returns every status in the order of an offer's life.
func Statuses() []Status {
	return []Status{Draft, InValidation, ToRevise, Scheduled, Published, Expired, Archived}
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case Draft, InValidation, ToRevise, Scheduled, Published, Expired, Archived:
		return true
	}
	return false
}

// Name returns the status as the board shows it, in French and English.
func (s Status) Name() (fr, en string) {
	switch s {
	case Draft:
		return "En brouillon", "Draft"
	case InValidation:
		return "En validation", "In validation"
	case ToRevise:
		return "À réviser", "To revise"
	case Scheduled:
		return "Bientôt publiée", "Scheduled"
	case Published:
		return "En cours", "Published"
	case Expired:
		return "Expirée", "Expired"
	case Archived:
		return "Archivée", "Archived"
	}
	return string(s), string(s)
}
