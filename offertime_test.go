package babillard_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toronto returns the instant of a wall-clock time in Montreal.
func toronto(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, montreal)
}

// day returns a civil date.
func day(y int, m time.Month, d int) canada.Date { return canada.Date{Year: y, Month: m, Day: d} }

// lateContent is jobContent with a deadline late enough for offers of
// the whole of 2026.
func lateContent() offer.Content {
	c := jobContent()
	c.ApplicationDeadline = day(2027, 3, 31)
	return c
}

// publishedOn publishes an offer of content c approved at t.
func (w *world) publishedOn(t time.Time, c offer.Content) offer.Offer {
	w.t.Helper()
	w.clock.Set(t)
	return w.published(c)
}

// scheduledFor submits at submitted an offer of content c to be displayed
// on display, approves it, then advances the clock to the display date's
// midnight, when it goes online.
func (w *world) scheduledFor(submitted time.Time, display canada.Date, c offer.Content) offer.Offer {
	w.t.Helper()
	w.clock.Set(submitted)
	w.grant(billing.EngineerPosting, 1)
	if c.Featured {
		w.grant(billing.Featured, 1)
	}
	c.DisplayDate = display
	o, _, err := w.board.Offers.Create(w.ctx, w.jean, c)
	require.NoError(w.t, err)
	_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(w.t, err)
	o, err = w.board.Offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(w.t, err)
	require.Equal(w.t, offer.Scheduled, o.Status)
	w.clock.Set(display.In(montreal))
	n, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(w.t, err)
	require.Equal(w.t, 1, n)
	o, err = w.board.Offers.Get(w.ctx, w.jean, o.ID)
	require.NoError(w.t, err)
	require.Equal(w.t, offer.Published, o.Status)
	return o
}

// payload returns the payload of the first event of topic about offer id
// (consuming the events, as topics does).
func (w *world) payload(id uuid.UUID, topic string) offer.EventPayload {
	w.t.Helper()
	evs, err := w.board.Store.ClaimEvents(w.ctx, "test-"+uuid.NewString(), 100000, time.Nanosecond, w.clock.Now().Add(24*365*time.Hour))
	require.NoError(w.t, err)
	for _, e := range evs {
		if e.Subject == id && e.Topic == topic {
			var p offer.EventPayload
			require.NoError(w.t, json.Unmarshal(e.Payload, &p))
			return p
		}
	}
	w.t.Fatalf("no %s event for offer %s", topic, id)
	return offer.EventPayload{}
}

// get reads an offer as Jean sees it.
func (w *world) get(id uuid.UUID) offer.Offer {
	w.t.Helper()
	o, err := w.board.Offers.Get(w.ctx, w.jean, id)
	require.NoError(w.t, err)
	return o
}

// The 30 days of publication are calendar days in Montreal: an offer
// approved at 10:00 ends at 10:00 thirty days later across both
// daylight-saving changes of 2026, and one scheduled for midnight ends at
// midnight, its last day online the day before.
func TestPublicationLastsThirtyCalendarDaysAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name     string
		approved time.Time
		ends     time.Time
		lastDay  canada.Date
	}{
		{"approved in EST, ends in EDT", toronto(2026, 2, 20, 10, 0), toronto(2026, 3, 22, 10, 0), day(2026, 3, 22)},
		{"approved in EDT, ends in EST", toronto(2026, 10, 16, 10, 0), toronto(2026, 11, 15, 10, 0), day(2026, 11, 15)},
		{"approved in June, no change", toronto(2026, 6, 1, 10, 0), toronto(2026, 7, 1, 10, 0), day(2026, 7, 1)},
		{"approved at 23:30, spring", toronto(2026, 2, 28, 23, 30), toronto(2026, 3, 30, 23, 30), day(2026, 3, 30)},
		{"approved in EST 2027, ends on the 2027 change day", toronto(2027, 2, 12, 10, 0), toronto(2027, 3, 14, 10, 0), day(2027, 3, 14)},
		// 02:30 does not exist on March 8: it moves forward by the hour
		// skipped, to 03:30 EDT (canada.WallClock's rule).
		{"ends in the skipped hour", toronto(2026, 2, 6, 2, 30), toronto(2026, 3, 8, 3, 30), day(2026, 3, 8)},
		{"ends in the skipped hour of 2027", toronto(2027, 2, 12, 2, 30), toronto(2027, 3, 14, 3, 30), day(2027, 3, 14)},
		// 01:30 happens twice on November 1: the first, 01:30 EDT (05:30 UTC).
		{"ends in the repeated hour", toronto(2026, 10, 2, 1, 30), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), day(2026, 11, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, memory.New())
			o := w.publishedOn(tc.approved, lateContent())
			assert.Equal(t, tc.ends.UTC(), o.ExpiresAt)
			assert.Equal(t, tc.lastDay, o.LastDayOnline(montreal))
			assert.Equal(t, tc.lastDay, w.payload(o.ID, offer.TopicPublished).LastDayOnline, "the event tells the last day")

			// The clock ends it at that very instant, not an hour before
			// or after.
			w.clock.Set(tc.ends.Add(-time.Microsecond))
			_, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
			require.NoError(t, err)
			assert.Equal(t, offer.Published, w.get(o.ID).Status, "a microsecond before the end")
			w.clock.Set(tc.ends)
			_, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
			require.NoError(t, err)
			o = w.get(o.ID)
			assert.Equal(t, offer.Expired, o.Status)
			assert.Equal(t, tc.ends.UTC(), o.EndedAt)
			assert.Equal(t, tc.lastDay, o.LastDayOnline(montreal), "the last day stays once expired")
		})
	}
}

