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
)

// check checks the sizes of q's lists and strings, before any other work.
func (q Query) check() error {
	v := messages.Validator()
	v.Check(len(q.Statuses) > MaxQueryStatuses, "statuses", "too_many", MaxQueryStatuses)
	v.Check(utf8.RuneCountInString(q.Title) > MaxTitleLength, "title", "too_long", MaxTitleLength)
	return v.Err()
}
