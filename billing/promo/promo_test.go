package promo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/catalogtest"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	catalogtest.CheckSources(t, ".", promo.MessagesHas, 20)
}

func day(s string) canada.Date {
	d, err := canada.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// env is a board with an admin, a finance staff member and a moderator.
type env struct {
	t         *testing.T
	ctx       context.Context
	store     *memory.Store
	clock     *babillardtest.Clock
	svc       *promo.Service
	admin     group.Moderator
	finance   group.Moderator
	moderator group.Moderator
}

func newEnv(t *testing.T) *env {
	loc, err := canada.LoadToronto()
	require.NoError(t, err)
	// 2026-03-10 10:00 in Toronto.
	e := &env{t: t, ctx: context.Background(), store: memory.New(), clock: babillardtest.NewClock(time.Date(2026, 3, 10, 10, 0, 0, 0, loc))}
	groups := group.New(e.store, &group.Options{Now: e.clock.Now})
	admin, err := groups.BootstrapStaff(e.ctx, uuid.New())
	require.NoError(t, err)
	e.admin = group.Moderator{ID: admin.UserID}
	for _, x := range []struct {
		m    *group.Moderator
		role group.StaffRole
	}{{&e.finance, group.StaffFinance}, {&e.moderator, group.StaffModerator}} {
		u, err := groups.RegisterUser(e.ctx, uuid.NewString()+"@example.com", group.UserProfile{FirstName: "A", LastName: "B"})
		require.NoError(t, err)
		_, err = groups.AddStaff(e.ctx, e.admin, u.ID, x.role)
		require.NoError(t, err)
		*x.m = group.Moderator{ID: u.ID}
	}
	e.svc, err = promo.New(e.store, groups, &promo.Options{Now: e.clock.Now})
	require.NoError(t, err)
	return e
}

func pct(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func (e *env) create(in promo.Input) promo.Code {
	e.t.Helper()
	c, err := e.svc.Create(e.ctx, e.finance, in)
	require.NoError(e.t, err)
	return c
}

func march(code string) promo.Input {
	return promo.Input{Code: code, Kind: promo.Percent, Percent: pct("15"), From: day("2026-03-01"), Until: day("2026-03-31")}
}

func events(t *testing.T, s *memory.Store, topic string) []storage.Event {
	t.Helper()
	evs, err := s.ReadEvents(context.Background(), storage.EventQuery{Topic: topic})
	require.NoError(t, err)
	return evs
}

func wantCode(t *testing.T, err error, sentinel error, code string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, sentinel)
	var ie *i18n.Error
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, code, ie.Code)
	assert.NotEmpty(t, ie.Message.FR)
	assert.NotEmpty(t, ie.Message.EN)
	assert.NotEqual(t, ie.Message.FR, ie.Message.EN)
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"  spring-15 ": "SPRING-15", "Été_26": "", "ab": "", "abc": "ABC",
		strings.Repeat("A", promo.MaxCodeLen): strings.Repeat("A", promo.MaxCodeLen), strings.Repeat("A", promo.MaxCodeLen+1): "",
		"A B C": "", "ABC!": "", strings.Repeat(" ", 4*promo.MaxCodeLen-3) + "ABC": "ABC",
		strings.Repeat(" ", 4*promo.MaxCodeLen-2) + "ABC": ""} {
		got, ok := promo.Normalize(in)
		assert.Equal(t, want, got, "%q", in)
		assert.Equal(t, want != "", ok, "%q", in)
	}
}