// An offer scheduled for a date goes online at midnight and ends at
// midnight 30 days later; the featured period chosen at creation ends at
// midnight 7 days later. The last day online is the day before the end.
func TestScheduledOfferEndsAtMidnightAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name              string
		submitted         time.Time
		display           canada.Date
		featuredUntil     time.Time
		ends              time.Time
		lastDay           canada.Date
		featuredCrossesDS bool
	}{
		// Featured from Monday March 2 to the 9th, across March 8.
		{"spring", toronto(2026, 2, 25, 10, 0), day(2026, 3, 2), toronto(2026, 3, 9, 0, 0), toronto(2026, 4, 1, 0, 0), day(2026, 3, 31), true},
		// Online from Friday October 30 to November 28 included.
		{"fall", toronto(2026, 10, 26, 10, 0), day(2026, 10, 30), toronto(2026, 11, 6, 0, 0), toronto(2026, 11, 29, 0, 0), day(2026, 11, 28), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, memory.New())
			c := lateContent()
			c.Featured = true
			o := w.scheduledFor(tc.submitted, tc.display, c)
			assert.Equal(t, tc.display.In(montreal).UTC(), o.PublishedAt)
			assert.Equal(t, tc.ends.UTC(), o.ExpiresAt)
			assert.Equal(t, tc.featuredUntil.UTC(), o.FeaturedUntil)
			assert.Equal(t, tc.lastDay, o.LastDayOnline(montreal))
		})
	}
}

// LastDayOnline is planned for a scheduled offer, follows an early end,
// and is zero for an offer that was never online.
func TestLastDayOnline(t *testing.T) {
	w := newWorld(t, memory.New())
	offers := w.board.Offers
	w.clock.Set(toronto(2026, 2, 25, 10, 0))
	w.grant(billing.EngineerPosting, 2)
	c := lateContent()
	c.DisplayDate = day(2026, 3, 2)
	o, _, err := offers.Create(w.ctx, w.jean, c)
	require.NoError(t, err)
	assert.Zero(t, o.LastDayOnline(montreal), "a draft")
	o, err = offers.Submit(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Zero(t, o.LastDayOnline(montreal), "in validation")
	o, err = offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)
	require.Equal(t, offer.Scheduled, o.Status)
	assert.Equal(t, day(2026, 3, 31), o.LastDayOnline(montreal), "planned")
	o, err = offers.Withdraw(w.ctx, w.moderator, o.ID, "Offre non conforme.")
	require.NoError(t, err)
	assert.Zero(t, o.LastDayOnline(montreal), "withdrawn before going online")

	o = w.publishedOn(toronto(2026, 3, 2, 10, 0), lateContent())
	w.clock.Set(toronto(2026, 3, 10, 0, 0))
	o, err = offers.End(w.ctx, w.jean, o.ID)
	require.NoError(t, err)
	assert.Equal(t, day(2026, 3, 9), o.LastDayOnline(montreal), "ended at midnight: online until the day before")
}

