package billing

// Product is a kind of credit in a group's bank (docs/RULES.md B-1).
type Product string

// The products of the credit bank. Custom sends are priced per recipient
// and paid per send, so they are not credits.
const (
	// EngineerPosting is one offer for the Engineer profile (sold in
	// packages of 1, 5, 10 or 20).
	EngineerPosting Product = "engineer_posting"
	// CPIPosting is one offer for the CPI (engineering candidate) profile.
	CPIPosting Product = "cpi_posting"
	// Featured shows a published offer in the featured section of the site
	// and of the weekly e-mail for 7 days.
	Featured Product = "featured"
	// Extension extends the publication of an offer by 7 days.
	Extension Product = "extension"
)

// Products returns the products in catalogue order.
func Products() []Product { return []Product{EngineerPosting, CPIPosting, Featured, Extension} }

// Valid reports whether p is one of Products.
func (p Product) Valid() bool {
	switch p {
	case EngineerPosting, CPIPosting, Featured, Extension:
		return true
	}
	return false
}

// Name returns the product's French and English names.
func (p Product) Name() (fr, en string) {
	switch p {
	case EngineerPosting:
		return "Affichage d'offre – profil ingénieur·e", "Job posting – Engineer profile"
	case CPIPosting:
		return "Affichage d'offre – profil CPI", "Job posting – CPI profile"
	case Featured:
		return "Offre en vedette (7 jours)", "Featured offer (7 days)"
	case Extension:
		return "Prolongation de 7 jours", "7-day extension"
	}
	return string(p), string(p)
}
