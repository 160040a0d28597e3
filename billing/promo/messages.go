package promo

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and refusal code with
// its French and English text. Codes are stable; a test checks that every
// code the package uses is here.
var messages = i18n.MustCatalog(
	// Field validation.
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "code.format", FR: "Le code doit compter de %d à %d caractères parmi A à Z, 0 à 9, « - » et « _ ».", EN: "The code must have %d to %d characters among A to Z, 0 to 9, “-” and “_”."},
	i18n.Entry{Code: "kind.unknown", FR: "Le type de rabais doit être « percent » ou « fixed ».", EN: "The kind of discount must be “percent” or “fixed”."},
	i18n.Entry{Code: "percent.range", FR: "Le pourcentage doit être supérieur à 0 et au plus 100, avec au plus deux décimales.", EN: "The percentage must be above 0 and at most 100, with at most two decimals."},
	i18n.Entry{Code: "percent.not_percent", FR: "Seul un rabais en pourcentage a un pourcentage.", EN: "Only a percentage discount has a percentage."},
	i18n.Entry{Code: "amount.range", FR: "Le montant doit être entre 0,01 $ et %s $.", EN: "The amount must be between $0.01 and $%s."},
	i18n.Entry{Code: "amount.not_fixed", FR: "Seul un rabais fixe a un montant.", EN: "Only a fixed discount has an amount."},
	i18n.Entry{Code: "day.invalid", FR: "La date doit être une date valide (AAAA-MM-JJ).", EN: "The date must be a valid date (YYYY-MM-DD)."},
	i18n.Entry{Code: "until.before_from", FR: "La fin de validité doit suivre ou égaler le début.", EN: "The end of validity must be on or after its start."},
	i18n.Entry{Code: "limit.range", FR: "La limite doit être entre 0 (illimité) et %d.", EN: "The limit must be between 0 (unlimited) and %d."},
	i18n.Entry{Code: "skus.too_many", FR: "La liste compte plus de %d produits.", EN: "The list has more than %d products."},
	i18n.Entry{Code: "sku.unknown", FR: "Produit inconnu du catalogue.", EN: "Unknown catalogue product."},
	i18n.Entry{Code: "sku.duplicate", FR: "Ce produit est déjà dans la liste.", EN: "This product is already in the list."},
	i18n.Entry{Code: "lines.range", FR: "La commande doit compter de 1 à %d lignes.", EN: "The order must have 1 to %d lines."},
	i18n.Entry{Code: "line.amount.range", FR: "Le montant de la ligne doit être entre 0 et %s $.", EN: "The line amount must be between 0 and $%s."},
	i18n.Entry{Code: "code.taken", FR: "Ce code existe déjà.", EN: "This code already exists."},
	i18n.Entry{Code: "lines.total.range", FR: "Le total des lignes dépasse %s $.", EN: "The lines total more than $%s."},

	// Refusals.
	i18n.Entry{Code: "code.unknown", FR: "Ce code promotionnel n'existe pas.", EN: "This promo code does not exist."},
	i18n.Entry{Code: "code.inactive", FR: "Ce code promotionnel a été désactivé.", EN: "This promo code has been deactivated."},
	i18n.Entry{Code: "code.not_yet_valid", FR: "Ce code promotionnel n'est valide qu'à partir du %s.", EN: "This promo code is only valid from %s."},
	i18n.Entry{Code: "code.expired", FR: "Ce code promotionnel a expiré le %s.", EN: "This promo code expired on %s."},
	i18n.Entry{Code: "code.exhausted", FR: "Ce code promotionnel a atteint son nombre maximal d'utilisations.", EN: "This promo code has reached its maximum number of uses."},
	i18n.Entry{Code: "code.exhausted_group", FR: "Votre groupe a déjà utilisé ce code promotionnel autant de fois que permis.", EN: "Your group has already used this promo code as many times as allowed."},
	i18n.Entry{Code: "code.out_of_scope", FR: "Ce code promotionnel ne s'applique à aucun produit de la commande.", EN: "This promo code applies to no product of the order."},
	i18n.Entry{Code: "order.other_code", FR: "Cette commande utilise déjà un autre code promotionnel : un seul code par commande.", EN: "This order already uses another promo code: one code per order."},
)