// An extension adds 7 calendar days, and featuring lasts 7 calendar days,
// each ending at the wall-clock time it started at.
func TestExtensionAndFeaturedDaysAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		approved, extendedTo time.Time
		featuredAt, until    time.Time
	}{
		{"spring", toronto(2026, 2, 1, 10, 0), toronto(2026, 3, 10, 10, 0), toronto(2026, 3, 5, 15, 0), toronto(2026, 3, 10, 10, 0)},
		{"fall", toronto(2026, 10, 1, 10, 0), toronto(2026, 11, 7, 10, 0), toronto(2026, 10, 28, 15, 0), toronto(2026, 11, 4, 15, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, memory.New())
			o := w.publishedOn(tc.approved, lateContent())
			w.grant(billing.Extension, 1)
			o, err := w.board.Offers.Extend(w.ctx, w.jean, o.ID, uuid.New())
			require.NoError(t, err)
			assert.Equal(t, tc.extendedTo.UTC(), o.ExpiresAt)
			w.clock.Set(tc.featuredAt)
			w.grant(billing.Featured, 1)
			o, _, err = w.board.Offers.Feature(w.ctx, w.jean, o.ID, uuid.New())
			require.NoError(t, err)
			assert.Equal(t, tc.until.UTC(), o.FeaturedUntil)
		})
	}
}

// The expiry warning comes 10 calendar days before the end, at the same
// wall-clock time, whichever way the clocks change in between.
func TestExpiryWarningTenCalendarDaysBeforeAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name            string
		approved, warns time.Time
	}{
		// The change falls between the warning and the end. Ends Thursday
		// March 12 at 10:00 EDT; warned March 2 at 10:00 EST.
		{"spring, change before the end", toronto(2026, 2, 10, 10, 0), toronto(2026, 3, 2, 10, 0)},
		// Ends Thursday November 5 at 10:00 EST; warned October 26 at 10:00 EDT.
		{"fall, change before the end", toronto(2026, 10, 6, 10, 0), toronto(2026, 10, 26, 10, 0)},
		// The change falls between publication and the warning. Ends
		// Sunday March 22 at 10:00 EDT; warned March 12 at 10:00 EDT.
		{"spring, change before the warning", toronto(2026, 2, 20, 10, 0), toronto(2026, 3, 12, 10, 0)},
		// Ends Sunday November 15 at 10:00 EST; warned November 5 at 10:00 EST.
		{"fall, change before the warning", toronto(2026, 10, 16, 10, 0), toronto(2026, 11, 5, 10, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			onEveryStore(t, func(t *testing.T, store babillard.Store) {
				w := newWorld(t, store)
				o := w.publishedOn(tc.approved, lateContent())
				for _, before := range []time.Duration{time.Hour + time.Minute, time.Hour - time.Minute, time.Minute} {
					w.clock.Set(tc.warns.Add(-before))
					n, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
					require.NoError(t, err)
					assert.Zero(t, n, "%v before the warning", before)
					assert.False(t, w.get(o.ID).WarnedExpiry, "%v before the warning", before)
				}
				w.clock.Set(tc.warns)
				n, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
				require.NoError(t, err)
				assert.Equal(t, 1, n)
				assert.True(t, w.get(o.ID).WarnedExpiry)
			})
		})
	}
}

