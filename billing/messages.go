package billing

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and refusal code with
// its French and English text. Codes are stable; a test checks that every
// code the package uses is here.
var messages = i18n.MustCatalog(
	// Field validation.
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_long", FR: "Ce champ dépasse %d caractères.", EN: "This field is longer than %d characters."},
	i18n.Entry{Code: "product.unknown", FR: "Produit inconnu.", EN: "Unknown product."},
	i18n.Entry{Code: "quantity.range", FR: "La quantité doit être comprise entre %d et %d.", EN: "The quantity must be between %d and %d."},
	i18n.Entry{Code: "expires_at.past", FR: "La date d'expiration doit être dans le futur.", EN: "The expiry date must be in the future."},
	i18n.Entry{Code: "kind.unknown", FR: "Type de mouvement inconnu.", EN: "Unknown kind of movement."},
	i18n.Entry{Code: "status.unknown", FR: "Statut inconnu.", EN: "Unknown status."},
	i18n.Entry{Code: "limit.negative", FR: "La limite ne peut pas être négative.", EN: "The limit cannot be negative."},
	i18n.Entry{Code: "group.same", FR: "Les groupes source et destinataire doivent être différents.", EN: "The source and destination groups must differ."},

	// Refusals.
	i18n.Entry{Code: "credit.none", FR: "La banque du groupe ne contient aucun crédit disponible pour ce produit : %[1]s.", EN: "The group's bank holds no credit available for this product: %[2]s."},
	i18n.Entry{Code: "credit.insufficient", FR: "La banque du groupe ne contient que %[1]d crédit(s) disponible(s) pour ce produit : %[2]s.", EN: "The group's bank holds only %[1]d available credit(s) for this product: %[3]s."},
	i18n.Entry{Code: "reservation.none", FR: "Aucun forfait n'est associé à cette offre pour ce produit.", EN: "No package is associated with this offer for this product."},
	i18n.Entry{Code: "reservation.consumed", FR: "Le forfait associé à cette offre a déjà été utilisé.", EN: "The package associated with this offer has already been used."},
	i18n.Entry{Code: "reservation.released", FR: "Le forfait associé à cette offre a été remis dans la banque ; soumettez l'offre de nouveau.", EN: "The package associated with this offer went back to the bank; submit the offer again."},
	i18n.Entry{Code: "group.not_found", FR: "Groupe introuvable.", EN: "Group not found."},
	i18n.Entry{Code: "reference.taken", FR: "Cette référence est déjà prise : utilisez-en une autre.", EN: "This reference is already taken: use another one."},
	i18n.Entry{Code: "purchase.used", FR: "Cette référence d'achat a déjà servi à créditer d'autres forfaits.", EN: "This purchase reference has already credited other packages."},
	i18n.Entry{Code: "forbidden.moderator", FR: "Seule l'équipe de modération du babillard peut faire cette action.", EN: "Only the board's moderators can do this."},
	i18n.Entry{Code: "forbidden.other_group", FR: "Cet élément appartient à un autre groupe.", EN: "This item belongs to another group."},
)
