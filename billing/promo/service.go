package promo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Authorizer answers "may this board staff member use power p?": nil, or
// an error unwrapping to group.ErrForbidden. *group.Service implements it.
type Authorizer interface {
	AuthorizeStaff(ctx context.Context, m group.Moderator, p group.StaffPower) error
}

// Options tunes a Service. The zero value (or nil) is valid.
type Options struct {
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// NewID returns a new identifier; nil means UUID version 7.
	NewID func() uuid.UUID
	// Location is the zone whose days bound a code's validity; nil means
	// America/Toronto.
	Location *time.Location
}

// Service runs promo codes. It is safe for concurrent use; every mutation
// runs in one store transaction (joining the caller's when ctx carries
// one) and appends its event to the outbox in it.
type Service struct {
	store  Store
	groups Authorizer
	opts   Options
}

// New returns a Service over store that checks staff powers with groups
// (a *group.Service over the same store, usually). opts may be nil. It
// fails only when opts.Location is nil and the machine has no
// America/Toronto zone data.
func New(store Store, groups Authorizer, opts *Options) (*Service, error) {
	s := &Service{store: store, groups: groups}
	if opts != nil {
		s.opts = *opts
	}
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.NewID == nil {
		s.opts.NewID = func() uuid.UUID { return uuid.Must(uuid.NewV7()) }
	}
	if s.opts.Location == nil {
		loc, err := canada.LoadToronto()
		if err != nil {
			return nil, err
		}
		s.opts.Location = loc
	}
	return s, nil
}

func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// today is the day of t in the service's zone.
func (s *Service) today(t time.Time) canada.Date { return canada.DateOf(t.In(s.opts.Location)) }

// Input describes a new code.
type Input struct {
	// Code is the name buyers type; it is stored normalised (Normalize).
	Code string `json:"code"`
	// Kind is Percent or Fixed.
	Kind Kind `json:"kind"`
	// Percent is the percentage off of a Percent code.
	Percent decimal.Decimal `json:"percent"`
	// Amount is the amount off of a Fixed code, 1…MaxAmount cents.
	Amount tax.Cents `json:"amount"`
	// From and Until bound the validity, both days included: valid dates
	// of years 1 to 9999.
	From  canada.Date `json:"from"`
	Until canada.Date `json:"until"`
	// MaxUses and MaxUsesPerGroup cap the uses, 0…MaxUses (0: unlimited).
	MaxUses         int `json:"max_uses"`
	MaxUsesPerGroup int `json:"max_uses_per_group"`
	// SKUs is the product scope; empty means every item.
	SKUs []price.SKU `json:"skus"`
}

var hundred = decimal.NewFromInt(100)

// validDay reports whether d is a valid date of years 1 to 9999, the days
// every store holds.
func validDay(d canada.Date) bool {
	return d != (canada.Date{}) && d.Valid() && d.Year >= 1 && d.Year <= 9999
}

// validate checks in and returns the code to store, or a
// *i18n.ValidationError listing every fault.
func (in Input) validate() (Code, error) {
	v := messages.Validator()
	code, ok := Normalize(in.Code)
	v.Check(!ok, "code", "code.format", MinCodeLen, MaxCodeLen)
	switch in.Kind {
	case Percent:
		v.Check(!in.Percent.IsPositive() || in.Percent.GreaterThan(hundred) || !in.Percent.Equal(in.Percent.Round(2)),
			"percent", "percent.range")
		v.Check(in.Amount != 0, "amount", "amount.not_fixed")
	case Fixed:
		v.Check(in.Amount < 1 || in.Amount > MaxAmount, "amount", "amount.range", MaxAmount.String())
		v.Check(!in.Percent.IsZero(), "percent", "percent.not_percent")
	case "":
		v.Add("kind", "required")
	default:
		v.Add("kind", "kind.unknown")
	}
	fromOK, untilOK := validDay(in.From), validDay(in.Until)
	v.Check(!fromOK, "from", "day.invalid")
	v.Check(!untilOK, "until", "day.invalid")
	v.Check(fromOK && untilOK && in.Until.Before(in.From), "until", "until.before_from")
	v.Check(in.MaxUses < 0 || in.MaxUses > MaxUses, "max_uses", "limit.range", MaxUses)
	v.Check(in.MaxUsesPerGroup < 0 || in.MaxUsesPerGroup > MaxUses, "max_uses_per_group", "limit.range", MaxUses)
	all := price.SKUs()
	if !v.Check(len(in.SKUs) > len(all), "skus", "skus.too_many", len(all)) {
		for i, sku := range in.SKUs {
			f := fmt.Sprintf("skus[%d]", i)
			if !v.Check(!sku.Valid(), f, "sku.unknown") {
				v.Check(slices.Contains(in.SKUs[:i], sku), f, "sku.duplicate")
			}
		}
	}
	if err := v.Err(); err != nil {
		return Code{}, err
	}
	c := Code{Code: code, Kind: in.Kind, Amount: in.Amount, From: in.From, Until: in.Until,
		MaxUses: in.MaxUses, MaxUsesPerGroup: in.MaxUsesPerGroup, SKUs: slices.Clone(in.SKUs), Active: true}
	if in.Kind == Percent {
		c.Percent = in.Percent
	}
	return c, nil
}

