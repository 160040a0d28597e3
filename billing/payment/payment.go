package payment

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/i18n"
)

// Currency is the currency of every amount the library sends: Canadian
// dollars. An adapter sends it with each call.
const Currency = "CAD"

// Caps on a request's inputs (docs/RULES.md B-27).
const (
	// MaxAmount is the largest amount of one call: twice the largest taxable
	// subtotal billing/tax accepts, so any taxed total fits, and a sum of
	// partial refunds never overflows.
	MaxAmount tax.Cents = 2 * tax.MaxSubtotal
	// MaxDescription is the longest description, in characters.
	MaxDescription = 255
	// MaxReference is the longest reference (order ID), in characters.
	MaxReference = 64
	// MaxTransaction is the longest provider transaction ID, in characters.
	MaxTransaction = 255
	// MaxMethod is the longest payment-method token, in characters.
	MaxMethod = 255
)

// ErrDeclined is the sentinel of every decline: a definite "no" from the
// provider, nothing charged. The error is an *i18n.Error whose Code is a
// Reason and whose Message is for the buyer (see Decline).
var ErrDeclined = errors.New("payment: declined")

// ErrUnknownOutcome is the sentinel of a call whose result is unknown
// (timeout, lost connection, provider error): the money may or may not have
// moved. Retry with the same key, never a new one.
var ErrUnknownOutcome = errors.New("payment: unknown outcome, retry with the same idempotency key")

// ErrKeyReused reports an idempotency key sent again with a different
// request. The provider processed nothing; it is a bug of the caller.
var ErrKeyReused = errors.New("payment: idempotency key reused with a different request")

// Gateway is what the library asks of the host's payment provider. An
// implementation must be safe for concurrent use and keep the promises of
// the package documentation (idempotency by key, amounts never changed,
// capture ≤ authorised, refund ≤ captured); paymenttest.Check tests them.
//
// Each method returns either a Result and a nil error (approved), an error
// wrapping ErrDeclined (see Decline), an error wrapping ErrUnknownOutcome, a
// *i18n.ValidationError, or ErrKeyReused.
type Gateway interface {
	// Authorize holds r.Amount on the buyer's payment method. Its Result
	// has Status Authorized.
	Authorize(ctx context.Context, r Request) (Result, error)
	// Capture takes r.Amount, at most the authorised amount, from the
	// authorisation r.Authorization, once. Its Result has Status Captured.
	Capture(ctx context.Context, r CaptureRequest) (Result, error)
	// Refund gives back r.Amount of the capture r.Capture; the refunds of a
	// capture add up to at most the captured amount. Its Result has Status
	// Refunded.
	Refund(ctx context.Context, r RefundRequest) (Result, error)
}

// Request asks for an authorisation.
type Request struct {
	// Key is the idempotency key: the same key twice moves money once.
	// Never the zero UUID.
	Key uuid.UUID `json:"key"`
	// Amount in Canadian cents, 1 to MaxAmount.
	Amount tax.Cents `json:"amount"`
	// Description is what the buyer's statement or the provider's
	// dashboard shows, 1 to MaxDescription characters.
	Description string `json:"description"`
	// Reference is the order's ID, 1 to MaxReference characters.
	Reference string `json:"reference"`
	// Method is the provider's token for the buyer's payment method, as the
	// host's payment form returned it (never a card number). Optional: a
	// provider may take it from elsewhere.
	Method string `json:"method,omitempty"`
}

// CaptureRequest asks to capture an authorisation.
type CaptureRequest struct {
	// Key is the idempotency key: never the zero UUID.
	Key uuid.UUID `json:"key"`
	// Authorization is the provider's transaction ID of the authorisation.
	Authorization string `json:"authorization"`
	// Amount in Canadian cents, 1 to MaxAmount and at most the authorised
	// amount.
	Amount tax.Cents `json:"amount"`
	// Description, 1 to MaxDescription characters.
	Description string `json:"description"`
	// Reference is the order's ID, as in the authorisation.
	Reference string `json:"reference"`
}

