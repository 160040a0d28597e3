package paymenttest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/payment/paymenttest"
	"github.com/babillard/babillard/i18n"
)

var ctx = context.Background()

func request(reference string) payment.Request {
	return payment.Request{Key: uuid.New(), Amount: 5000, Description: "5-pack", Reference: reference}
}

func TestCheckGateway(t *testing.T) {
	paymenttest.Check(t, paymenttest.NewGateway(), paymenttest.Methods)
}

func TestCheckValidatedGateway(t *testing.T) {
	paymenttest.Check(t, payment.Validated(paymenttest.NewGateway()), paymenttest.Methods)
}

// 20 goroutines with one key: one charge, one answer.
func TestConcurrentCallsWithOneKeyChargeOnce(t *testing.T) {
	g := paymenttest.NewGateway()
	r := request("order-1")
	results := make([]payment.Result, 20)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			var err error
			results[i], err = g.Authorize(ctx, r)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	for _, res := range results {
		assert.Equal(t, results[0], res)
	}
	assert.Equal(t, paymenttest.Held{Authorizations: 1, Authorized: 5000}, g.Held("order-1"))
	replayed := 0
	for _, c := range g.Calls() {
		if c.Replayed {
			replayed++
		}
	}
	assert.Len(t, g.Calls(), 20)
	assert.Equal(t, 19, replayed)
}

func TestTimeoutAfterRecordingRetryChargesOnce(t *testing.T) {
	g := paymenttest.NewGateway()
	g.Script(paymenttest.Step{Kind: paymenttest.TimeoutAfter})
	r := request("order-1")
	_, err := g.Authorize(ctx, r)
	require.ErrorIs(t, err, payment.ErrUnknownOutcome)
	assert.Equal(t, 1, g.Held("order-1").Authorizations, "the provider recorded the charge before the answer was lost")

	res, err := g.Authorize(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, payment.Result{Transaction: "authorize_000001", Status: payment.Authorized, Amount: 5000}, res)
	assert.Equal(t, paymenttest.Held{Authorizations: 1, Authorized: 5000}, g.Held("order-1"))
}

func TestTimeoutBeforeRecordingRetryChargesOnce(t *testing.T) {
	g := paymenttest.NewGateway()
	g.Script(paymenttest.Step{Kind: paymenttest.TimeoutBefore}, paymenttest.Step{Kind: paymenttest.TimeoutBefore})
	r := request("order-1")
	for range 2 {
		_, err := g.Authorize(ctx, r)
		require.ErrorIs(t, err, payment.ErrUnknownOutcome)
		assert.Equal(t, paymenttest.Held{}, g.Held("order-1"), "nothing reached the provider")
	}
	_, err := g.Authorize(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, 1, g.Held("order-1").Authorizations)
}

func TestTimeoutOnCaptureAndRefund(t *testing.T) {
	g := paymenttest.NewGateway()
	a, err := g.Authorize(ctx, request("order-1"))
	require.NoError(t, err)
	g.Script(paymenttest.Step{Kind: paymenttest.TimeoutAfter}, paymenttest.Step{}, paymenttest.Step{Kind: paymenttest.TimeoutAfter}, paymenttest.Step{})
	c := payment.CaptureRequest{Key: uuid.New(), Authorization: a.Transaction, Amount: 5000, Description: "5-pack", Reference: "order-1"}
	_, err = g.Capture(ctx, c)
	require.ErrorIs(t, err, payment.ErrUnknownOutcome)
	cr, err := g.Capture(ctx, c)
	require.NoError(t, err)
	rf := payment.RefundRequest{Key: uuid.New(), Capture: cr.Transaction, Amount: 2000, Description: "refund", Reference: "order-1"}
	_, err = g.Refund(ctx, rf)
	require.ErrorIs(t, err, payment.ErrUnknownOutcome)
	_, err = g.Refund(ctx, rf)
	require.NoError(t, err)
	assert.Equal(t, paymenttest.Held{Authorizations: 1, Authorized: 5000, Captured: 5000, Refunded: 2000}, g.Held("order-1"))
}

func TestScriptedDeclineIsTheFirstAnswer(t *testing.T) {
	g := paymenttest.NewGateway()
	g.Script(paymenttest.Step{Kind: paymenttest.Decline, Reason: payment.ReasonExpiredMethod})
	r := request("order-1")
	for range 2 { // the retry gets the first answer, the decline
		_, err := g.Authorize(ctx, r)
		require.ErrorIs(t, err, payment.ErrDeclined)
		reason, _ := payment.DeclineReason(err)
		assert.Equal(t, payment.ReasonExpiredMethod, reason)
		var e *i18n.Error
		require.ErrorAs(t, err, &e)
		assert.Contains(t, e.Message.FR, "expiré")
	}
	assert.Equal(t, paymenttest.Held{}, g.Held("order-1"))

	_, err := g.Authorize(ctx, request("order-1")) // a new attempt, a new key
	require.NoError(t, err)

	g.Script(paymenttest.Step{Kind: paymenttest.Decline})
	_, err = g.Authorize(ctx, request("order-2"))
	reason, ok := payment.DeclineReason(err)
	assert.True(t, ok)
	assert.Equal(t, payment.ReasonDeclined, reason, "a Decline step without a reason")
}