// A featured period that the publication's end cut short is lengthened to
// its full 7 days by an extension, as Feature's documentation promises.
func TestExtensionLengthensAShortFeaturedPeriod(t *testing.T) {
	for _, tc := range []struct {
		name                string
		approved, featureAt time.Time
		fullUntil           time.Time
	}{
		{"two days left", toronto(2026, 6, 1, 10, 0), toronto(2026, 6, 29, 10, 0), toronto(2026, 7, 6, 10, 0)},
		// Featured on Thursday March 5 at 15:00 EST with 2 days left; the
		// full period ends on the 12th at 15:00 EDT.
		{"two days left across DST", toronto(2026, 2, 5, 15, 0), toronto(2026, 3, 5, 15, 0), toronto(2026, 3, 12, 15, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, memory.New())
			o := w.publishedOn(tc.approved, lateContent())
			w.clock.Set(tc.featureAt)
			w.grant(billing.Featured, 1)
			o, shortfall, err := w.board.Offers.Feature(w.ctx, w.jean, o.ID, uuid.New())
			require.NoError(t, err)
			require.Equal(t, o.ExpiresAt, o.FeaturedUntil, "cut short by the end of publication")
			assert.Equal(t, tc.fullUntil.UTC().Sub(o.ExpiresAt), shortfall)

			w.grant(billing.Extension, 1)
			o, err = w.board.Offers.Extend(w.ctx, w.jean, o.ID, uuid.New())
			require.NoError(t, err)
			assert.Equal(t, tc.fullUntil.UTC(), o.FeaturedUntil, "featured the full 7 days")
			assert.True(t, o.FeaturedUntil.Before(o.ExpiresAt))

			// The end of the featured period is announced at its new end.
			w.clock.Set(tc.fullUntil.Add(-time.Minute))
			_, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
			require.NoError(t, err)
			assert.True(t, w.get(o.ID).Featured(w.clock.Now()))
			assert.NotContains(t, w.topics(o.ID), offer.TopicFeaturedEnded)
			w.clock.Set(tc.fullUntil)
			_, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
			require.NoError(t, err)
			assert.False(t, w.get(o.ID).Featured(w.clock.Now()))
			assert.True(t, w.get(o.ID).FeaturedEndNotified)
		})
	}
}

// An extension leaves alone a featured period the publication held whole.
func TestExtensionLeavesAFullFeaturedPeriod(t *testing.T) {
	w := newWorld(t, memory.New())
	o := w.publishedOn(toronto(2026, 6, 1, 10, 0), lateContent())
	w.clock.Set(toronto(2026, 6, 10, 10, 0))
	w.grant(billing.Featured, 1)
	o, shortfall, err := w.board.Offers.Feature(w.ctx, w.jean, o.ID, uuid.New())
	require.NoError(t, err)
	assert.Zero(t, shortfall)
	until := o.FeaturedUntil
	w.grant(billing.Extension, 1)
	o, err = w.board.Offers.Extend(w.ctx, w.jean, o.ID, uuid.New())
	require.NoError(t, err)
	assert.Equal(t, until, o.FeaturedUntil)
	assert.Equal(t, toronto(2026, 6, 17, 10, 0).UTC(), o.FeaturedUntil)
}

// Record judges each hit by its own time: stamped while the offer was
// online, it counts even when recorded after the end; stamped before
// publication or after the end, it does not.
func TestRecordJudgesHitsByTheirOwnTime(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newWorld(t, store)
		offers := w.board.Offers
		w.grant(billing.EngineerPosting, 1)
		o, _, err := offers.Create(w.ctx, w.jean, jobContent())
		require.NoError(t, err)
		asDraft := w.clock.Now()
		w.clock.Advance(time.Hour)
		_, err = offers.Submit(w.ctx, w.jean, o.ID)
		require.NoError(t, err)
		w.clock.Advance(time.Hour)
		o, err = offers.Approve(w.ctx, w.moderator, o.ID)
		require.NoError(t, err)
		published := o.PublishedAt

		// Recorded while published: the view stamped as a draft is
		// dropped.
		n, err := offers.Record(w.ctx, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: asDraft},
			offer.Hit{OfferID: o.ID, Metric: offer.Views, At: published.Add(-time.Microsecond)},
			offer.Hit{OfferID: o.ID, Metric: offer.Views, At: published})
		require.NoError(t, err)
		assert.Equal(t, 1, n, "only the view stamped at publication counts")

		lastOnline := w.clock.Now().Add(time.Hour)
		w.clock.Advance(2 * time.Hour)
		o, err = offers.End(w.ctx, w.jean, o.ID)
		require.NoError(t, err)
		// Recorded after the end, in one batch: the hits stamped while it
		// was online count, those stamped at or after the end do not.
		n, err = offers.Record(w.ctx,
			offer.Hit{OfferID: o.ID, Metric: offer.ApplyClicks, At: lastOnline},
			offer.Hit{OfferID: o.ID, Metric: offer.Shares, At: o.EndedAt.Add(-time.Microsecond)},
			offer.Hit{OfferID: o.ID, Metric: offer.Views, At: o.EndedAt},
			offer.Hit{OfferID: uuid.New(), Metric: offer.Views, At: lastOnline})
		require.NoError(t, err)
		assert.Equal(t, 2, n)

		rows, err := offers.Stats(w.ctx, w.sophie, offer.StatsQuery{From: day(2026, 6, 1), To: day(2026, 6, 30), Period: offer.Total})
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, [3]int64{1, 1, 1}, [3]int64{rows[0].Views, rows[0].Clicks, rows[0].Shares})

		// An archived offer has no performance data.
		_, err = offers.Archive(w.ctx, w.jean, o.ID)
		require.NoError(t, err)
		n, err = offers.Record(w.ctx, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: lastOnline})
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

