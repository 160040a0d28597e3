// Package payment is the port between the library and the host's payment
// provider (Stripe, Moneris, a bank's API…), in the manner of
// database/sql/driver: the library declares what it asks of a provider
// (Gateway) and the host writes the adapter. Package paymenttest holds an
// in-memory Gateway for tests and Check, the conformance test every adapter
// runs against its provider's sandbox. The rules are docs/RULES.md B-25 to
// B-28.
//
// # Calls
//
// A payment is two steps: Authorize holds an amount on the buyer's payment
// method, Capture takes all or part of it, once; Refund gives back all or
// part of a capture, in one or several refunds. Amounts are Canadian dollars
// in integer cents (tax.Cents). Every call carries an idempotency key, a
// description and a reference (the order's ID); every answer carries the
// provider's transaction ID, a status and the amount.
//
// # Three outcomes
//
// A call ends in exactly one of three ways, and the library tells them apart
// as follows:
//
//   - approved: a nil error and a Result;
//   - declined: a definite "no", an *i18n.Error wrapping ErrDeclined whose
//     Code is one of the Reason codes and whose Message tells the buyer why,
//     in French and English (Decline builds it). Nothing was charged. A new
//     attempt (another card) is a new request with a new key;
//   - unknown outcome: an error wrapping ErrUnknownOutcome (a timeout, a lost
//     connection, a provider's 5xx). The money may or may not have moved.
//     The caller must retry with the SAME key, never a new one, until it
//     gets a definite answer. The library treats every error that is neither
//     a decline nor invalid input (i18n.ErrInvalid) nor ErrKeyReused as an
//     unknown outcome.
//
// # What the library relies on
//
// An adapter must keep these promises; paymenttest.Check tests them.
//
//   - Idempotency by key: the same key sent twice, even concurrently, moves
//     money once, and the second call gets the first call's answer (the same
//     transaction ID, or the same decline). A key sent again with a different
//     request is refused with ErrKeyReused, never processed.
//   - Amounts are never changed: an approved result's Amount is the amount
//     asked; a provider that cannot take the exact amount declines.
//   - Capture ≤ authorised: one capture per authorisation, of at most the
//     authorised amount; the rest is released. More is declined
//     (ReasonOverLimit), a second capture is declined (ReasonAlreadyCaptured).
//   - Refund ≤ captured: partial refunds of one capture add up, and their
//     sum never exceeds the captured amount; the refund that would exceed it
//     is declined (ReasonOverLimit).
//   - A transaction ID unknown to the provider is declined (ReasonNotFound).
//
// # Input checks
//
// Request.Validate, CaptureRequest.Validate and RefundRequest.Validate list
// every faulty field in one *i18n.ValidationError: an amount of zero or less
// or above MaxAmount, the zero key, a missing or too long description,
// reference or transaction ID, a too long method token, and a text that is
// not valid UTF-8 or holds control characters. Validated wraps a Gateway so that an invalid
// request is refused before anything is sent.
package payment