func TestFailRateIsSeededAndNeverChargesTwice(t *testing.T) {
	run := func(seed uint64) (failures int, kinds []paymenttest.Kind) {
		g := paymenttest.NewGateway()
		g.FailRate(0.2, seed)
		for i := range 500 {
			ref := fmt.Sprintf("order-%d", i)
			r := request(ref)
			for {
				_, err := g.Authorize(ctx, r)
				if err == nil {
					break
				}
				require.ErrorIs(t, err, payment.ErrUnknownOutcome)
				failures++
			}
			require.Equal(t, paymenttest.Held{Authorizations: 1, Authorized: 5000}, g.Held(ref))
		}
		for _, c := range g.Calls() {
			kinds = append(kinds, c.Step.Kind)
		}
		return failures, kinds
	}
	f1, k1 := run(7)
	f2, k2 := run(7)
	assert.Equal(t, f1, f2)
	assert.Equal(t, k1, k2, "the same seed, the same failures")
	// 20 % of about 625 calls: 125 expected.
	assert.InDelta(t, 125, f1, 40)
	assert.Contains(t, k1, paymenttest.TimeoutBefore)
	assert.Contains(t, k1, paymenttest.TimeoutAfter)
	_, k3 := run(8)
	assert.NotEqual(t, k1, k3)
}

func TestInvalidRequestMovesNoMoney(t *testing.T) {
	g := paymenttest.NewGateway()
	_, err := g.Authorize(ctx, payment.Request{Reference: "order-1", Amount: -1})
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("amount", "amount.not_positive"))
	assert.Equal(t, paymenttest.Held{}, g.Held("order-1"))
	calls := g.Calls()
	require.Len(t, calls, 1)
	assert.Equal(t, err, calls[0].Err)
}

func TestKeyReusedAcrossOperations(t *testing.T) {
	g := paymenttest.NewGateway()
	r := request("order-1")
	a, err := g.Authorize(ctx, r)
	require.NoError(t, err)
	_, err = g.Capture(ctx, payment.CaptureRequest{Key: r.Key, Authorization: a.Transaction, Amount: 5000, Description: "x", Reference: "order-1"})
	require.ErrorIs(t, err, payment.ErrKeyReused)
	assert.Equal(t, int64(0), int64(g.Held("order-1").Captured))
}

func TestCaptureAndRefundNeedTheirOwnReference(t *testing.T) {
	g := paymenttest.NewGateway()
	a, err := g.Authorize(ctx, request("order-1"))
	require.NoError(t, err)
	_, err = g.Capture(ctx, payment.CaptureRequest{Key: uuid.New(), Authorization: a.Transaction, Amount: 1, Description: "x", Reference: "order-2"})
	reason, _ := payment.DeclineReason(err)
	assert.Equal(t, payment.ReasonNotFound, reason)
	_, err = g.Refund(ctx, payment.RefundRequest{Key: uuid.New(), Capture: a.Transaction, Amount: 1, Description: "x", Reference: "order-1"})
	reason, _ = payment.DeclineReason(err)
	assert.Equal(t, payment.ReasonNotFound, reason, "a refund names a capture, not an authorisation")
}

func TestCancelledContextIsAnUnknownOutcome(t *testing.T) {
	g := paymenttest.NewGateway()
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := g.Authorize(c, request("order-1"))
	require.ErrorIs(t, err, payment.ErrUnknownOutcome)
	require.True(t, errors.Is(err, context.Canceled))
	assert.Equal(t, paymenttest.Held{}, g.Held("order-1"))
}

func TestDeclineMethod(t *testing.T) {
	g := paymenttest.NewGateway()
	r := request("order-1")
	r.Method = paymenttest.DeclineMethod
	_, err := g.Authorize(ctx, r)
	reason, ok := payment.DeclineReason(err)
	assert.True(t, ok)
	assert.Equal(t, payment.ReasonInsufficientFunds, reason)
	r = request("order-1")
	r.Method = paymenttest.ApproveMethod
	_, err = g.Authorize(ctx, r)
	require.NoError(t, err)
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "approve", paymenttest.Approve.String())
	assert.Equal(t, "decline", paymenttest.Decline.String())
	assert.Equal(t, "timeout_before", paymenttest.TimeoutBefore.String())
	assert.Equal(t, "timeout_after", paymenttest.TimeoutAfter.String())
	assert.Equal(t, "Kind(9)", paymenttest.Kind(9).String())
}
