package promo

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Sentinel errors of the package. Refusals are *i18n.Error values that
// unwrap to one of these (or to group.ErrForbidden).
var (
	// ErrUnknown: no code of that name ("code.unknown"). It unwraps to
	// storage.ErrNotFound.
	ErrUnknown = fmt.Errorf("promo: unknown code: %w", storage.ErrNotFound)
	// ErrUnusable: the code exists but cannot be used now: deactivated
	// ("code.inactive"), not yet valid ("code.not_yet_valid"), expired
	// ("code.expired"), or the order already uses another code
	// ("order.other_code").
	ErrUnusable = errors.New("promo: code not usable")
	// ErrExhausted: the code reached its total use limit ("code.exhausted")
	// or its limit for the group ("code.exhausted_group").
	ErrExhausted = errors.New("promo: code exhausted")
	// ErrOutOfScope: no line of the order is in the code's product scope
	// ("code.out_of_scope").
	ErrOutOfScope = errors.New("promo: code out of scope")
)

// Caps on inputs, checked before any other work (docs/RULES.md B-19).
const (
	// MinCodeLen and MaxCodeLen bound a code's length, after trimming.
	MinCodeLen = 3
	MaxCodeLen = 32
	// MaxAmount is the largest fixed discount: 100 000 $.
	MaxAmount tax.Cents = 10_000_000
	// MaxUses is the largest total or per-group use limit.
	MaxUses = 1_000_000
	// MaxLines is the largest number of lines Discounts accepts.
	MaxLines = 100
)

// Kind is the kind of discount a code gives.
type Kind string

// The two kinds of discount.
const (
	// Percent takes Code.Percent per cent off each line in scope.
	Percent Kind = "percent"
	// Fixed takes Code.Amount off the lines in scope, at most their total.
	Fixed Kind = "fixed"
)

// Valid reports whether k is Percent or Fixed.
func (k Kind) Valid() bool { return k == Percent || k == Fixed }

// Code is a promo code as the store keeps it.
type Code struct {
	// ID identifies the code.
	ID uuid.UUID `json:"id"`
	// Code is the normalised name buyers type (see Normalize): unique.
	Code string `json:"code"`
	// Kind is Percent or Fixed.
	Kind Kind `json:"kind"`
	// Percent is the percentage off, above 0 and at most 100 with at
	// most two decimals (15 for 15 %); zero for a Fixed code.
	Percent decimal.Decimal `json:"percent"`
	// Amount is the fixed amount off an order; zero for a Percent code.
	Amount tax.Cents `json:"amount"`
	// From and Until are the first and last days (America/Toronto) on
	// which the code is valid, both included.
	From  canada.Date `json:"from"`
	Until canada.Date `json:"until"`
	// MaxUses caps the uses of the code by every group together; 0 means
	// unlimited.
	MaxUses int `json:"max_uses"`
	// MaxUsesPerGroup caps the uses of the code by one group; 0 means
	// unlimited.
	MaxUsesPerGroup int `json:"max_uses_per_group"`
	// SKUs is the product scope: the items the code takes money off; empty
	// means every item.
	SKUs []price.SKU `json:"skus"`
	// Active is false once the code is deactivated.
	Active bool `json:"active"`
	// CreatedBy is the staff member who created the code.
	CreatedBy uuid.UUID `json:"created_by"`
	// CreatedAt is when the code was created.
	CreatedAt time.Time `json:"created_at"`
	// Version is the optimistic-locking version.
	Version int64 `json:"version"`
}

// Use is one counted use of a code: one order, keyed by its idempotency
// key.
type Use struct {
	// OrderKey is the order's idempotency key: one use per order.
	OrderKey uuid.UUID `json:"order_key"`
	// CodeID is the code used.
	CodeID uuid.UUID `json:"code_id"`
	// GroupID is the buying group.
	GroupID uuid.UUID `json:"group_id"`
	// At is when the use was counted.
	At time.Time `json:"at"`
}

// Line is one line of an order as a code sees it: its item and its amount
// before discount.
type Line struct {
	// SKU is the line's catalogue item.
	SKU price.SKU `json:"sku"`
	// Amount is the line's amount, excluding taxes, 0…tax.MaxSubtotal.
	Amount tax.Cents `json:"amount"`
}

