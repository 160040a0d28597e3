package offer

import "github.com/babillard/babillard/i18n"

// descriptionMessages is the catalog of the description policy: the
// validation codes of ValidateDescription and the notices of RemovedItem.
// Codes are stable; a test checks that every code the description files use
// is here.
var descriptionMessages = i18n.MustCatalog(
	// Validation.
	i18n.Entry{Code: "description.required",
		FR: "La description du poste est obligatoire.",
		EN: "The job description is required."},
	i18n.Entry{Code: "description.too_long",
		FR: "La description du poste dépasse %d caractères.",
		EN: "The job description is longer than %d characters."},
	i18n.Entry{Code: "description.html_too_long",
		FR: "La description du poste dépasse %d Ko de code HTML : collez le texte sans mise en forme, puis mettez-le en forme avec les outils de l'éditeur.",
		EN: "The job description is larger than %d KB of HTML: paste the text without formatting, then format it with the editor's tools."},
	i18n.Entry{Code: "description.section_missing",
		FR: "La description doit comprendre la section « %[1]s » (un intertitre ou une étiquette en gras en début de paragraphe).",
		EN: "The description must include a “%[2]s” section (a heading, or a bold label at the start of a paragraph)."},

	// Notices for the employer about what the sanitiser removed.
	i18n.Entry{Code: "description.removed.mailto_link",
		FR: "Le lien courriel « %s » a été retiré de la description : les candidatures passent par le bouton Postuler.",
		EN: "The e-mail link “%s” was removed from the description: applications go through the Apply button."},
	i18n.Entry{Code: "description.removed.email_address",
		FR: "L'adresse courriel « %s » a été retirée de la description : les candidatures passent par le bouton Postuler.",
		EN: "The e-mail address “%s” was removed from the description: applications go through the Apply button."},
	i18n.Entry{Code: "description.removed.apply_link",
		FR: "Le lien pour postuler « %s » a été retiré de la description : les candidatures passent par le bouton Postuler.",
		EN: "The application link “%s” was removed from the description: applications go through the Apply button."},
)
