// Package paymenttest provides an in-memory payment.Gateway for tests, and
// Check, the conformance test a host's adapter runs against its provider's
// sandbox, as net/http/httptest and testing/fstest do for their packages.
package paymenttest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/tax"
)

// Payment-method tokens the Gateway understands, like a sandbox's test
// cards. Any other Method, or none, is approved (unless a Step says
// otherwise).
const (
	// ApproveMethod is always approved.
	ApproveMethod = "test_approve"
	// DeclineMethod is always declined with
	// payment.ReasonInsufficientFunds.
	DeclineMethod = "test_decline"
)

// Methods are the tokens Check passes to the Gateway: ApproveMethod and
// DeclineMethod.
var Methods = Sandbox{Approve: ApproveMethod, Decline: DeclineMethod}

// Step scripts what one call does. The zero Step approves.
type Step struct {
	// Kind is what happens.
	Kind Kind `json:"kind"`
	// Reason is the decline's reason when Kind is Decline
	// (payment.ReasonDeclined when empty).
	Reason payment.Reason `json:"reason,omitempty"`
}

// Kind is the outcome a Step scripts.
type Kind int

// The kinds of Step.
const (
	// Approve lets the call through: a new request is processed (approved,
	// or declined when the provider's rules say so, like a capture above
	// the authorised amount); a known key gets its first answer.
	Approve Kind = iota
	// Decline declines a new authorisation with the Step's Reason; a known
	// key gets its first answer.
	Decline
	// TimeoutBefore loses the request on its way: nothing is recorded and
	// the call returns payment.ErrUnknownOutcome.
	TimeoutBefore
	// TimeoutAfter processes the request as Approve does, records its
	// answer under the key, then loses the answer on its way back: the
	// call returns payment.ErrUnknownOutcome although money moved. A retry
	// with the same key gets the recorded answer.
	TimeoutAfter
)

// String returns the kind's name: "approve", "decline", "timeout_before"
// or "timeout_after".
func (k Kind) String() string {
	switch k {
	case Approve:
		return "approve"
	case Decline:
		return "decline"
	case TimeoutBefore:
		return "timeout_before"
	case TimeoutAfter:
		return "timeout_after"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Op names a Gateway method.
type Op string

// The three operations.
const (
	OpAuthorize Op = "authorize"
	OpCapture   Op = "capture"
	OpRefund    Op = "refund"
)

// Call is one call the Gateway received, in order.
type Call struct {
	// Op is the method called.
	Op Op `json:"op"`
	// Key is the request's idempotency key.
	Key uuid.UUID `json:"key"`
	// Reference is the request's reference.
	Reference string `json:"reference"`
	// Amount is the request's amount.
	Amount tax.Cents `json:"amount"`
	// Step is what the call was scripted to do: the zero Step for a call
	// refused before any step (invalid request, cancelled context).
	Step Step `json:"step"`
	// Replayed is true when the key was known: the call got the first
	// answer and moved no money.
	Replayed bool `json:"replayed"`
	// Result and Err are what the caller got.
	Result payment.Result `json:"result"`
	Err    error          `json:"-"`
}

// Held is the money a Gateway holds for one reference.
type Held struct {
	// Authorizations counts the approved authorisations: "charged once"
	// is Authorizations == 1.
	Authorizations int `json:"authorizations"`
	// Authorized is the sum of the approved authorisations.
	Authorized tax.Cents `json:"authorized"`
	// Captured is the sum of the approved captures.
	Captured tax.Cents `json:"captured"`
	// Refunded is the sum of the approved refunds.
	Refunded tax.Cents `json:"refunded"`
}

// Gateway is an in-memory payment.Gateway that keeps the promises of
// package payment (idempotency by key, capture ≤ authorised, refund ≤
// captured) and can be scripted to decline, time out before or after
// recording, or fail a fraction of calls. It validates requests as a
// provider would, records every call and the money it holds per reference.
// It is safe for concurrent use; calls are processed one at a time.
type Gateway struct {
	mu       sync.Mutex
	script   []Step
	failRate float64
	rng      *rand.Rand
	answers  map[uuid.UUID]answer
	txns     map[string]*txn
	held     map[string]*Held
	calls    []Call
	seq      int
}

// answer is the first answer to a key and the request it answered.
type answer struct {
	request any
	result  payment.Result
	err     error
}

// txn is one approved transaction.
type txn struct {
	op        Op
	reference string
	amount    tax.Cents
	captured  bool      // an authorisation that was captured
	refunded  tax.Cents // a capture's refunds so far
}

// NewGateway returns a Gateway that approves every valid call.
func NewGateway() *Gateway {
	return &Gateway{
		answers: map[uuid.UUID]answer{},
		txns:    map[string]*txn{},
		held:    map[string]*Held{},
	}
}

// Script queues steps for the next calls, one step per call, in order;
// once they are used up, calls follow FailRate, then approve. A call
// refused as invalid or with a cancelled context takes no step.
func (g *Gateway) Script(steps ...Step) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.script = append(g.script, steps...)
}

// FailRate makes an unscripted call time out with probability fraction
// (0 to 1), drawn from a random source seeded with seed so that a test run
// repeats; a failing call times out before or after recording, each with
// probability ½ from the same source.
func (g *Gateway) FailRate(fraction float64, seed uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.failRate = fraction
	g.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Calls returns a copy of every call received, in order.
func (g *Gateway) Calls() []Call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]Call(nil), g.calls...)
}

