package paymenttest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/i18n"
)

// Sandbox names the payment-method tokens of a provider's sandbox that Check
// uses, like Stripe's test cards.
type Sandbox struct {
	// Approve is a method the sandbox always approves.
	Approve string `json:"approve"`
	// Decline is a method the sandbox always declines.
	Decline string `json:"decline"`
}

// Check runs the promises of package payment against g, each as a subtest:
// an adapter runs it against its provider's sandbox (with the sandbox's test
// methods), the library runs it against Gateway (with Methods). It uses new
// random keys and references ("paymenttest-…") on each run and moves small
// amounts (under 100 $), so it can run again on the same sandbox.
//
// It checks: an approved authorisation, capture and refund carry a
// transaction ID, their status and the exact amount asked; the same key
// sent again, in turn or by 10 goroutines at once, gets the first answer
// (one transaction ID); a key sent again with another request is refused
// with payment.ErrKeyReused; a capture above the authorised amount, a
// second capture and a capture of an unknown transaction are declined;
// partial refunds add up to the captured amount, a retried refund is not
// counted twice, one cent more is declined, and so is a refund of an
// unknown capture; 10 captures of one authorisation at once approve one,
// and concurrent refunds never exceed the capture; a decline wraps
// payment.ErrDeclined as an *i18n.Error with a Reason code and a French and
// an English message, and its retry gets the same decline.
func Check(t *testing.T, g payment.Gateway, s Sandbox) {
	t.Helper()
	ctx := context.Background()
	ref := func() string { return "paymenttest-" + uuid.NewString() }
	authorize := func(t *testing.T, reference string, amount tax.Cents) payment.Result {
		t.Helper()
		r := payment.Request{Key: uuid.New(), Amount: amount, Description: "paymenttest authorisation",
			Reference: reference, Method: s.Approve}
		res, err := g.Authorize(ctx, r)
		if err != nil {
			t.Fatalf("Authorize(%+v): %v", r, err)
		}
		expect(t, res, payment.Authorized, amount)
		return res
	}

	t.Run("authorize-capture-refund", func(t *testing.T) {
		reference := ref()
		a := authorize(t, reference, 1234)
		c, err := g.Capture(ctx, payment.CaptureRequest{Key: uuid.New(), Authorization: a.Transaction,
			Amount: 1000, Description: "paymenttest capture", Reference: reference})
		if err != nil {
			t.Fatalf("Capture of 10.00 out of 12.34 authorised: %v", err)
		}
		expect(t, c, payment.Captured, 1000)
		r, err := g.Refund(ctx, payment.RefundRequest{Key: uuid.New(), Capture: c.Transaction,
			Amount: 1000, Description: "paymenttest refund", Reference: reference})
		if err != nil {
			t.Fatalf("Refund of the whole capture: %v", err)
		}
		expect(t, r, payment.Refunded, 1000)
		if ids := []string{a.Transaction, c.Transaction, r.Transaction}; ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
			t.Errorf("transaction IDs are not distinct: %q", ids)
		}
	})

	t.Run("same-key-same-answer", func(t *testing.T) {
		r := payment.Request{Key: uuid.New(), Amount: 500, Description: "paymenttest retry",
			Reference: ref(), Method: s.Approve}
		first, err := g.Authorize(ctx, r)
		if err != nil {
			t.Fatalf("Authorize: %v", err)
		}
		again, err := g.Authorize(ctx, r)
		if err != nil || again != first {
			t.Fatalf("the same key again = %+v, %v; want the first answer %+v", again, err, first)
		}
		c := payment.CaptureRequest{Key: uuid.New(), Authorization: first.Transaction, Amount: 500,
			Description: "paymenttest retry", Reference: r.Reference}
		cap1, err := g.Capture(ctx, c)
		if err != nil {
			t.Fatalf("Capture: %v", err)
		}
		if cap2, err := g.Capture(ctx, c); err != nil || cap2 != cap1 {
			t.Fatalf("the same capture key again = %+v, %v; want the first answer %+v", cap2, err, cap1)
		}
	})

	t.Run("same-key-concurrent", func(t *testing.T) {
		r := payment.Request{Key: uuid.New(), Amount: 700, Description: "paymenttest concurrent",
			Reference: ref(), Method: s.Approve}
		const n = 10
		results := make([]payment.Result, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { results[i], errs[i] = g.Authorize(ctx, r) })
		}
		wg.Wait()
		var first payment.Result
		for i := range n {
			if errs[i] != nil {
				// A provider may refuse a call while the first one with
				// its key is in flight, as an unknown outcome: retried.
				if !errors.Is(errs[i], payment.ErrUnknownOutcome) {
					t.Fatalf("call %d: %v", i, errs[i])
				}
				if results[i], errs[i] = g.Authorize(ctx, r); errs[i] != nil {
					t.Fatalf("call %d retried: %v", i, errs[i])
				}
			}
			if first.Transaction == "" {
				first = results[i]
			}
			if results[i] != first {
				t.Fatalf("call %d = %+v, call 0 = %+v: one key, two answers", i, results[i], first)
			}
		}
	})

	t.Run("key-reused", func(t *testing.T) {
		r := payment.Request{Key: uuid.New(), Amount: 300, Description: "paymenttest reuse",
			Reference: ref(), Method: s.Approve}
		if _, err := g.Authorize(ctx, r); err != nil {
			t.Fatalf("Authorize: %v", err)
		}
		r.Amount = 301
		if res, err := g.Authorize(ctx, r); !errors.Is(err, payment.ErrKeyReused) {
			t.Fatalf("the same key with another amount = %+v, %v; want ErrKeyReused", res, err)
		}
	})

	t.Run("capture-limits", func(t *testing.T) {
		reference := ref()
		a := authorize(t, reference, 1000)
		c := payment.CaptureRequest{Authorization: a.Transaction, Description: "paymenttest capture limit", Reference: reference}
		c.Key, c.Amount = uuid.New(), 1001
		expectDecline(t, "a capture above the authorised amount", payment.ReasonOverLimit)(g.Capture(ctx, c))
		c.Key, c.Amount = uuid.New(), 1000
		if _, err := g.Capture(ctx, c); err != nil {
			t.Fatalf("Capture of the authorised amount: %v", err)
		}
		c.Key, c.Amount = uuid.New(), 1
		expectDecline(t, "a second capture", payment.ReasonAlreadyCaptured)(g.Capture(ctx, c))
		c.Key, c.Authorization = uuid.New(), "paymenttest-unknown-"+uuid.NewString()
		expectDecline(t, "a capture of an unknown authorisation", payment.ReasonNotFound)(g.Capture(ctx, c))
	})

	t.Run("partial-refunds", func(t *testing.T) {
		reference := ref()
		a := authorize(t, reference, 1000)
		c, err := g.Capture(ctx, payment.CaptureRequest{Key: uuid.New(), Authorization: a.Transaction,
			Amount: 1000, Description: "paymenttest refunds", Reference: reference})
		if err != nil {
			t.Fatalf("Capture: %v", err)
		}
		r := payment.RefundRequest{Capture: c.Transaction, Description: "paymenttest partial refund", Reference: reference}
		r.Key, r.Amount = uuid.New(), 400
		first, err := g.Refund(ctx, r)
		if err != nil {
			t.Fatalf("Refund 4.00 of 10.00: %v", err)
		}
		expect(t, first, payment.Refunded, 400)
		if again, err := g.Refund(ctx, r); err != nil || again != first {
			t.Fatalf("the same refund key again = %+v, %v; want %+v", again, err, first)
		}
		r.Key, r.Amount = uuid.New(), 600 // fails if the retry counted twice
		if _, err := g.Refund(ctx, r); err != nil {
			t.Fatalf("Refund of the remaining 6.00 after a retried 4.00: %v", err)
		}
		r.Key, r.Amount = uuid.New(), 1
		expectDecline(t, "a refund above the captured amount", payment.ReasonOverLimit)(g.Refund(ctx, r))
		r.Key, r.Capture = uuid.New(), "paymenttest-unknown-"+uuid.NewString()
		expectDecline(t, "a refund of an unknown capture", payment.ReasonNotFound)(g.Refund(ctx, r))
	})

	t.Run("concurrent-limits", func(t *testing.T) {
		// 10 captures of one authorisation with 10 keys at once: one is
		// approved. Then 10 refunds of 3.00 out of 10.00 at once: at most
		// three are approved.
		reference := ref()
		a := authorize(t, reference, 1000)
		const n = 10
		captured := make([]payment.Result, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				captured[i], errs[i] = g.Capture(ctx, payment.CaptureRequest{Key: uuid.New(), Authorization: a.Transaction,
					Amount: 1000, Description: "paymenttest concurrent capture", Reference: reference})
			})
		}
		wg.Wait()
		var c payment.Result
		approved, unknown := 0, 0
		for i := range n {
			switch {
			case errs[i] == nil:
				approved++
				c = captured[i]
			case errors.Is(errs[i], payment.ErrUnknownOutcome):
				// A provider may time out under contention.
				unknown++
			case !errors.Is(errs[i], payment.ErrDeclined):
				t.Fatalf("concurrent capture %d: %v", i, errs[i])
			}
		}
		if approved > 1 || approved == 0 && unknown == 0 {
			t.Fatalf("%d of %d concurrent captures of one authorisation approved, want 1", approved, n)
		}
		if approved == 0 {
			return
		}
		var refunded tax.Cents
		var mu sync.Mutex
		for range n {
			wg.Go(func() {
				res, err := g.Refund(ctx, payment.RefundRequest{Key: uuid.New(), Capture: c.Transaction, Amount: 300,
					Description: "paymenttest concurrent refund", Reference: reference})
				if err == nil {
					mu.Lock()
					refunded += res.Amount
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if refunded > c.Amount {
			t.Fatalf("concurrent refunds approved %d cents of a %d-cent capture", refunded, c.Amount)
		}
	})

	t.Run("decline", func(t *testing.T) {
		r := payment.Request{Key: uuid.New(), Amount: 900, Description: "paymenttest decline",
			Reference: ref(), Method: s.Decline}
		_, err := g.Authorize(ctx, r)
		expectDecline(t, "the sandbox's declined method", "")(payment.Result{}, err)
		_, again := g.Authorize(ctx, r)
		var e1, e2 *i18n.Error
		if !errors.As(again, &e2) || !errors.As(err, &e1) || e1.Code != e2.Code {
			t.Fatalf("the same key after a decline = %v; want the first decline %v", again, err)
		}
	})
}

// expect checks an approved result.
func expect(t *testing.T, res payment.Result, status payment.Status, amount tax.Cents) {
	t.Helper()
	if res.Transaction == "" || res.Status != status || res.Amount != amount {
		t.Fatalf("result = %+v; want a transaction ID, status %q, amount %d", res, status, amount)
	}
}

// expectDecline checks that a call was declined, with reason unless it is
// empty, as an *i18n.Error with both texts.
func expectDecline(t *testing.T, what string, reason payment.Reason) func(payment.Result, error) {
	t.Helper()
	return func(res payment.Result, err error) {
		t.Helper()
		var e *i18n.Error
		switch {
		case !errors.Is(err, payment.ErrDeclined):
			t.Fatalf("%s = %+v, %v; want payment.ErrDeclined", what, res, err)
		case !errors.As(err, &e):
			t.Fatalf("%s: the decline %v is not an *i18n.Error", what, err)
		case !payment.Reason(e.Code).Valid():
			t.Fatalf("%s: decline code %q is not a payment.Reason", what, e.Code)
		case reason != "" && payment.Reason(e.Code) != reason:
			t.Fatalf("%s: decline code %q, want %q", what, e.Code, reason)
		case strings.TrimSpace(e.Message.FR) == "" || strings.TrimSpace(e.Message.EN) == "":
			t.Fatalf("%s: decline %q lacks a French or English message", what, e.Code)
		}
	}
}
