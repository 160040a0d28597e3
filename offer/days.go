package offer

import (
	"time"

	"github.com/babillard/babillard/canada"
)

// addDaysAt returns the instant n calendar days after t (before it when n
// is negative) at the same wall-clock time in loc, in UTC: an offer
// published at 10:00 ends at 10:00 thirty days later whatever daylight
// saving time changes in between, and one published at midnight ends at
// midnight. It is canada.AddDaysAt, whose rule (canada.WallClock) the whole
// library follows: a wall-clock time that the spring change skips (02:30
// on 2026-03-08) moves forward by the hour skipped (03:30 EDT), so that a
// period is never an hour short; one that the fall change repeats (01:30
// on 2026-11-01) is the first of the two (01:30 EDT).
func addDaysAt(t time.Time, n int, loc *time.Location) time.Time {
	return canada.AddDaysAt(t, n, loc).UTC()
}

// publicationEnd returns when a publication that starts at start ends:
// PublicationDays calendar days later, plus ExtensionDays per extension, at
// the same wall-clock time in loc.
func publicationEnd(start time.Time, extensions int, loc *time.Location) time.Time {
	return addDaysAt(start, PublicationDays+ExtensionDays*extensions, loc)
}

// expiryWarning returns when the expiry warning of a publication ending at
// expires is due: ExpiryWarningDays calendar days before, at the same
// wall-clock time in loc.
func expiryWarning(expires time.Time, loc *time.Location) time.Time {
	return addDaysAt(expires, -ExpiryWarningDays, loc)
}

// featuredEnd returns when a featured period that starts at from ends if
// the publication holds it whole: FeaturedDays calendar days later, at the
// same wall-clock time in loc.
func featuredEnd(from time.Time, loc *time.Location) time.Time {
	return addDaysAt(from, FeaturedDays, loc)
}

// ExpiryWarningWindow is how far ahead of now Store.DueOffers looks for
// expiry warnings: ExpiryWarningDays days of 24 hours, plus the hour that a
// daylight-saving change may add to ExpiryWarningDays calendar days. The
// store lists every offer whose warning may be due; Advance sends the
// warning at ExpiryWarningDays calendar days before ExpiresAt, at the same
// wall-clock time in the board's zone.
const ExpiryWarningWindow = ExpiryWarningDays*24*time.Hour + time.Hour

// LastDayOnline returns the last day, in loc (the board's time zone,
// America/Toronto), on which the offer is online: the day of the last
// instant before its publication ends. That is what the employer is shown
// as "online until". A publication ends at ExpiresAt, or at EndedAt when the
// employer or the board ended it early; one that ends at midnight has its
// last day the day before (an offer published on 2026-03-02 at midnight
// ends on 2026-04-01 at midnight: its last day online is 2026-03-31, its
// 30th). For a scheduled offer it is the last day planned. It is the zero
// Date when the offer was never online and is not scheduled (a draft, an
// offer in validation, one withdrawn before its display date). loc must
// not be nil (it panics, as time.Time.In does).
func (o Offer) LastDayOnline(loc *time.Location) canada.Date {
	var start, end time.Time
	switch {
	case o.EverPublished():
		start, end = o.PublishedAt, o.ExpiresAt
		if !o.EndedAt.IsZero() {
			end = o.EndedAt
		}
	case o.Status == Scheduled && !o.PublishAt.IsZero():
		start = o.PublishAt
		end = publicationEnd(start, o.Extensions, loc)
	}
	if !end.After(start) {
		return canada.Date{}
	}
	return canada.DateOf(end.Add(-time.Nanosecond).In(loc))
}
