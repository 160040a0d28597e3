package payment

import (
	"context"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/i18n"
)

// Validate lists every fault of r in one *i18n.ValidationError, or returns
// nil (docs/RULES.md B-27).
func (r Request) Validate() error {
	v := messages.Validator()
	checkKey(v, r.Key)
	checkAmount(v, r.Amount)
	checkText(v, "description", r.Description, MaxDescription, true)
	checkText(v, "reference", r.Reference, MaxReference, true)
	checkText(v, "method", r.Method, MaxMethod, false)
	return v.Err()
}

// Validate lists every fault of r in one *i18n.ValidationError, or returns
// nil (docs/RULES.md B-27).
func (r CaptureRequest) Validate() error {
	v := messages.Validator()
	checkKey(v, r.Key)
	checkText(v, "authorization", r.Authorization, MaxTransaction, true)
	checkAmount(v, r.Amount)
	checkText(v, "description", r.Description, MaxDescription, true)
	checkText(v, "reference", r.Reference, MaxReference, true)
	return v.Err()
}

// Validate lists every fault of r in one *i18n.ValidationError, or returns
// nil (docs/RULES.md B-27).
func (r RefundRequest) Validate() error {
	v := messages.Validator()
	checkKey(v, r.Key)
	checkText(v, "capture", r.Capture, MaxTransaction, true)
	checkAmount(v, r.Amount)
	checkText(v, "description", r.Description, MaxDescription, true)
	checkText(v, "reference", r.Reference, MaxReference, true)
	return v.Err()
}

func checkKey(v *i18n.Validator, k uuid.UUID) {
	v.Check(k == uuid.Nil, "key", "key.required")
}

func checkAmount(v *i18n.Validator, a tax.Cents) {
	if !v.Check(a <= 0, "amount", "amount.not_positive") {
		v.Check(a > MaxAmount, "amount", "amount.range", strconv.FormatInt(int64(MaxAmount/100), 10))
	}
}

// checkText refuses a missing required text, one longer than max characters,
// and one that is not valid UTF-8 or holds control characters (a line break
// in a provider's description field breaks statements and logs).
func checkText(v *i18n.Validator, field, s string, max int, required bool) {
	switch {
	case s == "":
		v.Check(required, field, "required")
	case len(s) > 4*max || utf8.RuneCountInString(s) > max:
		v.Add(field, "too_long", max)
	case !utf8.ValidString(s):
		v.Add(field, "format")
	default:
		for _, c := range s {
			if unicode.IsControl(c) {
				v.Add(field, "format")
				return
			}
		}
	}
}

// Validated returns a Gateway that checks each request (Validate) and
// returns its *i18n.ValidationError without calling g when it is invalid,
// so that nothing invalid is ever sent. Valid requests go to g unchanged.
func Validated(g Gateway) Gateway { return validated{g} }

type validated struct{ g Gateway }

func (v validated) Authorize(ctx context.Context, r Request) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	return v.g.Authorize(ctx, r)
}

func (v validated) Capture(ctx context.Context, r CaptureRequest) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	return v.g.Capture(ctx, r)
}

func (v validated) Refund(ctx context.Context, r RefundRequest) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	return v.g.Refund(ctx, r)
}
