package price

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and refusal code with
// its French and English text. Codes are stable; a test checks that every
// code the package uses is here.
var messages = i18n.MustCatalog(
	// Quote and PriceOn.
	i18n.Entry{Code: "sku.unknown", FR: "Produit inconnu du catalogue.", EN: "Unknown catalogue product."},
	i18n.Entry{Code: "day.invalid", FR: "La date doit être une date valide (AAAA-MM-JJ).", EN: "The date must be a valid date (YYYY-MM-DD)."},
	i18n.Entry{Code: "quantity.one_send", FR: "Un envoi personnalisé se commande à l'unité : une offre, un envoi.", EN: "A custom send is ordered one at a time: one offer, one send."},
	i18n.Entry{Code: "quantity.range", FR: "La quantité doit être entre 1 et %d.", EN: "The quantity must be between 1 and %d."},
	i18n.Entry{Code: "recipients.negative", FR: "Le nombre de destinataires ne peut pas être négatif.", EN: "The number of recipients cannot be negative."},
	i18n.Entry{Code: "recipients.range", FR: "Le nombre de destinataires dépasse le maximum de %d.", EN: "The number of recipients exceeds the maximum of %d."},
	i18n.Entry{Code: "recipients.not_custom_send", FR: "Seul un envoi personnalisé se paie par destinataire.", EN: "Only a custom send is priced per recipient."},
	i18n.Entry{Code: "amount.range", FR: "Le montant de la ligne dépasse le maximum de %s $.", EN: "The line amount exceeds the maximum of $%s."},
	i18n.Entry{Code: "price.none", FR: "« %[1]s » n'a pas de prix en vigueur le %[3]s dans la grille tarifaire du babillard.", EN: "“%[2]s” has no price in force on %[3]s in the board's price book."},

	// Books.
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "prices.too_many", FR: "La grille compte plus de %d prix.", EN: "The price book has more than %d prices."},
	i18n.Entry{Code: "date.format", FR: "La date doit être de la forme AAAA-MM-JJ.", EN: "The date must look like YYYY-MM-DD."},
	i18n.Entry{Code: "unit.not_positive", FR: "Le prix doit être supérieur à zéro.", EN: "The price must be greater than zero."},
	i18n.Entry{Code: "price.range", FR: "Le prix dépasse le maximum de %s $.", EN: "The price exceeds the maximum of $%s."},
	i18n.Entry{Code: "price.format", FR: "Le prix doit être un nombre entier de cents (15000 pour 150 $).", EN: "The price must be a whole number of cents (15000 for $150)."},
	i18n.Entry{Code: "credits.format", FR: "La taille du forfait doit être un nombre entier.", EN: "The package size must be a whole number."},
	i18n.Entry{Code: "per_recipient.negative", FR: "Le prix par destinataire ne peut pas être négatif.", EN: "The price per recipient cannot be negative."},
	i18n.Entry{Code: "per_recipient.not_custom_send", FR: "Seul un envoi personnalisé a un prix par destinataire.", EN: "Only a custom send has a price per recipient."},
	i18n.Entry{Code: "credits.not_positive", FR: "La taille du forfait doit être supérieure à zéro.", EN: "The package size must be greater than zero."},
	i18n.Entry{Code: "credits.mismatch", FR: "La taille de ce forfait au catalogue est de %d.", EN: "The catalogue's package size is %d."},
	i18n.Entry{Code: "credits.custom_send", FR: "Un envoi personnalisé n'accorde aucun crédit.", EN: "A custom send grants no credit."},
	i18n.Entry{Code: "from.duplicate", FR: "« %[1]s » a déjà un prix en vigueur le %[3]s (prix n° %[4]d).", EN: "“%[2]s” already has a price effective on %[3]s (price #%[4]d)."},
	i18n.Entry{Code: "json.format", FR: "Fichier JSON illisible : %s.", EN: "Unreadable JSON file: %s."},
	i18n.Entry{Code: "json.too_large", FR: "Le fichier dépasse %d octets.", EN: "The file exceeds %d bytes."},
)
