package tax

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and refusal code with
// its French and English text. Codes are stable; a test checks that every
// code the package uses is here.
var messages = i18n.MustCatalog(
	// Compute.
	i18n.Entry{Code: "province.unknown", FR: "Province ou territoire inconnu.", EN: "Unknown province or territory."},
	i18n.Entry{Code: "day.invalid", FR: "La date doit être une date valide (AAAA-MM-JJ).", EN: "The date must be a valid date (YYYY-MM-DD)."},
	i18n.Entry{Code: "subtotal.negative", FR: "Le sous-total taxable ne peut pas être négatif.", EN: "The taxable subtotal cannot be negative."},
	i18n.Entry{Code: "subtotal.range", FR: "Le sous-total taxable dépasse le maximum de %s $.", EN: "The taxable subtotal exceeds the maximum of $%s."},
	i18n.Entry{Code: "rate.none", FR: "Aucun taux de taxe n'est en vigueur pour %[1]s le %[3]s.", EN: "No tax rate is in force for %[2]s on %[3]s."},

	// Tables.
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "rows.too_many", FR: "La table compte plus de %d lignes.", EN: "The table has more than %d rows."},
	i18n.Entry{Code: "province.missing", FR: "La table n'a aucun taux pour %[1]s.", EN: "The table has no rate for %[2]s."},
	i18n.Entry{Code: "date.format", FR: "La date doit être de la forme AAAA-MM-JJ.", EN: "The date must look like YYYY-MM-DD."},
	i18n.Entry{Code: "period.reversed", FR: "La fin de la période précède son début.", EN: "The period ends before it starts."},
	i18n.Entry{Code: "period.overlap", FR: "Cette période chevauche la précédente pour %[1]s (qui va jusqu'au %[3]s).", EN: "This period overlaps the previous one for %[2]s (which runs until %[3]s)."},
	i18n.Entry{Code: "period.gap", FR: "Aucun taux pour %[1]s du %[3]s au %[4]s : les périodes doivent se suivre sans trou.", EN: "No rate for %[2]s from %[3]s to %[4]s: periods must follow one another without a gap."},
	i18n.Entry{Code: "taxes.combination", FR: "Les taxes doivent être la TPS seule, la TVH seule, ou la TPS avec une TVQ, une TVP ou une TVD.", EN: "The taxes must be GST alone, HST alone, or GST with one QST, PST or RST."},
	i18n.Entry{Code: "kind.unknown", FR: "Taxe inconnue (TPS, TVH, TVQ, TVP ou TVD attendue).", EN: "Unknown tax (GST, HST, QST, PST or RST expected)."},
	i18n.Entry{Code: "rate.format", FR: "Le taux doit être un nombre (5 pour 5 %).", EN: "The rate must be a number (5 for 5 %)."},
	i18n.Entry{Code: "rate.negative", FR: "Le taux ne peut pas être négatif.", EN: "The rate cannot be negative."},
	i18n.Entry{Code: "rate.range", FR: "Le taux doit être inférieur à 100 %.", EN: "The rate must be below 100 %."},
	i18n.Entry{Code: "rate.precision", FR: "Le taux a au plus %d décimales.", EN: "The rate has at most %d decimals."},
	i18n.Entry{Code: "combined.mismatch", FR: "Le taux combiné n'est pas la somme des taux (%s %%).", EN: "The combined rate is not the sum of the rates (%s %%)."},
	i18n.Entry{Code: "tax_system.unknown", FR: "Régime inconnu (GST, HST, GST+PST ou GST+QST attendu).", EN: "Unknown tax system (GST, HST, GST+PST or GST+QST expected)."},
	i18n.Entry{Code: "provincial_tax.unknown", FR: "Taxe provinciale inconnue (PST ou RST attendue).", EN: "Unknown provincial tax (PST or RST expected)."},
	i18n.Entry{Code: "applies_on.unknown", FR: "Seule une taxe calculée sur le prix excluant la TPS est prise en charge.", EN: "Only a tax computed on the price excluding GST is supported."},
	i18n.Entry{Code: "csv.format", FR: "Fichier CSV illisible : %s.", EN: "Unreadable CSV file: %s."},
	i18n.Entry{Code: "csv.column_missing", FR: "Colonne obligatoire absente.", EN: "Required column missing."},
	i18n.Entry{Code: "csv.too_large", FR: "Le fichier dépasse %d octets.", EN: "The file exceeds %d bytes."},

	// Registration.
	i18n.Entry{Code: "gst_hst_number.format", FR: "Le numéro de TPS/TVH doit être de la forme 123456789 RT 0001.", EN: "The GST/HST number must look like 123456789 RT 0001."},
	i18n.Entry{Code: "gst_hst_number.checksum", FR: "Le chiffre de contrôle du numéro d'entreprise est erroné.", EN: "The business number's check digit is wrong."},
	i18n.Entry{Code: "gst_hst_number.program", FR: "Le numéro de TPS/TVH doit être un compte de programme RT.", EN: "The GST/HST number must be an RT program account."},
	i18n.Entry{Code: "qst_number.format", FR: "Le numéro de TVQ doit être de la forme 1234567890 TQ 0001.", EN: "The QST number must look like 1234567890 TQ 0001."},
	i18n.Entry{Code: "registration.qst_missing", FR: "Le babillard doit avoir un numéro de TVQ pour facturer la TVQ.", EN: "The board needs a QST number to charge QST."},
	i18n.Entry{Code: "registration.gst_hst_missing", FR: "Le babillard doit avoir un numéro de TPS/TVH pour facturer la TPS ou la TVH.", EN: "The board needs a GST/HST number to charge GST or HST."},
)