// RefundRequest asks to refund part or all of a capture.
type RefundRequest struct {
	// Key is the idempotency key: never the zero UUID. Each partial refund
	// has its own key.
	Key uuid.UUID `json:"key"`
	// Capture is the provider's transaction ID of the capture.
	Capture string `json:"capture"`
	// Amount in Canadian cents, 1 to MaxAmount; with the capture's earlier
	// refunds, at most the captured amount.
	Amount tax.Cents `json:"amount"`
	// Description (the reason of the refund), 1 to MaxDescription
	// characters.
	Description string `json:"description"`
	// Reference is the order's ID, as in the authorisation.
	Reference string `json:"reference"`
}

// Status is the state a Result reports.
type Status string

// The statuses of an approved call.
const (
	// Authorized: the amount is held, not taken.
	Authorized Status = "authorized"
	// Captured: the amount is taken.
	Captured Status = "captured"
	// Refunded: the amount is given back.
	Refunded Status = "refunded"
)

// Result is the provider's answer to an approved call.
type Result struct {
	// Transaction is the provider's ID of this authorisation, capture or
	// refund, never empty: Capture takes an authorisation's, Refund a
	// capture's.
	Transaction string `json:"transaction"`
	// Status is Authorized, Captured or Refunded.
	Status Status `json:"status"`
	// Amount is the amount asked, unchanged.
	Amount tax.Cents `json:"amount"`
}

// Reason is the stable code of a decline. An adapter maps its provider's
// decline codes to these; the provider's own code belongs in the host's logs.
type Reason string

// The reasons of a decline.
const (
	// ReasonDeclined is a decline with no more precise reason.
	ReasonDeclined Reason = "declined"
	// ReasonInsufficientFunds: not enough funds or credit.
	ReasonInsufficientFunds Reason = "declined.insufficient_funds"
	// ReasonExpiredMethod: the card or payment method has expired.
	ReasonExpiredMethod Reason = "declined.expired_method"
	// ReasonInvalidMethod: wrong number, security code or postal code.
	ReasonInvalidMethod Reason = "declined.invalid_method"
	// ReasonSecurity: the issuer or the provider suspects fraud.
	ReasonSecurity Reason = "declined.security"
	// ReasonOverLimit: a capture above the authorised amount, or a refund
	// above what remains of the capture.
	ReasonOverLimit Reason = "declined.over_limit"
	// ReasonAlreadyCaptured: a second capture of one authorisation.
	ReasonAlreadyCaptured Reason = "declined.already_captured"
	// ReasonNotFound: a transaction ID the provider does not know.
	ReasonNotFound Reason = "declined.not_found"
)

// Reasons returns every Reason. The slice is freshly allocated.
func Reasons() []Reason {
	return []Reason{ReasonDeclined, ReasonInsufficientFunds, ReasonExpiredMethod, ReasonInvalidMethod,
		ReasonSecurity, ReasonOverLimit, ReasonAlreadyCaptured, ReasonNotFound}
}

// Valid reports whether r is one of the Reasons.
func (r Reason) Valid() bool {
	return strings.HasPrefix(string(r), "declined") && messages.Has(string(r))
}

// Decline returns the error of a decline for reason: an *i18n.Error with
// Code reason and the buyer's message in French and English, wrapping
// ErrDeclined. An unknown reason becomes ReasonDeclined.
func Decline(reason Reason) *i18n.Error {
	if !reason.Valid() {
		reason = ReasonDeclined
	}
	return messages.Error(ErrDeclined, string(reason))
}

// DeclineReason returns the Reason of err when err is a decline, and false
// otherwise. A decline whose code is not a Reason reports ReasonDeclined.
func DeclineReason(err error) (Reason, bool) {
	if !errors.Is(err, ErrDeclined) {
		return "", false
	}
	var e *i18n.Error
	if errors.As(err, &e) && Reason(e.Code).Valid() {
		return Reason(e.Code), true
	}
	return ReasonDeclined, true
}