// Create creates a code, active at once. It needs group.PowerGrantCredits
// (board finance or admin): a refusal is an *i18n.Error unwrapping to
// group.ErrForbidden and nothing is written. Invalid input is a
// *i18n.ValidationError listing every fault, checked before anything is
// read; a code name already taken is "code.taken" on field "code". It
// appends a billing.promo.created event.
func (s *Service) Create(ctx context.Context, by group.Moderator, in Input) (Code, error) {
	c, err := in.validate()
	if err != nil {
		return Code{}, err
	}
	c.ID, c.CreatedBy, c.CreatedAt = s.opts.NewID(), by.ID, s.now()
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.AuthorizeStaff(ctx, by, group.PowerGrantCredits); err != nil {
			return err
		}
		if err := s.store.CreatePromoCode(ctx, &c); err != nil {
			if errors.Is(err, storage.ErrDuplicate) {
				v := messages.Validator()
				v.Add("code", "code.taken")
				return v.Err()
			}
			return err
		}
		return s.appendEvent(ctx, TopicCreated, uuid.Nil, c.ID, c.CreatedAt, created(c, by.ID))
	})
	if err != nil {
		return Code{}, err
	}
	return c, nil
}

// Deactivate stops a code: from then on it is refused ("code.inactive"),
// and uses already counted stay. It needs group.PowerGrantCredits, as
// Create. Deactivating an inactive code changes nothing and appends no
// event; otherwise it appends a billing.promo.deactivated event.
func (s *Service) Deactivate(ctx context.Context, by group.Moderator, code string) (Code, error) {
	var out Code
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.AuthorizeStaff(ctx, by, group.PowerGrantCredits); err != nil {
			return err
		}
		c, err := s.lock(ctx, code)
		if err != nil {
			return err
		}
		if c.Active {
			c.Active = false
			if err := s.store.UpdatePromoCode(ctx, &c); err != nil {
				return err
			}
			if err := s.appendEvent(ctx, TopicDeactivated, uuid.Nil, c.ID, s.now(), created(c, by.ID)); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	if err != nil {
		return Code{}, err
	}
	return out, nil
}

// Discount is what a code takes off an order.
type Discount struct {
	// Code is the code applied.
	Code Code `json:"code"`
	// Lines is the discount of each line, in the order's order (see
	// Code.Discounts).
	Lines []tax.Cents `json:"lines"`
	// Total is the sum of Lines.
	Total tax.Cents `json:"total"`
}

// Apply returns the discount code gives the lines of an order of the group
// groupID today, without counting a use: a cart shows it, and checkout
// counts it with Redeem. code is typed by the buyer: it is trimmed and
// matched case-insensitively; a malformed one is refused as unknown
// before any read. groupID may be uuid.Nil while the buyer's group is not
// known yet (a visitor's cart): the limit per group is then not checked,
// and Redeem, which needs the group, checks it. Refusals: "code.unknown"
// (ErrUnknown), "code.inactive", "code.not_yet_valid", "code.expired"
// (ErrUnusable), "code.exhausted", "code.exhausted_group" (ErrExhausted),
// "code.out_of_scope" (ErrOutOfScope); invalid lines as Code.Discounts,
// checked first.
func (s *Service) Apply(ctx context.Context, code string, groupID uuid.UUID, lines []Line) (Discount, error) {
	if err := checkLines(lines); err != nil {
		return Discount{}, err
	}
	name, ok := Normalize(code)
	if !ok {
		return Discount{}, unknown()
	}
	c, err := s.store.PromoCode(ctx, name)
	if errors.Is(err, storage.ErrNotFound) {
		return Discount{}, unknown()
	}
	if err != nil {
		return Discount{}, err
	}
	if err := s.usable(ctx, c, groupID); err != nil {
		return Discount{}, err
	}
	d, err := c.Discounts(lines)
	if err != nil {
		return Discount{}, err
	}
	var total tax.Cents
	for _, x := range d {
		total += x
	}
	return Discount{Code: c, Lines: d, Total: total}, nil
}

// Redeem counts one use of code by the group groupID for the order whose
// idempotency key is orderKey, and returns it. Checkout calls it in the
// transaction that records the payment (pass its context), after it
// checked the buyer's permission. The same orderKey again returns the use
// already recorded and counts nothing, even once the code expired or ran
// out; an orderKey recorded with another code is "order.other_code"
// (ErrUnusable): one code per order. Concurrent redemptions never exceed
// the limits: the code is locked while its uses are counted. Refusals are
// those of Apply but "code.out_of_scope"; it appends a
// billing.promo.redeemed event. A nil groupID or orderKey is a
// *i18n.ValidationError.
func (s *Service) Redeem(ctx context.Context, code string, groupID, orderKey uuid.UUID) (Use, error) {
	v := messages.Validator()
	v.Check(groupID == uuid.Nil, "group_id", "required")
	v.Check(orderKey == uuid.Nil, "order_key", "required")
	if err := v.Err(); err != nil {
		return Use{}, err
	}
	var out Use
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		c, err := s.lock(ctx, code)
		if err != nil {
			return err
		}
		if u, done, err := s.recorded(ctx, c, orderKey); done || err != nil {
			out = u
			return err
		}
		if err := s.usable(ctx, c, groupID); err != nil {
			return err
		}
		u := Use{OrderKey: orderKey, CodeID: c.ID, GroupID: groupID, At: s.now()}
		if err := s.store.RecordPromoUse(ctx, u); err != nil {
			if errors.Is(err, storage.ErrDuplicate) {
				// Recorded since by a transaction on another code.
				u, _, err := s.recorded(ctx, c, orderKey)
				out = u
				return err
			}
			return err
		}
		out = u
		return s.appendEvent(ctx, TopicRedeemed, groupID, c.ID, u.At,
			RedeemedPayload{CodeID: c.ID, Code: c.Code, GroupID: groupID, OrderKey: orderKey})
	})
	if err != nil {
		return Use{}, err
	}
	return out, nil
}