// Normalize returns the stored form of a code as typed: trimmed of spaces
// and upper-cased (codes are case-insensitive), and whether it is well
// formed: MinCodeLen to MaxCodeLen characters among A–Z, 0–9, '-' and
// '_'. The length is checked before anything else is done with s: an
// input of more than 4×MaxCodeLen bytes is refused before it is trimmed.
func Normalize(s string) (string, bool) {
	if len(s) > 4*MaxCodeLen {
		return "", false
	}
	s = strings.TrimSpace(s)
	if len(s) < MinCodeLen || len(s) > MaxCodeLen {
		return "", false
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return "", false
		}
	}
	return string(b), true
}

// InScope reports whether the code takes money off sku: its scope is empty
// or lists sku.
func (c Code) InScope(sku price.SKU) bool {
	return len(c.SKUs) == 0 || slices.Contains(c.SKUs, sku)
}

// ValidOn reports whether day is within the code's window, From and Until
// included. It says nothing about Active nor the use limits.
func (c Code) ValidOn(day canada.Date) bool {
	return !day.Before(c.From) && !day.After(c.Until)
}

// Discounts returns the discount of each line, in the lines' order: 0 for a
// line out of scope, never more than the line's amount.
//
// A Percent code takes Percent % of each line in scope, rounded half-up to
// the cent, line by line. A Fixed code takes min(Amount, total of the lines
// in scope), spread over the lines in scope in proportion to their amounts:
// each gets the floor of its share, then the cents left (fewer than the
// lines in scope) go one each to the lines with the largest fractions cut,
// ties to the earlier line. The discounts sum exactly to that minimum: no
// cent lost or invented (docs/RULES.md B-21).
//
// It returns a *i18n.ValidationError for no line or more than MaxLines
// ("lines", "lines.range"), a line amount outside 0…tax.MaxSubtotal
// ("lines[i].amount") or lines totalling more than tax.MaxSubtotal; and an
// *i18n.Error "code.out_of_scope" (ErrOutOfScope) when no line is in scope.
func (c Code) Discounts(lines []Line) ([]tax.Cents, error) {
	if err := checkLines(lines); err != nil {
		return nil, err
	}
	var scope tax.Cents
	in := 0
	for _, l := range lines {
		if c.InScope(l.SKU) {
			scope += l.Amount
			in++
		}
	}
	if in == 0 {
		return nil, messages.Error(ErrOutOfScope, "code.out_of_scope")
	}
	out := make([]tax.Cents, len(lines))
	if c.Kind == Percent {
		for i, l := range lines {
			if c.InScope(l.SKU) {
				out[i] = percentOf(l.Amount, c.Percent)
			}
		}
		return out, nil
	}
	d := min(c.Amount, scope)
	if d <= 0 {
		return out, nil
	}
	// Floors of d × amount / scope in 128 bits (d ≤ scope, so the quotient
	// fits), remembering what each floor cut.
	cut := make([]uint64, len(lines))
	left := d
	for i, l := range lines {
		if !c.InScope(l.SKU) {
			continue
		}
		hi, lo := bits.Mul64(uint64(d), uint64(l.Amount))
		q, r := bits.Div64(hi, lo, uint64(scope))
		out[i], cut[i] = tax.Cents(q), r
		left -= tax.Cents(q)
	}
	for ; left > 0; left-- {
		best := -1
		for i := range lines {
			if cut[i] > 0 && (best < 0 || cut[i] > cut[best]) {
				best = i
			}
		}
		out[best]++
		cut[best] = 0
	}
	return out, nil
}

// percentOf is amount × p / 100 rounded half-up to the cent (amounts are
// never negative).
func percentOf(amount tax.Cents, p decimal.Decimal) tax.Cents {
	return tax.Cents(decimal.NewFromInt(int64(amount)).Mul(p).Shift(-2).Round(0).IntPart())
}

// checkLines validates an order's lines.
func checkLines(lines []Line) error {
	v := messages.Validator()
	if v.Check(len(lines) < 1 || len(lines) > MaxLines, "lines", "lines.range", MaxLines) {
		return v.Err()
	}
	var total tax.Cents
	ok := true
	for i, l := range lines {
		if v.Check(l.Amount < 0 || l.Amount > tax.MaxSubtotal, fmt.Sprintf("lines[%d].amount", i), "line.amount.range", tax.MaxSubtotal.String()) {
			ok = false
			continue
		}
		total += l.Amount
	}
	v.Check(ok && total > tax.MaxSubtotal, "lines", "lines.total.range", tax.MaxSubtotal.String())
	return v.Err()
}