// A scheduled offer's hits count from its display date only.
func TestRecordDropsHitsOfAScheduledOffer(t *testing.T) {
	w := newWorld(t, memory.New())
	o := w.scheduledFor(toronto(2026, 6, 1, 10, 0), day(2026, 6, 4), lateContent())
	n, err := w.board.Offers.Record(w.ctx,
		offer.Hit{OfferID: o.ID, Metric: offer.Views, At: toronto(2026, 6, 3, 23, 59)},
		offer.Hit{OfferID: o.ID, Metric: offer.Views, At: toronto(2026, 6, 4, 0, 0)})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

// errInjected is the failure failingStore injects.
var errInjected = errors.New("injected failure")

// failingStore fails UpdateOffer for the offers fail names.
type failingStore struct {
	babillard.Store
	fail func(id uuid.UUID) bool
}

func (s failingStore) UpdateOffer(ctx context.Context, o *offer.Offer) error {
	if s.fail(o.ID) {
		return errInjected
	}
	return s.Store.UpdateOffer(ctx, o)
}

// Advance goes on after an offer that fails, returns every failure with the
// count done, and moves the failed offers once they no longer fail.
func TestAdvanceGoesOnAfterAFailure(t *testing.T) {
	broken := map[uuid.UUID]bool{}
	failing := true
	w := newWorld(t, failingStore{Store: memory.New(), fail: func(id uuid.UUID) bool { return failing && broken[id] }})
	var ids []uuid.UUID
	for range 3 {
		ids = append(ids, w.published(jobContent()).ID)
	}
	broken[ids[0]] = true // the first by ID: the old Advance stopped there
	w.clock.Advance(30 * 24 * time.Hour)
	n, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
	assert.Equal(t, 2, n)
	require.ErrorIs(t, err, errInjected)
	assert.Contains(t, err.Error(), ids[0].String())
	assert.Equal(t, offer.Published, w.get(ids[0]).Status)
	assert.Equal(t, offer.Expired, w.get(ids[1]).Status)
	assert.Equal(t, offer.Expired, w.get(ids[2]).Status)

	failing = false
	n, err = w.board.Offers.Advance(w.ctx, w.clock.Now())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, offer.Expired, w.get(ids[0]).Status)
}

// More failing offers than a batch of DueOffers do not hide the offers
// after them.
func TestAdvanceLooksPastABatchOfFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("publishes 202 offers")
	}
	failFor := func(uuid.UUID) bool { return false }
	w := newWorld(t, failingStore{Store: memory.New(), fail: func(id uuid.UUID) bool { return failFor(id) }})
	const n = 202
	w.grant(billing.EngineerPosting, n)
	ids := make([]uuid.UUID, n)
	for i := range ids {
		o, _, err := w.board.Offers.Create(w.ctx, w.jean, jobContent())
		require.NoError(t, err)
		_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
		require.NoError(t, err)
		_, err = w.board.Offers.Approve(w.ctx, w.moderator, o.ID)
		require.NoError(t, err)
		ids[i] = o.ID // IDs grow with time: the last is the last by ID
	}
	ok := ids[n-1]
	failFor = func(id uuid.UUID) bool { return id != ok }
	w.clock.Advance(30 * 24 * time.Hour)
	moved, err := w.board.Offers.Advance(w.ctx, w.clock.Now())
	assert.Equal(t, 1, moved)
	require.ErrorIs(t, err, errInjected)
	var joined interface{ Unwrap() []error }
	require.ErrorAs(t, err, &joined)
	assert.Len(t, joined.Unwrap(), n-1, "every failure is returned")
	assert.Equal(t, offer.Expired, w.get(ok).Status)
}