func TestCreatePermissions(t *testing.T) {
	e := newEnv(t)
	for _, by := range []group.Moderator{e.moderator, {ID: uuid.New()}} {
		_, err := e.svc.Create(e.ctx, by, march("SPRING"))
		require.ErrorIs(t, err, group.ErrForbidden)
		var ie *i18n.Error
		require.ErrorAs(t, err, &ie)
		_, err = e.store.PromoCode(e.ctx, "SPRING")
		require.ErrorIs(t, err, storage.ErrNotFound, "nothing written")
	}
	assert.Empty(t, events(t, e.store, promo.TopicCreated))
	c, err := e.svc.Create(e.ctx, e.admin, march("spring"))
	require.NoError(t, err)
	assert.Equal(t, "SPRING", c.Code)
	assert.True(t, c.Active)
	assert.Equal(t, e.admin.ID, c.CreatedBy)
	evs := events(t, e.store, promo.TopicCreated)
	require.Len(t, evs, 1)
	assert.Equal(t, c.ID, evs[0].Subject)
	assert.Equal(t, uuid.Nil, evs[0].GroupID)

	used, err := e.svc.Redeem(e.ctx, "spring", uuid.New(), uuid.New())
	require.NoError(t, err)
	_, err = e.svc.Deactivate(e.ctx, e.moderator, "spring")
	require.ErrorIs(t, err, group.ErrForbidden)
	got, err := e.store.PromoCode(e.ctx, "SPRING")
	require.NoError(t, err)
	assert.True(t, got.Active, "nothing written")
	d, err := e.svc.Deactivate(e.ctx, e.finance, " Spring ")
	require.NoError(t, err)
	assert.False(t, d.Active)
	_, err = e.svc.Deactivate(e.ctx, e.finance, "SPRING")
	require.NoError(t, err)
	assert.Len(t, events(t, e.store, promo.TopicDeactivated), 1, "deactivating twice: one event")
	_, err = e.svc.Apply(e.ctx, "spring", uuid.New(), []promo.Line{{SKU: price.Engineer5, Amount: 100}})
	wantCode(t, err, promo.ErrUnusable, "code.inactive")
	_, err = e.svc.Redeem(e.ctx, "spring", uuid.New(), uuid.New())
	wantCode(t, err, promo.ErrUnusable, "code.inactive")
	n, err := e.store.PromoUses(e.ctx, used.CodeID, uuid.Nil)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the uses counted stay")
	_, err = e.svc.Deactivate(e.ctx, e.finance, "NOPE")
	wantCode(t, err, promo.ErrUnknown, "code.unknown")
}

func TestCreateValidation(t *testing.T) {
	e := newEnv(t)
	e.create(march("TAKEN"))
	for name, tc := range map[string]struct {
		in     promo.Input
		fields map[string]string
	}{
		"everything": {promo.Input{Code: "a", Kind: "half", From: canada.Date{Year: 2026, Month: 2, Day: 30}, MaxUses: -1, MaxUsesPerGroup: promo.MaxUses + 1,
			SKUs: []price.SKU{"nope", price.Featured, price.Featured}},
			map[string]string{"code": "code.format", "kind": "kind.unknown", "from": "day.invalid", "until": "day.invalid",
				"max_uses": "limit.range", "max_uses_per_group": "limit.range", "skus[0]": "sku.unknown", "skus[2]": "sku.duplicate"}},
		"percent": {promo.Input{Code: "ABC", Kind: promo.Percent, Percent: pct("15.125"), Amount: 5, From: day("2026-03-02"), Until: day("2026-03-01")},
			map[string]string{"percent": "percent.range", "amount": "amount.not_fixed", "until": "until.before_from"}},
		"percent over 100": {promo.Input{Code: "ABC", Kind: promo.Percent, Percent: pct("100.01"), From: day("2026-03-01"), Until: day("2026-03-01")},
			map[string]string{"percent": "percent.range"}},
		"percent zero": {promo.Input{Code: "ABC", Kind: promo.Percent, From: day("2026-03-01"), Until: day("2026-03-01")},
			map[string]string{"percent": "percent.range"}},
		"fixed": {promo.Input{Code: "ABC", Kind: promo.Fixed, Percent: pct("1"), Amount: promo.MaxAmount + 1, From: day("2026-03-01"), Until: day("2026-03-01")},
			map[string]string{"percent": "percent.not_percent", "amount": "amount.range"}},
		"no kind": {promo.Input{Code: "ABC", From: day("2026-03-01"), Until: day("2026-03-01")},
			map[string]string{"kind": "required"}},
		"too many skus": {promo.Input{Code: "ABC", Kind: promo.Fixed, Amount: 1, From: day("2026-03-01"), Until: day("2026-03-01"), SKUs: make([]price.SKU, 10)},
			map[string]string{"skus": "skus.too_many"}},
		"taken": {march(" taken"), map[string]string{"code": "code.taken"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.svc.Create(e.ctx, e.finance, tc.in)
			var ve *i18n.ValidationError
			require.ErrorAs(t, err, &ve)
			got := map[string]string{}
			for _, f := range ve.Fields {
				got[f.Field] = f.Code
			}
			assert.Equal(t, tc.fields, got)
		})
	}
	assert.Len(t, events(t, e.store, promo.TopicCreated), 1)
	// 100 % and two decimals are fine.
	e.create(promo.Input{Code: "FREE", Kind: promo.Percent, Percent: pct("100"), From: day("2026-03-01"), Until: day("2026-03-01")})
	e.create(promo.Input{Code: "ODD", Kind: promo.Percent, Percent: pct("12.50"), From: day("2026-03-01"), Until: day("2026-03-01")})
}

