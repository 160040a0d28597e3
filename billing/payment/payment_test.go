package payment_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/i18n"
)

func validRequest() payment.Request {
	return payment.Request{Key: uuid.New(), Amount: 1234, Description: "Forfait de 5 affichages", Reference: "order-1"}
}

// validation returns err as a *i18n.ValidationError, failing otherwise.
func validation(t *testing.T, err error) *i18n.ValidationError {
	t.Helper()
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, i18n.ErrInvalid)
	for _, f := range ve.Fields {
		assert.True(t, payment.MessagesHas(f.Code), "code %q not in the catalog", f.Code)
		assert.NotEmpty(t, f.Message.FR)
		assert.NotEmpty(t, f.Message.EN)
		assert.NotContains(t, f.Message.EN, "Unknown error")
	}
	return ve
}

func TestRequestValidateEveryFaultAtOnce(t *testing.T) {
	require.NoError(t, validRequest().Validate())

	ve := validation(t, payment.Request{}.Validate())
	assert.Equal(t, []string{"key:key.required", "amount:amount.not_positive", "description:required", "reference:required"}, ve.Codes())

	ve = validation(t, payment.CaptureRequest{Amount: -1}.Validate())
	assert.Equal(t, []string{"key:key.required", "authorization:required", "amount:amount.not_positive", "description:required", "reference:required"}, ve.Codes())

	ve = validation(t, payment.RefundRequest{Amount: payment.MaxAmount + 1}.Validate())
	assert.Equal(t, []string{"key:key.required", "capture:required", "amount:amount.range", "description:required", "reference:required"}, ve.Codes())
	assert.Contains(t, ve.Fields[2].Message.EN, "20000000000")
}

func TestRequestValidateCaps(t *testing.T) {
	r := validRequest()
	r.Amount = payment.MaxAmount
	r.Description = strings.Repeat("é", payment.MaxDescription) // characters, not bytes
	r.Reference = strings.Repeat("r", payment.MaxReference)
	r.Method = strings.Repeat("m", payment.MaxMethod)
	require.NoError(t, r.Validate())

	r.Amount = payment.MaxAmount + 1
	r.Description += "é"
	r.Reference += "r"
	r.Method += "m"
	ve := validation(t, r.Validate())
	assert.Equal(t, []string{"amount:amount.range", "description:too_long", "reference:too_long", "method:too_long"}, ve.Codes())
	assert.Contains(t, ve.Fields[1].Message.FR, "255")

	r = validRequest()
	r.Amount = 0
	r.Description = "line\nbreak"
	r.Reference = "bad\xffutf8"
	ve = validation(t, r.Validate())
	assert.Equal(t, []string{"amount:amount.not_positive", "description:format", "reference:format"}, ve.Codes())
}

func TestMaxAmountFitsATaxedTotal(t *testing.T) {
	// The largest subtotal plus its largest tax (15 % HST) fits under the cap,
	// and so does a sum of refunds up to it.
	assert.Greater(t, payment.MaxAmount, tax.MaxSubtotal+tax.MaxSubtotal*15/100)
	assert.Greater(t, tax.Cents(1<<62), payment.MaxAmount*2)
}

// counting is a Gateway that counts the calls it receives.
type counting struct{ calls int }

func (c *counting) Authorize(context.Context, payment.Request) (payment.Result, error) {
	c.calls++
	return payment.Result{Transaction: "a", Status: payment.Authorized}, nil
}

func (c *counting) Capture(context.Context, payment.CaptureRequest) (payment.Result, error) {
	c.calls++
	return payment.Result{Transaction: "c", Status: payment.Captured}, nil
}

func (c *counting) Refund(context.Context, payment.RefundRequest) (payment.Result, error) {
	c.calls++
	return payment.Result{Transaction: "r", Status: payment.Refunded}, nil
}

func TestValidatedSendsNothingInvalid(t *testing.T) {
	ctx := context.Background()
	c := &counting{}
	g := payment.Validated(c)

	_, err := g.Authorize(ctx, payment.Request{Amount: 5})
	validation(t, err)
	_, err = g.Capture(ctx, payment.CaptureRequest{Key: uuid.New()})
	validation(t, err)
	_, err = g.Refund(ctx, payment.RefundRequest{Amount: -5})
	validation(t, err)
	assert.Equal(t, 0, c.calls, "an invalid request reached the provider")

	_, err = g.Authorize(ctx, validRequest())
	require.NoError(t, err)
	_, err = g.Capture(ctx, payment.CaptureRequest{Key: uuid.New(), Authorization: "a", Amount: 1, Description: "d", Reference: "o"})
	require.NoError(t, err)
	_, err = g.Refund(ctx, payment.RefundRequest{Key: uuid.New(), Capture: "c", Amount: 1, Description: "d", Reference: "o"})
	require.NoError(t, err)
	assert.Equal(t, 3, c.calls)
}

func TestDeclineIsBilingualAndDistinct(t *testing.T) {
	for _, r := range payment.Reasons() {
		require.True(t, r.Valid(), r)
		err := error(payment.Decline(r))
		require.ErrorIs(t, err, payment.ErrDeclined)
		assert.NotErrorIs(t, err, payment.ErrUnknownOutcome)
		var e *i18n.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, string(r), e.Code)
		assert.NotEmpty(t, e.Message.FR)
		assert.NotEmpty(t, e.Message.EN)
		assert.NotEqual(t, e.Message.FR, e.Message.EN)
		got, ok := payment.DeclineReason(err)
		assert.True(t, ok)
		assert.Equal(t, r, got)
	}
	assert.Equal(t, string(payment.ReasonDeclined), payment.Decline("bank_says_no").Code, "an unknown reason becomes the generic one")
	assert.False(t, payment.Reason("required").Valid(), "a validation code is not a reason")

	_, ok := payment.DeclineReason(payment.ErrUnknownOutcome)
	assert.False(t, ok)
	got, ok := payment.DeclineReason(errors.Join(payment.ErrDeclined))
	assert.True(t, ok)
	assert.Equal(t, payment.ReasonDeclined, got)
	assert.False(t, errors.Is(payment.ErrUnknownOutcome, payment.ErrDeclined))
	assert.False(t, errors.Is(payment.ErrKeyReused, payment.ErrUnknownOutcome))
}
