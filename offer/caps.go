package offer

import "unicode/utf8"

// Caps of the service's queries.
const (
	// MaxStatsOffers is the most offers a StatsQuery names, repeats
	// included.
	MaxStatsOffers = 100
	// MaxQueryStatuses is the most statuses a Query lists, repeats
	// included.
	MaxQueryStatuses = 20
	// MaxHitsPerRecord is the most hits one call of Record takes: a portal
	// that buffers more records them in several calls.
	MaxHitsPerRecord = 1000
)

// checkSizes checks the sizes of c's lists alone, before any other work:
// Modify and Moderate call it before their transaction (check does the
// same for every content it checks).
func checkSizes(c Content) error {
	v := contentMessages.Validator()
	v.Check(len(c.Domains) > MaxDomains, "domains", "too_many", MaxDomains)
	v.Check(len(c.Interests) > MaxInterests, "interests", "interests.too_many", MaxInterests)
	v.Check(c.Workplace.Kind == InPlaces && len(c.Workplace.Places) > MaxPlaces, "workplace.places", "too_many", MaxPlaces)
	return v.Err()
}

// check checks the sizes of q's lists and strings, before any other work.
func (q Query) check() error {
	v := messages.Validator()
	v.Check(len(q.Statuses) > MaxQueryStatuses, "statuses", "too_many", MaxQueryStatuses)
	v.Check(utf8.RuneCountInString(q.Title) > MaxTitleLength, "title", "too_long", MaxTitleLength)
	return v.Err()
}