func TestDiscountsPercent(t *testing.T) {
	c := promo.Code{Kind: promo.Percent, Percent: pct("15"), SKUs: []price.SKU{price.Engineer5, price.Featured}}
	// 15 % of 1 Featured at 150.03 $ is 22.5045: 22.50; of 0.10 $: 0.015 → 0.02
	// (half-up); of 0.03 $: 0.0045 → 0.00.
	got, err := c.Discounts([]promo.Line{{price.Featured, 15003}, {price.Extension, 20000}, {price.Engineer5, 10}, {price.Engineer5, 3}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{2250, 0, 2, 0}, got)
	c.Percent = pct("12.5")
	got, err = c.Discounts([]promo.Line{{price.Featured, 4}, {price.Featured, 12}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{1, 2}, got, "0.5 and 1.5 cents round up")
	_, err = c.Discounts([]promo.Line{{price.Extension, 20000}})
	wantCode(t, err, promo.ErrOutOfScope, "code.out_of_scope")
	all := promo.Code{Kind: promo.Percent, Percent: pct("100")}
	got, err = all.Discounts([]promo.Line{{price.Extension, 20000}, {price.CPI1, 1}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{20000, 1}, got, "an empty scope is every SKU")
}

func TestDiscountsFixed(t *testing.T) {
	c := promo.Code{Kind: promo.Fixed, Amount: 1000, SKUs: []price.SKU{price.Engineer5, price.Featured}}
	// Shares of 10 $ over 10 $, 10 $, 10 $ (in scope) and 200 $ (not): 3.33
	// each, the cent left to the first line (equal fractions, earlier line).
	got, err := c.Discounts([]promo.Line{{price.Featured, 1000}, {price.Extension, 20000}, {price.Engineer5, 1000}, {price.Featured, 1000}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{334, 0, 333, 333}, got)
	// Proportional: 10 $ over 10 $ and 30 $: 2.50 and 7.50.
	got, err = c.Discounts([]promo.Line{{price.Featured, 1000}, {price.Engineer5, 3000}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{250, 750}, got)
	// Largest fraction cut gets the cent: 1 $ over 0.02 $, 0.07 $ and 0.04 $ is
	// all of it (min(amount, total)).
	got, err = c.Discounts([]promo.Line{{price.Featured, 2}, {price.Featured, 7}, {price.Featured, 4}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{2, 7, 4}, got, "never more than the lines")
	// 0.10 $ over 0.07, 0.07 and 0.06: 3.5, 3.5, 3 → 4, 3, 3.
	c.Amount = 10
	got, err = c.Discounts([]promo.Line{{price.Featured, 7}, {price.Featured, 7}, {price.Featured, 6}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{4, 3, 3}, got)
	// 0.05 $ over 0.01 and 0.99: 0.0005, 0.0495 → 0 and 5 (the larger cut,
	// 0.95, wins).
	c.Amount = 5
	got, err = c.Discounts([]promo.Line{{price.Featured, 1}, {price.Featured, 99}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{0, 5}, got)
	got, err = c.Discounts([]promo.Line{{price.Featured, 0}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{0}, got, "zero lines get nothing")
}

func TestDiscountsLinesValidation(t *testing.T) {
	c := promo.Code{Kind: promo.Fixed, Amount: 1000}
	for name, tc := range map[string]struct {
		lines []promo.Line
		field string
	}{
		"none":     {nil, "lines"},
		"too many": {make([]promo.Line, promo.MaxLines+1), "lines"},
		"negative": {[]promo.Line{{price.Featured, 1}, {price.Featured, -1}}, "lines[1].amount"},
		"huge":     {[]promo.Line{{price.Featured, tax.MaxSubtotal + 1}}, "lines[0].amount"},
		"total":    {[]promo.Line{{price.Featured, tax.MaxSubtotal}, {price.Featured, 1}}, "lines"},
	} {
		_, err := c.Discounts(tc.lines)
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, tc.field, ve.Fields[0].Field, name)
	}
}

func TestApplyAndRedeemRefusals(t *testing.T) {
	e := newEnv(t)
	g := uuid.New()
	lines := []promo.Line{{price.Engineer5, 100000}, {price.Featured, 15000}}
	e.create(promo.Input{Code: "LATER", Kind: promo.Fixed, Amount: 500, From: day("2026-03-11"), Until: day("2026-03-31")})
	e.create(promo.Input{Code: "PAST", Kind: promo.Fixed, Amount: 500, From: day("2026-03-01"), Until: day("2026-03-09")})
	e.create(promo.Input{Code: "EXT", Kind: promo.Fixed, Amount: 500, From: day("2026-03-01"), Until: day("2026-03-31"), SKUs: []price.SKU{price.Extension}})
	e.create(promo.Input{Code: "TWICE", Kind: promo.Fixed, Amount: 500, From: day("2026-03-01"), Until: day("2026-03-31"), MaxUses: 3, MaxUsesPerGroup: 2})
	for _, tc := range []struct{ code, want string }{
		{"NOPE", "code.unknown"}, {"x", "code.unknown"}, {strings.Repeat("A", 10000), "code.unknown"},
		{"later", "code.not_yet_valid"}, {"past", "code.expired"}, {"ext", "code.out_of_scope"},
	} {
		_, err := e.svc.Apply(e.ctx, tc.code, g, lines)
		var ie *i18n.Error
		require.ErrorAs(t, err, &ie, tc.code)
		assert.Equal(t, tc.want, ie.Code, tc.code)
	}
	_, err := e.svc.Apply(e.ctx, "past", g, lines)
	wantCode(t, err, promo.ErrUnusable, "code.expired")
	assert.Contains(t, err.(*i18n.Error).Message.EN, "2026-03-09")
	_, err = e.svc.Apply(e.ctx, "nope", g, lines)
	wantCode(t, err, promo.ErrUnknown, "code.unknown")
	assert.ErrorIs(t, err, storage.ErrNotFound)
	_, err = e.svc.Redeem(e.ctx, "later", g, uuid.New())
	wantCode(t, err, promo.ErrUnusable, "code.not_yet_valid")

	// Per group, then in total.
	for range 2 {
		_, err := e.svc.Redeem(e.ctx, "twice", g, uuid.New())
		require.NoError(t, err)
	}
	_, err = e.svc.Apply(e.ctx, "twice", g, lines)
	wantCode(t, err, promo.ErrExhausted, "code.exhausted_group")
	_, err = e.svc.Redeem(e.ctx, "twice", g, uuid.New())
	wantCode(t, err, promo.ErrExhausted, "code.exhausted_group")
	_, err = e.svc.Redeem(e.ctx, "twice", uuid.New(), uuid.New())
	require.NoError(t, err)
	_, err = e.svc.Redeem(e.ctx, "twice", uuid.New(), uuid.New())
	wantCode(t, err, promo.ErrExhausted, "code.exhausted")
	assert.Len(t, events(t, e.store, promo.TopicRedeemed), 3)

	_, err = e.svc.Redeem(e.ctx, "twice", uuid.Nil, uuid.Nil)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 2)
}

func TestApply(t *testing.T) {
	e := newEnv(t)
	e.create(promo.Input{Code: "TENOFF", Kind: promo.Fixed, Amount: 1000, From: day("2026-03-10"), Until: day("2026-03-10"), SKUs: []price.SKU{price.Featured}})
	d, err := e.svc.Apply(e.ctx, " tenoff", uuid.New(), []promo.Line{{price.Engineer5, 100000}, {price.Featured, 15000}})
	require.NoError(t, err)
	assert.Equal(t, []tax.Cents{0, 1000}, d.Lines)
	assert.Equal(t, tax.Cents(1000), d.Total)
	assert.Equal(t, "TENOFF", d.Code.Code)
	assert.Empty(t, events(t, e.store, promo.TopicRedeemed), "Apply counts nothing")
}

// TestWindowInToronto checks that the window's days are Toronto days,
// both included, across the DST change of 2026-03-08 and 2026-11-01.
func TestWindowInToronto(t *testing.T) {
	e := newEnv(t)
	e.create(promo.Input{Code: "SPRINGDST", Kind: promo.Fixed, Amount: 100, From: day("2026-03-08"), Until: day("2026-03-08")})
	e.create(promo.Input{Code: "FALLDST", Kind: promo.Fixed, Amount: 100, From: day("2026-11-01"), Until: day("2026-11-01")})
	lines := []promo.Line{{price.Featured, 15000}}
	for _, tc := range []struct {
		code string
		at   time.Time
		want string // "" for valid
	}{
		{"SPRINGDST", time.Date(2026, 3, 8, 4, 59, 0, 0, time.UTC), "code.not_yet_valid"}, // 23:59 EST on the 7th
		{"SPRINGDST", time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), ""},                    // 00:00 EST
		{"SPRINGDST", time.Date(2026, 3, 9, 3, 59, 0, 0, time.UTC), ""},                   // 23:59 EDT
		{"SPRINGDST", time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC), "code.expired"},        // 00:00 EDT on the 9th
		{"FALLDST", time.Date(2026, 11, 1, 3, 59, 0, 0, time.UTC), "code.not_yet_valid"},  // 23:59 EDT on Oct 31
		{"FALLDST", time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC), ""},                     // 00:00 EDT
		{"FALLDST", time.Date(2026, 11, 2, 4, 59, 0, 0, time.UTC), ""},                    // 23:59 EST
		{"FALLDST", time.Date(2026, 11, 2, 5, 0, 0, 0, time.UTC), "code.expired"},         // 00:00 EST on the 2nd
	} {
		e.clock.Set(tc.at)
		_, err := e.svc.Apply(e.ctx, tc.code, uuid.New(), lines)
		if tc.want == "" {
			assert.NoError(t, err, "%s at %v", tc.code, tc.at)
			continue
		}
		var ie *i18n.Error
		if assert.ErrorAs(t, err, &ie, "%s at %v", tc.code, tc.at) {
			assert.Equal(t, tc.want, ie.Code, "%s at %v", tc.code, tc.at)
		}
	}
}

func TestRedeemIdempotent(t *testing.T) {
	e := newEnv(t)
	e.create(promo.Input{Code: "ONCE", Kind: promo.Fixed, Amount: 100, From: day("2026-03-01"), Until: day("2026-03-10"), MaxUses: 1})
	e.create(march("OTHER"))
	g, key := uuid.New(), uuid.New()
	u, err := e.svc.Redeem(e.ctx, "once", g, key)
	require.NoError(t, err)
	assert.Equal(t, promo.Use{OrderKey: key, CodeID: u.CodeID, GroupID: g, At: e.clock.Now().UTC()}, u)
	// The retry returns the same use, even once the limit is reached and
	// the code expired.
	e.clock.Advance(48 * time.Hour)
	again, err := e.svc.Redeem(e.ctx, " Once ", g, key)
	require.NoError(t, err)
	assert.Equal(t, u, again)
	evs := events(t, e.store, promo.TopicRedeemed)
	require.Len(t, evs, 1)
	assert.Equal(t, g, evs[0].GroupID)
	assert.JSONEq(t, `{"code_id":"`+u.CodeID.String()+`","code":"ONCE","group_id":"`+g.String()+`","order_key":"`+key.String()+`"}`, string(evs[0].Payload))
	// One code per order.
	_, err = e.svc.Redeem(e.ctx, "other", g, key)
	wantCode(t, err, promo.ErrUnusable, "order.other_code")
	n, err := e.store.PromoUses(e.ctx, u.CodeID, uuid.Nil)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestRedeemJoinsTheCallersTransaction(t *testing.T) {
	e := newEnv(t)
	e.create(march("ROLLBACK"))
	boom := errors.New("payment failed")
	key := uuid.New()
	err := e.store.Atomic(e.ctx, func(ctx context.Context) error {
		if _, err := e.svc.Redeem(ctx, "rollback", uuid.New(), key); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = e.store.PromoUse(e.ctx, key)
	assert.ErrorIs(t, err, storage.ErrNotFound)
	assert.Empty(t, events(t, e.store, promo.TopicRedeemed))
}
