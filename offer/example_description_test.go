package offer_test

import (
	"fmt"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
)

// A French description pasted by an employer: a script, a mailto link, an
// address in the text and a link to the offer's own application form are
// taken out, the other link opens in a new window, and the report tells the
// employer what was removed and which required section is missing.
func ExampleSanitizeDescription() {
	in := `<h2 onclick="track()">Raison d'être du poste</h2>
<p>Concevoir des ponts pour la <a href="https://www.quebec.ca/">province</a>.</p>
<script>steal(document.cookie)</script>
<p><strong>Responsabilités :</strong> calculs, plans et devis.</p>
<p>Questions : <a href="mailto:rh@acme.ca">rh@acme.ca</a> ou paul.roy@acme.ca.
<a href="https://acme.ca/postuler?id=42">Postulez ici</a>.</p>`

	res := offer.SanitizeDescription(in, offer.DescriptionOptions{
		ApplyURL: "https://www.acme.ca/postuler",
	})
	fmt.Println(res.HTML)
	for _, r := range res.Removed {
		fmt.Printf("removed %s: %s\n", r.Kind, r.Text)
	}
	fmt.Println(res.Removed[0].Message().FR)
	for _, s := range res.Missing {
		fmt.Println("missing:", s.Label().FR)
	}
	// Output:
	// <h2>Raison d&#39;être du poste</h2><p>Concevoir des ponts pour la <a href="https://www.quebec.ca/" target="_blank" rel="noopener noreferrer">province</a>.</p><p><strong>Responsabilités :</strong> calculs, plans et devis.</p><p>Questions : ou. Postulez ici.</p>
	// removed mailto_link: rh@acme.ca
	// removed email_address: paul.roy@acme.ca
	// removed apply_link: https://acme.ca/postuler?id=42
	// Le lien courriel « rh@acme.ca » a été retiré de la description : les candidatures passent par le bouton Postuler.
	// missing: Qualifications requises
}

// Validating both languages before submission: the French version lacks a
// section, the English one is absent (it is optional).
func ExampleValidateDescription() {
	_, err := offer.ValidateDescription(i18n.Text{
		FR: `<h2>Mandat</h2><p>…</p><h2>Tâches</h2><ul><li>…</li></ul>`,
	}, offer.DescriptionOptions{})
	fmt.Println(err)
	// Output:
	// invalid input: description.fr: The description must include a “Required qualifications” section (a heading, or a bold label at the start of a paragraph).
}
