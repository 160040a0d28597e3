package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Sentinel errors of the package. Refusals come as *i18n.Error values with
// a stable code and French and English text that unwrap to one of these (or
// to group.ErrForbidden); invalid input comes as *ValidationError
// (unwrapping to i18n.ErrInvalid).
var (
	// ErrNoCredit: the group's bank holds no usable credit of the product
	// (code "credit.none"), or fewer than a transfer needs
	// ("credit.insufficient").
	ErrNoCredit = errors.New("billing: no credit available")
	// ErrNoReservation: no credit is reserved for this reference and
	// product ("reservation.none"), or none the actor may see. It unwraps
	// to storage.ErrNotFound.
	ErrNoReservation = fmt.Errorf("billing: no reservation for this reference: %w", storage.ErrNotFound)
	// ErrNotAllowed: the action does not fit the current state (a consumed
	// reservation released, a released one consumed, a purchase reference
	// reused for other credits).
	ErrNotAllowed = errors.New("billing: not allowed in the current state")
	// ErrInconsistent: a store was asked to write a record that breaks the
	// ledger's invariants (a negative count, counters that do not balance,
	// an unknown kind or status). It reveals a bug, never a user's error.
	ErrInconsistent = errors.New("billing: inconsistent ledger record")
)

// ValidationError lists every faulty field of an input; see
// i18n.ValidationError.
type ValidationError = i18n.ValidationError

// MaxQuantity is the largest number of credits one grant or transfer may
// move.
const MaxQuantity = 10000

// Length limits of free-text fields, in characters.
const (
	maxPurchaseRef = 100
	maxNote        = 500
)

// expireBatch is how many due lots ExpireDue reads at a time.
const expireBatch = 500

// Authorizer answers "may this member do p in their group?" and "may this
// board staff member use power p?": nil, or an error unwrapping to
// group.ErrForbidden. *group.Service implements it; the bank calls it at
// every call, in its transaction, and trusts no role nor staff ID given.
type Authorizer interface {
	Authorize(ctx context.Context, a group.Actor, p group.Permission) error
	AuthorizeStaff(ctx context.Context, m group.Moderator, p group.StaffPower) error
}

// Options tunes a Service. The zero value (or nil) is valid.
type Options struct {
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// NewID returns a new identifier; nil means UUID version 7.
	NewID func() uuid.UUID
	// Logger receives the service's log records (see package observe);
	// nil discards them.
	Logger *slog.Logger
	// Metrics receives the service's counters and durations (see package
	// observe); nil means none.
	Metrics observe.Metrics
}

// Service runs the credit bank. It is safe for concurrent use; every
// mutation runs in one store transaction (joining the caller's when ctx
// carries one), locks the ledgers it changes, and appends its events to the
// outbox in that transaction.
type Service struct {
	store  Store
	groups Authorizer
	opts   Options
	obs    obs.Sink
}

// New returns a Service over store that checks members' permissions with
// groups (a *group.Service over the same store, usually), which must not be
// nil. opts may be nil.
func New(store Store, groups Authorizer, opts *Options) *Service {
	s := &Service{store: store, groups: groups}
	if opts != nil {
		s.opts = *opts
	}
	s.obs = obs.New("billing", s.opts.Logger, s.opts.Metrics)
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.NewID == nil {
		s.opts.NewID = func() uuid.UUID { return uuid.Must(uuid.NewV7()) }
	}
	return s
}

// now returns the service's current time in UTC, at microsecond precision
// like every store.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// otherGroup refuses an input that names a group other than the actor's
// (the answer is the same whether that group exists or not).
func otherGroup() error { return messages.Error(group.ErrForbidden, "forbidden.other_group") }

// refTaken refuses to reserve a reference another group holds, without
// naming the group or the reservation's state.
func refTaken() error { return messages.Error(ErrNotAllowed, "reference.taken") }

func noCredit(p Product) error {
	fr, en := p.Name()
	return messages.Error(ErrNoCredit, "credit.none", fr, en)
}

// checkProduct records the faults of a required product.
func checkProduct(v *i18n.Validator, field string, p Product) {
	if p == "" {
		v.Add(field, "required")
	} else if !p.Valid() {
		v.Add(field, "product.unknown")
	}
}

// checkID records a missing identifier.
func checkID(v *i18n.Validator, field string, id uuid.UUID) {
	v.Check(id == uuid.Nil, field, "required")
}

// checkQuantity records a quantity outside 1…MaxQuantity.
func checkQuantity(v *i18n.Validator, field string, q int) {
	v.Check(q < 1 || q > MaxQuantity, field, "quantity.range", 1, MaxQuantity)
}

// text trims s and records "required" or "too_long" faults.
func text(v *i18n.Validator, field, s string, required bool, max int) string {
	s = strings.TrimSpace(s)
	if required && s == "" {
		v.Add(field, "required")
	} else if utf8.RuneCountInString(s) > max {
		v.Add(field, "too_long", max)
	}
	return s
}

// event builds an outbox event with a JSON payload.
func (s *Service) event(topic string, groupID, subject uuid.UUID, at time.Time, payload any) (storage.Event, error) {
	data, err := json.Marshal(payload)
	if err != nil {
		return storage.Event{}, fmt.Errorf("billing: encode %s event: %w", topic, err)
	}
	return storage.Event{ID: s.opts.NewID(), Topic: topic, GroupID: groupID, Subject: subject, Payload: data, OccurredAt: at}, nil
}
