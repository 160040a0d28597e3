package promo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKindValidAndValidOn(t *testing.T) {
	assert.True(t, promo.Percent.Valid())
	assert.True(t, promo.Fixed.Valid())
	assert.False(t, promo.Kind("").Valid())
	assert.False(t, promo.Kind("PERCENT").Valid())
	c := promo.Code{From: day("2026-03-08"), Until: day("2026-11-01")}
	for d, want := range map[string]bool{
		"2026-03-07": false, "2026-03-08": true, "2026-06-01": true, "2026-11-01": true, "2026-11-02": false,
	} {
		assert.Equal(t, want, c.ValidOn(day(d)), d)
	}
}

// TestRedeemAcrossDST checks Redeem, not only Apply, counts the window's
// days in Toronto on the days the clocks change: a use late on the last day
// (already the next day in UTC) is counted, one a minute after midnight is
// refused and counts nothing.
func TestRedeemAcrossDST(t *testing.T) {
	e := newEnv(t)
	e.create(promo.Input{Code: "SPRING", Kind: promo.Fixed, Amount: 100, From: day("2026-03-08"), Until: day("2026-03-08")})
	e.create(promo.Input{Code: "FALL", Kind: promo.Fixed, Amount: 100, From: day("2026-11-01"), Until: day("2026-11-01")})
	for _, tc := range []struct {
		code string
		at   time.Time
		want string
	}{
		{"SPRING", time.Date(2026, 3, 8, 4, 30, 0, 0, time.UTC), "code.not_yet_valid"}, // 23:30 EST on the 7th
		{"SPRING", time.Date(2026, 3, 9, 3, 30, 0, 0, time.UTC), ""},                   // 23:30 EDT on the 8th
		{"SPRING", time.Date(2026, 3, 9, 4, 1, 0, 0, time.UTC), "code.expired"},        // 00:01 EDT on the 9th
		{"FALL", time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), ""},                    // 01:30 EDT, the first one
		{"FALL", time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC), ""},                    // 01:30 EST, the second one
		{"FALL", time.Date(2026, 11, 2, 4, 30, 0, 0, time.UTC), ""},                    // 23:30 EST on the 1st
		{"FALL", time.Date(2026, 11, 2, 5, 1, 0, 0, time.UTC), "code.expired"},         // 00:01 EST on the 2nd
	} {
		e.clock.Set(tc.at)
		key := uuid.New()
		_, err := e.svc.Redeem(e.ctx, tc.code, uuid.New(), key)
		if tc.want == "" {
			assert.NoError(t, err, "%s at %v", tc.code, tc.at)
			continue
		}
		wantCode(t, err, promo.ErrUnusable, tc.want)
		_, err = e.store.PromoUse(e.ctx, key)
		assert.ErrorIs(t, err, storage.ErrNotFound, "nothing written")
	}
	assert.Len(t, events(t, e.store, promo.TopicRedeemed), 4)
}

// TestApplyListsEveryFaultyLine checks Apply validates the lines before
// the code and lists every faulty line.
func TestApplyListsEveryFaultyLine(t *testing.T) {
	e := newEnv(t)
	e.create(march("LINES"))
	for _, code := range []string{"LINES", "NOPE"} {
		_, err := e.svc.Apply(e.ctx, code, uuid.New(), []promo.Line{
			{price.Featured, -1}, {price.Featured, 100}, {price.Extension, tax.MaxSubtotal + 1},
		})
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve, code)
		var fields []string
		for _, f := range ve.Fields {
			fields = append(fields, f.Field)
			assert.NotEmpty(t, f.Message.FR)
			assert.NotEmpty(t, f.Message.EN)
		}
		assert.Equal(t, []string{"lines[0].amount", "lines[2].amount"}, fields)
	}
}

// TestRedeemMalformedCode checks a malformed code is refused as unknown
// and counts nothing, and that nil IDs are listed before the code is read.
func TestRedeemMalformedCode(t *testing.T) {
	e := newEnv(t)
	for _, code := range []string{"", "ab", "SPRING 15", "ÉTÉ-15", "A234567890123456789012345678901234"} {
		key := uuid.New()
		_, err := e.svc.Redeem(e.ctx, code, uuid.New(), key)
		wantCode(t, err, promo.ErrUnknown, "code.unknown")
		_, err = e.store.PromoUse(e.ctx, key)
		assert.ErrorIs(t, err, storage.ErrNotFound)
	}
	_, err := e.svc.Redeem(e.ctx, "ab", uuid.Nil, uuid.New())
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Fields, 1)
	assert.Equal(t, "group_id", ve.Fields[0].Field)
	assert.Empty(t, events(t, e.store, promo.TopicRedeemed))
}

// TestFixedSpreadSumsExactly checks a fixed amount over awkward shares adds
// up to exactly min(amount, scope total), no line above its amount.
func TestFixedSpreadSumsExactly(t *testing.T) {
	for _, tc := range []struct {
		amount tax.Cents
		lines  []tax.Cents
		want   []tax.Cents
	}{
		{100, []tax.Cents{1000, 1000, 1000}, []tax.Cents{34, 33, 33}},
		{1, []tax.Cents{1000, 1000, 1000}, []tax.Cents{1, 0, 0}},
		{2, []tax.Cents{1, 1000, 1000}, []tax.Cents{0, 1, 1}},
		{promo.MaxAmount, []tax.Cents{tax.MaxSubtotal - 4, 1, 3}, []tax.Cents{promo.MaxAmount, 0, 0}},
		{999, []tax.Cents{333, 333, 333}, []tax.Cents{333, 333, 333}},
		{1000, []tax.Cents{333, 333, 333}, []tax.Cents{333, 333, 333}},
	} {
		c := promo.Code{Kind: promo.Fixed, Amount: tc.amount}
		lines := make([]promo.Line, len(tc.lines))
		var scope tax.Cents
		for i, a := range tc.lines {
			lines[i] = promo.Line{SKU: price.Featured, Amount: a}
			scope += a
		}
		got, err := c.Discounts(lines)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%v over %v", tc.amount, tc.lines)
		var sum tax.Cents
		for i, d := range got {
			sum += d
			assert.LessOrEqual(t, d, tc.lines[i])
		}
		assert.Equal(t, min(tc.amount, scope), sum)
	}
}