// recorded returns the use already recorded under orderKey (done true), an
// "order.other_code" refusal when it is another code's, or done false.
func (s *Service) recorded(ctx context.Context, c Code, orderKey uuid.UUID) (Use, bool, error) {
	u, err := s.store.PromoUse(ctx, orderKey)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return Use{}, false, nil
	case err != nil:
		return Use{}, true, err
	case u.CodeID != c.ID:
		return Use{}, true, messages.Error(ErrUnusable, "order.other_code")
	}
	return u, true, nil
}

// lock normalises and locks a code, refusing an unknown one.
func (s *Service) lock(ctx context.Context, code string) (Code, error) {
	name, ok := Normalize(code)
	if !ok {
		return Code{}, unknown()
	}
	c, err := s.store.LockPromoCode(ctx, name)
	if errors.Is(err, storage.ErrNotFound) {
		return Code{}, unknown()
	}
	return c, err
}

// usable checks that c may be used today by groupID: active, in its window,
// under its limits.
func (s *Service) usable(ctx context.Context, c Code, groupID uuid.UUID) error {
	if !c.Active {
		return messages.Error(ErrUnusable, "code.inactive")
	}
	day := s.today(s.now())
	if day.Before(c.From) {
		return messages.Error(ErrUnusable, "code.not_yet_valid", c.From.String())
	}
	if day.After(c.Until) {
		return messages.Error(ErrUnusable, "code.expired", c.Until.String())
	}
	if c.MaxUses > 0 {
		n, err := s.store.PromoUses(ctx, c.ID, uuid.Nil)
		if err != nil {
			return err
		}
		if n >= c.MaxUses {
			return messages.Error(ErrExhausted, "code.exhausted")
		}
	}
	if c.MaxUsesPerGroup > 0 && groupID != uuid.Nil {
		n, err := s.store.PromoUses(ctx, c.ID, groupID)
		if err != nil {
			return err
		}
		if n >= c.MaxUsesPerGroup {
			return messages.Error(ErrExhausted, "code.exhausted_group")
		}
	}
	return nil
}

func unknown() error { return messages.Error(ErrUnknown, "code.unknown") }

func created(c Code, by uuid.UUID) CreatedPayload {
	return CreatedPayload{CodeID: c.ID, Code: c.Code, Kind: c.Kind, Percent: c.Percent, Amount: c.Amount,
		From: c.From, Until: c.Until, MaxUses: c.MaxUses, MaxUsesPerGroup: c.MaxUsesPerGroup, SKUs: c.SKUs, By: by}
}

// appendEvent appends one outbox event with a JSON payload.
func (s *Service) appendEvent(ctx context.Context, topic string, groupID, subject uuid.UUID, at time.Time, payload any) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("promo: encode %s event: %w", topic, err)
	}
	return s.store.AppendEvents(ctx, storage.Event{ID: s.opts.NewID(), Topic: topic, GroupID: groupID, Subject: subject, Payload: data, OccurredAt: at})
}