// Held returns the money held for reference.
func (g *Gateway) Held(reference string) Held {
	g.mu.Lock()
	defer g.mu.Unlock()
	if h := g.held[reference]; h != nil {
		return *h
	}
	return Held{}
}

// Authorize implements payment.Gateway.
func (g *Gateway) Authorize(ctx context.Context, r payment.Request) (payment.Result, error) {
	return g.call(ctx, OpAuthorize, r.Key, r.Reference, r.Amount, r, r.Validate, func(s Step) (payment.Result, error) {
		if s.Kind == Decline {
			return payment.Result{}, payment.Decline(s.Reason)
		}
		if r.Method == DeclineMethod {
			return payment.Result{}, payment.Decline(payment.ReasonInsufficientFunds)
		}
		g.held[r.Reference].Authorizations++
		g.held[r.Reference].Authorized += r.Amount
		return g.record(OpAuthorize, r.Reference, r.Amount, payment.Authorized), nil
	})
}

// Capture implements payment.Gateway.
func (g *Gateway) Capture(ctx context.Context, r payment.CaptureRequest) (payment.Result, error) {
	return g.call(ctx, OpCapture, r.Key, r.Reference, r.Amount, r, r.Validate, func(s Step) (payment.Result, error) {
		a := g.txns[r.Authorization]
		switch {
		case s.Kind == Decline:
			return payment.Result{}, payment.Decline(s.Reason)
		case a == nil || a.op != OpAuthorize || a.reference != r.Reference:
			return payment.Result{}, payment.Decline(payment.ReasonNotFound)
		case a.captured:
			return payment.Result{}, payment.Decline(payment.ReasonAlreadyCaptured)
		case r.Amount > a.amount:
			return payment.Result{}, payment.Decline(payment.ReasonOverLimit)
		}
		a.captured = true
		g.held[r.Reference].Captured += r.Amount
		return g.record(OpCapture, r.Reference, r.Amount, payment.Captured), nil
	})
}

// Refund implements payment.Gateway.
func (g *Gateway) Refund(ctx context.Context, r payment.RefundRequest) (payment.Result, error) {
	return g.call(ctx, OpRefund, r.Key, r.Reference, r.Amount, r, r.Validate, func(s Step) (payment.Result, error) {
		c := g.txns[r.Capture]
		switch {
		case s.Kind == Decline:
			return payment.Result{}, payment.Decline(s.Reason)
		case c == nil || c.op != OpCapture || c.reference != r.Reference:
			return payment.Result{}, payment.Decline(payment.ReasonNotFound)
		case r.Amount > c.amount-c.refunded:
			return payment.Result{}, payment.Decline(payment.ReasonOverLimit)
		}
		c.refunded += r.Amount
		g.held[r.Reference].Refunded += r.Amount
		return g.record(OpRefund, r.Reference, r.Amount, payment.Refunded), nil
	})
}

// record stores an approved transaction and returns its Result. g.mu is held.
func (g *Gateway) record(op Op, reference string, amount tax.Cents, status payment.Status) payment.Result {
	g.seq++
	id := fmt.Sprintf("%s_%06d", op, g.seq)
	g.txns[id] = &txn{op: op, reference: reference, amount: amount}
	return payment.Result{Transaction: id, Status: status, Amount: amount}
}

// next returns the step of the next call. g.mu is held.
func (g *Gateway) next() Step {
	if len(g.script) > 0 {
		s := g.script[0]
		g.script = g.script[1:]
		return s
	}
	if g.rng != nil && g.failRate > 0 && g.rng.Float64() < g.failRate {
		if g.rng.IntN(2) == 0 {
			return Step{Kind: TimeoutBefore}
		}
		return Step{Kind: TimeoutAfter}
	}
	return Step{}
}

// call runs one call: validation, the step, idempotency by key, recording.
func (g *Gateway) call(ctx context.Context, op Op, key uuid.UUID, reference string, amount tax.Cents,
	request any, validate func() error, process func(Step) (payment.Result, error)) (res payment.Result, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := Call{Op: op, Key: key, Reference: reference, Amount: amount}
	defer func() {
		c.Result, c.Err = res, err
		g.calls = append(g.calls, c)
	}()
	if err := ctx.Err(); err != nil {
		// Not sent: a caller's cancelled context is an unknown outcome too.
		return payment.Result{}, fmt.Errorf("%w: %w", payment.ErrUnknownOutcome, err)
	}
	if err := validate(); err != nil {
		return payment.Result{}, err
	}
	c.Step = g.next()
	if c.Step.Kind == TimeoutBefore {
		return payment.Result{}, fmt.Errorf("%w: paymenttest: request lost before the provider", payment.ErrUnknownOutcome)
	}
	if a, ok := g.answers[key]; ok {
		c.Replayed = true
		if a.request != request {
			return payment.Result{}, payment.ErrKeyReused
		}
		res, err = a.result, a.err
	} else {
		if g.held[reference] == nil {
			g.held[reference] = &Held{}
		}
		res, err = process(c.Step)
		g.answers[key] = answer{request: request, result: res, err: err}
	}
	if c.Step.Kind == TimeoutAfter {
		return payment.Result{}, fmt.Errorf("%w: paymenttest: answer lost after the provider", payment.ErrUnknownOutcome)
	}
	return res, err
}
