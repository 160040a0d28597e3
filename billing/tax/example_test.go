package tax_test

import (
	"fmt"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
)

// A sale of 150 $ billed to a Quebec address on 2026-06-01: GST and QST,
// each on the price excluding GST, rounded half-up to the cent. In French,
// Format puts a non-breaking space before the dollar sign.
func ExampleTable_Compute() {
	day := canada.Date{Year: 2026, Month: 6, Day: 1}
	b, err := tax.Default().Compute(canada.QC, day, 15000)
	if err != nil {
		panic(err)
	}
	fmt.Println("Sous-total", b.Subtotal.Format(i18n.French))
	for _, l := range b.Lines {
		fmt.Printf("%s (%s) %s\n", l.Name.FR, l.PercentText(i18n.French), l.Amount.Format(i18n.French))
	}
	fmt.Println("Total", b.Total.Format(i18n.French))
	fmt.Println(b.Lines[1].Name.EN, b.Lines[1].Amount, b.Total)
	// Output:
	// Sous-total 150,00 $
	// TPS (5 %) 7,50 $
	// TVQ (9,975 %) 14,96 $
	// Total 172,46 $
	// QST 14.96 172.46
}

// The board's registration numbers, validated before they are printed on
// invoices.
func ExampleNewRegistration() {
	r, err := tax.NewRegistration("123456782 RT 0001", "1234567890 TQ 0001")
	if err != nil {
		panic(err)
	}
	fmt.Println("TPS/TVH :", r.GSTHST)
	fmt.Println("TVQ :", r.QST)

	_, err = tax.NewRegistration("123456782 RP 0001", "")
	fmt.Println(err)
	// Output:
	// TPS/TVH : 123456782 RT0001
	// TVQ : 1234567890 TQ 0001
	// invalid input: gst_hst_number: The GST/HST number must be an RT program account.
}
