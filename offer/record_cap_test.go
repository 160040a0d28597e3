package offer_test

import (
	"context"
	"testing"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRecordIsCapped checks that Record refuses more than MaxHitsPerRecord
// hits in one call, in both languages, before looking at any hit: the
// refusal has one fault, however many hits are faulty too, and no store is
// read (the service has none).
func TestRecordIsCapped(t *testing.T) {
	s, err := offer.New(nil, nil, nil, nil)
	require.NoError(t, err)
	ctx := context.Background()
	bad := func(int) offer.Hit { return offer.Hit{OfferID: uuid.New(), Metric: "nope", At: time.Now()} }
	n, err := s.Record(ctx, many(100_000, bad)...)
	requireCap(t, err, "hits", "too_many", offer.MaxHitsPerRecord)
	assert.Zero(t, n)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 1, "the size is checked first, alone")

	// At the cap, each hit is checked.
	_, err = s.Record(ctx, many(offer.MaxHitsPerRecord, bad)...)
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, offer.MaxHitsPerRecord)
	assert.Equal(t, "hits[0].metric", ve.Fields[0].Field)
}

// BenchmarkRecordOversized times the refusal of a call with far too many
// hits: it does not grow with the input.
func BenchmarkRecordOversized(b *testing.B) {
	s, err := offer.New(nil, nil, nil, nil)
	require.NoError(b, err)
	hits := many(1_000_000, func(int) offer.Hit { return offer.Hit{OfferID: uuid.New(), Metric: offer.Views} })
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Record(ctx, hits...); err == nil {
			b.Fatal("accepted")
		}
	}
}
