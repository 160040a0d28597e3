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
		}
		return
	}
	for broken, want := range map[string]string{
		"keys":    "want the first answer",
		"decline": "is not an *i18n.Error",
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
