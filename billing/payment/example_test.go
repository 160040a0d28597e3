package payment_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/payment/paymenttest"
	"github.com/babillard/babillard/i18n"
)

// The main path: authorise, a capture whose answer is lost after the
// provider recorded it, the retry with the same key, which charges once.
func Example() {
	ctx := context.Background()
	provider := paymenttest.NewGateway()
	g := payment.Validated(provider) // nothing invalid is sent

	auth, err := g.Authorize(ctx, payment.Request{
		Key:         uuid.New(),
		Amount:      2070_00, // an example figure: 1,800 $ + 15 % HST
		Description: "Forfait de 5 affichages / 5-posting package",
		Reference:   "order-42",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(auth.Status, auth.Amount)

	provider.Script(paymenttest.Step{Kind: paymenttest.TimeoutAfter})
	capture := payment.CaptureRequest{
		Key:           uuid.New(), // kept with the order, reused on every retry
		Authorization: auth.Transaction,
		Amount:        auth.Amount,
		Description:   "Forfait de 5 affichages / 5-posting package",
		Reference:     "order-42",
	}
	res, err := g.Capture(ctx, capture)
	for errors.Is(err, payment.ErrUnknownOutcome) {
		fmt.Println("unknown outcome: retry with the same key")
		res, err = g.Capture(ctx, capture)
	}
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.Amount)
	fmt.Printf("%+v\n", provider.Held("order-42"))
	// Output:
	// authorized 2070.00
	// unknown outcome: retry with the same key
	// captured 2070.00
	// {Authorizations:1 Authorized:2070.00 Captured:2070.00 Refunded:0.00}
}

// A decline is a definite "no": its reason is a stable code and its message
// is for the buyer, in French and English. A new attempt takes a new key.
func ExampleDecline() {
	provider := paymenttest.NewGateway()
	provider.Script(paymenttest.Step{Kind: paymenttest.Decline, Reason: payment.ReasonInsufficientFunds})

	_, err := provider.Authorize(context.Background(), payment.Request{
		Key: uuid.New(), Amount: 150_00, Description: "Offre vedette / Featured", Reference: "order-43",
	})
	var e *i18n.Error
	if errors.Is(err, payment.ErrDeclined) && errors.As(err, &e) {
		fmt.Println(e.Code)
		fmt.Println(e.Message.FR)
		fmt.Println(e.Message.EN)
	}
	// Output:
	// declined.insufficient_funds
	// Le paiement a été refusé : fonds ou crédit insuffisants.
	// Your payment was declined: insufficient funds or credit.
}
