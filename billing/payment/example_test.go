package payment_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/babillard/babillard/billing/payment"
	"github.com/babillard/babillard/billing/payment/paymenttest"
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