// Extend and Feature are safe to retry: the same key twice spends one
// credit and answers the same; two keys spend two.
func TestExtendAndFeatureAreSafeToRetry(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newWorld(t, store)
		offers := w.board.Offers
		o := w.published(jobContent())
		w.grant(billing.Extension, 3)

		key := uuid.New()
		first, err := offers.Extend(w.ctx, w.jean, o.ID, key)
		require.NoError(t, err)
		w.clock.Advance(time.Minute)
		again, err := offers.Extend(w.ctx, w.jean, o.ID, key)
		require.NoError(t, err, "a retry is not an error")
		assert.Equal(t, first, again, "a retry answers what the first call did")
		assert.Equal(t, 1, again.Extensions)
		assert.Equal(t, 1, w.balance(billing.Extension).Consumed, "one credit for one key")

		second, err := offers.Extend(w.ctx, w.jean, o.ID, uuid.New())
		require.NoError(t, err)
		assert.Equal(t, 2, second.Extensions)
		assert.Equal(t, first.ExpiresAt.Add(7*24*time.Hour), second.ExpiresAt)
		assert.Equal(t, 2, w.balance(billing.Extension).Consumed, "two keys, two credits")

		// Feature: the retry is not refused as "already featured", and
		// gives the first call's shortfall.
		w.clock.Set(second.ExpiresAt.Add(-3 * 24 * time.Hour))
		w.grant(billing.Featured, 2)
		fkey := uuid.New()
		featured, shortfall, err := offers.Feature(w.ctx, w.jean, o.ID, fkey)
		require.NoError(t, err)
		assert.Equal(t, 4*24*time.Hour, shortfall)
		againF, againShort, err := offers.Feature(w.ctx, w.jean, o.ID, fkey)
		require.NoError(t, err)
		assert.Equal(t, featured, againF)
		assert.Equal(t, shortfall, againShort)
		assert.Equal(t, 1, w.balance(billing.Featured).Consumed)
		_, _, err = offers.Feature(w.ctx, w.jean, o.ID, uuid.New())
		assert.ErrorIs(t, err, offer.ErrNotAllowed, "already featured")
		assert.Equal(t, 1, w.balance(billing.Featured).Consumed)

		var steps []offer.Action
		history, err := offers.History(w.ctx, w.jean, o.ID, page.Page{})
		require.NoError(t, err)
		for _, h := range history.Items {
			steps = append(steps, h.Action)
		}
		assert.Equal(t, []offer.Action{offer.ActionCreate, offer.ActionSubmit, offer.ActionApprove,
			offer.ActionExtend, offer.ActionExtend, offer.ActionFeature}, steps, "a retry writes no history")

		// A key serves one optimization of one offer; a member without
		// the right is refused even on a retry.
		var ve interface{ Codes() []string }
		_, _, err = offers.Feature(w.ctx, w.jean, o.ID, key)
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"key:key.reused"}, ve.Codes())
		other := w.published(jobContent())
		_, err = offers.Extend(w.ctx, w.jean, other.ID, key)
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"key:key.reused"}, ve.Codes())
		_, err = offers.Extend(w.ctx, w.jean, o.ID, uuid.Nil)
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"key:key.required"}, ve.Codes())
		_, err = offers.Extend(w.ctx, w.sophie, o.ID, key)
		assert.ErrorIs(t, err, offer.ErrForbidden)
		assert.Equal(t, 2, w.balance(billing.Extension).Consumed)
	})
}

// An offer's ID is the reference of the credits of its creation: as a key
// it would feature another offer with them, so it is refused.
func TestAnOfferIDIsNotAKey(t *testing.T) {
	w := newWorld(t, memory.New())
	w.grant(billing.Featured, 1)
	c := jobContent()
	c.Featured = true
	featured := w.published(c)
	o := w.published(jobContent())
	_, _, err := w.board.Offers.Feature(w.ctx, w.jean, o.ID, featured.ID)
	var ve interface{ Codes() []string }
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"key:key.reused"}, ve.Codes())
	assert.False(t, w.get(o.ID).Featured(w.clock.Now()))
}