// TestApplyWithoutGroup checks Apply with no group yet skips only the
// limit per group: the total limit still holds, and Redeem needs a group.
func TestApplyWithoutGroup(t *testing.T) {
	e := newEnv(t)
	e.create(promo.Input{Code: "ONEEACH", Kind: promo.Fixed, Amount: 100, From: day("2026-03-01"), Until: day("2026-03-31"), MaxUses: 2, MaxUsesPerGroup: 1})
	lines := []promo.Line{{price.Featured, 15000}}
	g := uuid.New()
	_, err := e.svc.Redeem(e.ctx, "ONEEACH", g, uuid.New())
	require.NoError(t, err)
	_, err = e.svc.Apply(e.ctx, "ONEEACH", g, lines)
	wantCode(t, err, promo.ErrExhausted, "code.exhausted_group")
	d, err := e.svc.Apply(e.ctx, "ONEEACH", uuid.Nil, lines)
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(100), d.Total)
	_, err = e.svc.Redeem(e.ctx, "ONEEACH", uuid.New(), uuid.New())
	require.NoError(t, err)
	_, err = e.svc.Apply(e.ctx, "ONEEACH", uuid.Nil, lines)
	wantCode(t, err, promo.ErrExhausted, "code.exhausted")
}

// TestFeaturedWithCodeInQuebec follows a sale end to end as a buyer sees
// it: Featured at 150 $, 15 % off (22.50 $), then GST and QST on 127.50 $:
// 6.375 → 6.38 (half-up) and 12.718125 → 12.72, total 146.60 $.
func TestFeaturedWithCodeInQuebec(t *testing.T) {
	e := newEnv(t)
	e.create(march("QC15"))
	d := day("2026-03-10")
	q, err := price.DefaultBook().Quote(price.Featured, d, 1, 0)
	require.NoError(t, err)
	disc, err := e.svc.Apply(e.ctx, "qc15", uuid.New(), []promo.Line{{q.SKU, q.Amount}})
	require.NoError(t, err)
	assert.Equal(t, tax.Cents(2250), disc.Total)
	b, err := tax.Default().Compute(canada.QC, d, q.Amount-disc.Total)
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{638, 1272}, []tax.Cents{b.Lines[0].Amount, b.Lines[1].Amount})
	assert.Equal(t, tax.Cents(14660), b.Total)
}

// TestRedeemRetryAfterDeactivation checks a retried order keeps its use
// once the code is deactivated, while a new order is refused.
func TestRedeemRetryAfterDeactivation(t *testing.T) {
	e := newEnv(t)
	e.create(march("GONE"))
	g, key := uuid.New(), uuid.New()
	u, err := e.svc.Redeem(e.ctx, "gone", g, key)
	require.NoError(t, err)
	_, err = e.svc.Deactivate(e.ctx, e.admin, "gone")
	require.NoError(t, err)
	again, err := e.svc.Redeem(e.ctx, "GONE", g, key)
	require.NoError(t, err)
	assert.Equal(t, u, again)
	_, err = e.svc.Redeem(e.ctx, "GONE", g, uuid.New())
	wantCode(t, err, promo.ErrUnusable, "code.inactive")
	assert.Len(t, events(t, e.store, promo.TopicRedeemed), 1)
}

// TestCreateAndDeactivateJoinTheCallersTransaction checks both roll back
// with the caller's transaction, events included.
func TestCreateAndDeactivateJoinTheCallersTransaction(t *testing.T) {
	e := newEnv(t)
	e.create(march("KEEP"))
	boom := errors.New("boom")
	err := e.store.Atomic(e.ctx, func(ctx context.Context) error {
		if _, err := e.svc.Create(ctx, e.finance, march("ROLLED")); err != nil {
			return err
		}
		if _, err := e.svc.Deactivate(ctx, e.finance, "KEEP"); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = e.store.PromoCode(e.ctx, "ROLLED")
	assert.ErrorIs(t, err, storage.ErrNotFound)
	c, err := e.store.PromoCode(e.ctx, "KEEP")
	require.NoError(t, err)
	assert.True(t, c.Active)
	assert.Len(t, events(t, e.store, promo.TopicCreated), 1)
	assert.Empty(t, events(t, e.store, promo.TopicDeactivated))
}

// TestCreateRefusesDaysNoStoreHolds checks a window outside years 1 to
// 9999 is invalid input on every store, not a store error.
func TestCreateRefusesDaysNoStoreHolds(t *testing.T) {
	e := newEnv(t)
	in := march("FAR")
	in.From, in.Until = canada.Date{Year: 0, Month: 1, Day: 1}, canada.Date{Year: 10000, Month: 1, Day: 1}
	_, err := e.svc.Create(e.ctx, e.finance, in)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"from:day.invalid", "until:day.invalid"}, ve.Codes())
	_, err = e.store.PromoCode(e.ctx, "FAR")
	assert.ErrorIs(t, err, storage.ErrNotFound)
	in.From, in.Until = canada.Date{Year: 1, Month: 1, Day: 1}, canada.Date{Year: 9999, Month: 12, Day: 31}
	_, err = e.svc.Create(e.ctx, e.finance, in)
	require.NoError(t, err)
}
