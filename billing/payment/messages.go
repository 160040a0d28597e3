package payment

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and decline code with
// its French and English text. Codes are stable; a test checks that every
// code the package uses is here.
var messages = i18n.MustCatalog(
	// Declines (Reason codes), for the buyer.
	i18n.Entry{Code: string(ReasonDeclined), FR: "Le paiement a été refusé par votre institution financière.", EN: "Your payment was declined by your financial institution."},
	i18n.Entry{Code: string(ReasonInsufficientFunds), FR: "Le paiement a été refusé : fonds ou crédit insuffisants.", EN: "Your payment was declined: insufficient funds or credit."},
	i18n.Entry{Code: string(ReasonExpiredMethod), FR: "Le paiement a été refusé : le moyen de paiement est expiré.", EN: "Your payment was declined: the payment method has expired."},
	i18n.Entry{Code: string(ReasonInvalidMethod), FR: "Le paiement a été refusé : les renseignements de paiement sont incorrects.", EN: "Your payment was declined: the payment details are incorrect."},
	i18n.Entry{Code: string(ReasonSecurity), FR: "Le paiement a été refusé pour des raisons de sécurité. Communiquez avec votre institution financière.", EN: "Your payment was declined for security reasons. Please contact your financial institution."},
	i18n.Entry{Code: string(ReasonOverLimit), FR: "Le montant dépasse le montant autorisé ou encaissé.", EN: "The amount exceeds the amount authorised or captured."},
	i18n.Entry{Code: string(ReasonAlreadyCaptured), FR: "Cette autorisation a déjà été encaissée.", EN: "This authorisation has already been captured."},
	i18n.Entry{Code: string(ReasonNotFound), FR: "Le fournisseur de paiement ne connaît pas cette transaction.", EN: "The payment provider does not know this transaction."},

	// Validation.
	i18n.Entry{Code: "key.required", FR: "La clé d'idempotence est obligatoire.", EN: "The idempotency key is required."},
	i18n.Entry{Code: "amount.not_positive", FR: "Le montant doit être supérieur à zéro.", EN: "The amount must be greater than zero."},
	i18n.Entry{Code: "amount.range", FR: "Le montant dépasse le maximum de %s $.", EN: "The amount exceeds the maximum of $%s."},
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_long", FR: "Ce champ dépasse %d caractères.", EN: "This field exceeds %d characters."},
	i18n.Entry{Code: "format", FR: "Ce champ contient des caractères invalides.", EN: "This field contains invalid characters."},
)