// Concurrent calls with one key spend exactly one credit, and every one of
// them answers with the single extension or featuring.
func TestConcurrentRetriesSpendOneCredit(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newWorld(t, store)
		o := w.published(jobContent())
		w.grant(billing.Extension, 5)
		w.grant(billing.Featured, 5)
		const n = 8
		ext, feat := uuid.New(), uuid.New()
		extended := make([]offer.Offer, n)
		featured := make([]time.Duration, n)
		errs := make([]error, 2*n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { extended[i], errs[i] = w.board.Offers.Extend(w.ctx, w.jean, o.ID, ext) })
			wg.Go(func() { _, featured[i], errs[n+i] = w.board.Offers.Feature(w.ctx, w.jean, o.ID, feat) })
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		for i := range n {
			assert.Equal(t, 1, extended[i].Extensions)
			assert.Equal(t, featured[0], featured[i])
		}
		o = w.get(o.ID)
		assert.Equal(t, 1, o.Extensions)
		assert.Equal(t, 1, w.balance(billing.Extension).Consumed)
		assert.Equal(t, 1, w.balance(billing.Featured).Consumed)
		assert.True(t, o.Featured(w.clock.Now()))
	})
}

// failingReads fails Offer for the offers fail names.
type failingReads struct {
	babillard.Store
	fail func(id uuid.UUID) bool
}

func (s failingReads) Offer(ctx context.Context, id uuid.UUID) (offer.Offer, error) {
	if s.fail(id) {
		return offer.Offer{}, errInjected
	}
	return s.Store.Offer(ctx, id)
}

// Record tells a store failure from an unknown offer: it records nothing
// and returns the failure.
func TestRecordReturnsAStoreFailure(t *testing.T) {
	var broken uuid.UUID
	store := memory.New()
	w := newWorld(t, failingReads{Store: store, fail: func(id uuid.UUID) bool { return id == broken }})
	o, other := w.published(jobContent()), w.published(jobContent())
	broken = other.ID
	n, err := w.board.Offers.Record(w.ctx, offer.Hit{OfferID: o.ID, Metric: offer.Views, At: w.clock.Now()},
		offer.Hit{OfferID: other.ID, Metric: offer.Views, At: w.clock.Now()})
	assert.ErrorIs(t, err, errInjected)
	assert.Zero(t, n)
	counts, err := store.CountHits(w.ctx, []uuid.UUID{o.ID}, w.clock.Now().Add(-time.Hour), w.clock.Now().Add(time.Hour), montreal)
	require.NoError(t, err)
	assert.Empty(t, counts, "nothing recorded")
}

// The display date is at least 3 business days after the day of
// submission in Montreal (not in UTC: a Friday evening submission is on
// Friday), and validation is due 2 business days later at the same
// wall-clock time, across the daylight-saving changes of 2026 and 2027.
func TestDisplayDateAndValidationDueAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name      string
		submitted time.Time // a Friday evening, Saturday in UTC
		due       time.Time
		earliest  canada.Date
	}{
		{"spring 2026", toronto(2026, 3, 6, 22, 30), toronto(2026, 3, 10, 22, 30), day(2026, 3, 11)},
		{"fall 2026", toronto(2026, 10, 30, 23, 0), toronto(2026, 11, 3, 23, 0), day(2026, 11, 4)},
		{"spring 2027", toronto(2027, 3, 12, 22, 0), toronto(2027, 3, 16, 22, 0), day(2027, 3, 17)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEqual(t, canada.DateOf(tc.submitted.UTC()), canada.DateOf(tc.submitted), "the UTC day differs")
			w := newWorld(t, memory.New())
			w.grant(billing.EngineerPosting, 1)
			w.clock.Set(tc.submitted)
			c := lateContent()
			c.DisplayDate = tc.earliest.AddDays(-1)
			o, _, err := w.board.Offers.Create(w.ctx, w.jean, c)
			require.NoError(t, err)
			_, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
			var ve *i18n.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, []string{"display_date:display_date.too_soon"}, ve.Codes())
			assert.Contains(t, ve.Fields[0].Message.EN, tc.earliest.String())

			c.DisplayDate = tc.earliest
			_, _, err = w.board.Offers.Edit(w.ctx, w.jean, o.ID, c)
			require.NoError(t, err)
			o, err = w.board.Offers.Submit(w.ctx, w.jean, o.ID)
			require.NoError(t, err)
			assert.Equal(t, tc.due.UTC(), o.ValidationDue)
		})
	}
}
