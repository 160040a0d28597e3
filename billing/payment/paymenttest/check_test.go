package paymenttest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/payment/paymenttest"
)

// forgetful ignores idempotency keys: every call is a new request.
type forgetful struct{ *paymenttest.Gateway }

func (f forgetful) Authorize(ctx context.Context, r payment.Request) (payment.Result, error) {
	r.Key = uuid.New()
	return f.Gateway.Authorize(ctx, r)
}

// plainDecline declines with a bare error: no reason, no bilingual text.
type plainDecline struct{ *paymenttest.Gateway }

func (p plainDecline) Authorize(ctx context.Context, r payment.Request) (payment.Result, error) {
	if r.Method == paymenttest.DeclineMethod {
		return payment.Result{}, fmt.Errorf("card declined: %w", payment.ErrDeclined)
	}
	return p.Gateway.Authorize(ctx, r)
}

// lenient approves what the provider declines on Capture and Refund: an
// over-capture, a second capture, an unknown transaction, an over-refund.
type lenient struct{ *paymenttest.Gateway }

func (l lenient) Capture(ctx context.Context, r payment.CaptureRequest) (payment.Result, error) {
	res, err := l.Gateway.Capture(ctx, r)
	if err != nil {
		return payment.Result{Transaction: "lenient-" + r.Key.String(), Status: payment.Captured, Amount: r.Amount}, nil
	}
	return res, nil
}

func (l lenient) Refund(ctx context.Context, r payment.RefundRequest) (payment.Result, error) {
	res, err := l.Gateway.Refund(ctx, r)
	if err != nil {
		return payment.Result{Transaction: "lenient-" + r.Key.String(), Status: payment.Refunded, Amount: r.Amount}, nil
	}
	return res, nil
}

// rounding changes the amount asked: it authorises whole dollars.
type rounding struct{ *paymenttest.Gateway }

func (r rounding) Authorize(ctx context.Context, req payment.Request) (payment.Result, error) {
	req.Amount = (req.Amount + 99) / 100 * 100
	return r.Gateway.Authorize(ctx, req)
}

// lenientRefund approves only refunds the provider declines.
type lenientRefund struct{ *paymenttest.Gateway }

func (l lenientRefund) Refund(ctx context.Context, r payment.RefundRequest) (payment.Result, error) {
	return lenient(l).Refund(ctx, r)
}

// ghostRefund approves a refund of a capture the provider does not know.
type ghostRefund struct{ *paymenttest.Gateway }

func (g ghostRefund) Refund(ctx context.Context, r payment.RefundRequest) (payment.Result, error) {
	res, err := g.Gateway.Refund(ctx, r)
	if reason, ok := payment.DeclineReason(err); ok && reason == payment.ReasonNotFound {
		return payment.Result{Transaction: "ghost-" + r.Key.String(), Status: payment.Refunded, Amount: r.Amount}, nil
	}
	return res, err
}

// recapture approves a second capture of one authorisation.
type recapture struct{ *paymenttest.Gateway }

func (g recapture) Capture(ctx context.Context, r payment.CaptureRequest) (payment.Result, error) {
	res, err := g.Gateway.Capture(ctx, r)
	if reason, ok := payment.DeclineReason(err); ok && reason == payment.ReasonAlreadyCaptured {
		return payment.Result{Transaction: "again-" + r.Key.String(), Status: payment.Captured, Amount: r.Amount}, nil
	}
	return res, err
}

// TestCheckRejectsBrokenGateways runs Check against broken gateways in a
// child process (a failing Check fails its test) and expects it to fail
// for the right reason.
func TestCheckRejectsBrokenGateways(t *testing.T) {
	if broken := os.Getenv("PAYMENTTEST_BROKEN"); broken != "" {
		switch broken {
		case "keys":
			paymenttest.Check(t, forgetful{paymenttest.NewGateway()}, paymenttest.Methods)
		case "decline":
			paymenttest.Check(t, plainDecline{paymenttest.NewGateway()}, paymenttest.Methods)
		case "limits":
			paymenttest.Check(t, lenient{paymenttest.NewGateway()}, paymenttest.Methods)
		case "refunds":
			paymenttest.Check(t, lenientRefund{paymenttest.NewGateway()}, paymenttest.Methods)
		case "ghost":
			paymenttest.Check(t, ghostRefund{paymenttest.NewGateway()}, paymenttest.Methods)
		case "recapture":
			paymenttest.Check(t, recapture{paymenttest.NewGateway()}, paymenttest.Methods)
		case "amount":
			paymenttest.Check(t, rounding{paymenttest.NewGateway()}, paymenttest.Methods)
		}
		return
	}
	for broken, want := range map[string]string{
		"keys":      "want the first answer",
		"decline":   "is not an *i18n.Error",
		"limits":    "a capture above the authorised amount",
		"refunds":   "a refund above the captured amount",
		"amount":    "want a transaction ID, status",
		"ghost":     "a refund of an unknown capture",
		"recapture": "concurrent captures of one authorisation approved, want 1",
	} {
		t.Run(broken, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCheckRejectsBrokenGateways$", "-test.count=1")
			cmd.Env = append(os.Environ(), "PAYMENTTEST_BROKEN="+broken)
			out, err := cmd.CombinedOutput()
			require.Error(t, err, "Check passed a broken gateway:\n%s", out)
			assert.Contains(t, string(out), want)
		})
	}
}
