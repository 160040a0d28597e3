package group

import "github.com/babillard/babillard/i18n"

// messages is the package's catalog: every validation and refusal code with
// its French and English text. Codes are stable; tests check that every code
// the package uses is here.
var messages = i18n.MustCatalog(
	// Field validation.
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_long", FR: "Ce champ dépasse %d caractères.", EN: "This field is longer than %d characters."},
	i18n.Entry{Code: "too_many", FR: "Indiquez au plus %d éléments.", EN: "Give at most %d items."},
	i18n.Entry{Code: "email.required", FR: "L'adresse courriel est obligatoire.", EN: "The e-mail address is required."},
	i18n.Entry{Code: "email.format", FR: "L'adresse courriel n'est pas valide.", EN: "The e-mail address is not valid."},
	i18n.Entry{Code: "email.free_domain", FR: "Utilisez votre adresse courriel professionnelle : les adresses de messagerie gratuite (%s) ne sont pas acceptées.", EN: "Use your professional e-mail address: free webmail addresses (%s) are not accepted."},
	i18n.Entry{Code: "email.taken", FR: "Cette adresse courriel est déjà associée à un compte.", EN: "This e-mail address already belongs to an account."},
	i18n.Entry{Code: "email.other_company", FR: "Cette adresse courriel est déjà associée à une autre entreprise.", EN: "This e-mail address already belongs to another company."},
	i18n.Entry{Code: "email.unchanged", FR: "La nouvelle adresse courriel est identique à l'actuelle.", EN: "The new e-mail address is the same as the current one."},
	i18n.Entry{Code: "phone.format", FR: "Le numéro de téléphone n'est pas valide.", EN: "The phone number is not valid."},
	i18n.Entry{Code: "extension.format", FR: "Le poste doit compter de 1 à 6 chiffres.", EN: "The extension must have 1 to 6 digits."},
	i18n.Entry{Code: "country.format", FR: "Le pays doit être un code de deux lettres (CA, FR…).", EN: "The country must be a two-letter code (CA, FR…)."},
	i18n.Entry{Code: "province.unknown", FR: "Province ou territoire inconnu.", EN: "Unknown province or territory."},
	i18n.Entry{Code: "postal_code.format", FR: "Le code postal n'est pas valide (format A1A 1A1).", EN: "The postal code is not valid (format A1A 1A1)."},
	i18n.Entry{Code: "postal_code.province", FR: "Le code postal ne correspond pas à la province.", EN: "The postal code does not match the province."},
	i18n.Entry{Code: "neq.format", FR: "Le NEQ doit compter 10 chiffres valides.", EN: "The NEQ (Quebec enterprise number) must be 10 valid digits."},
	i18n.Entry{Code: "business_number.format", FR: "Le numéro d'entreprise de l'ARC n'est pas valide (9 chiffres, suivis au besoin d'un compte de programme comme RT0001).", EN: "The CRA business number is not valid (9 digits, optionally followed by a program account such as RT0001)."},
	i18n.Entry{Code: "siret.format", FR: "Le numéro SIRET n'est pas valide (14 chiffres).", EN: "The SIRET number is not valid (14 digits)."},
	i18n.Entry{Code: "url.format", FR: "L'adresse Web doit commencer par http:// ou https://.", EN: "The web address must start with http:// or https://."},
	i18n.Entry{Code: "role.unknown", FR: "Rôle inconnu.", EN: "Unknown role."},
	i18n.Entry{Code: "roles.required", FR: "Choisissez au moins un rôle.", EN: "Choose at least one role."},
	i18n.Entry{Code: "group.name_taken", FR: "L'entreprise a déjà un groupe de ce nom.", EN: "The company already has a group with this name."},
	i18n.Entry{Code: "company.not_active", FR: "Cette entreprise n'est pas active.", EN: "This company is not active."},

	// Refusals.
	i18n.Entry{Code: "forbidden", FR: "Action non autorisée.", EN: "Action not allowed."},
	i18n.Entry{Code: "forbidden.permission", FR: "Votre rôle ne permet pas cette action : %[1]s.", EN: "Your role does not allow this action: %[2]s."},
	i18n.Entry{Code: "forbidden.not_member", FR: "Vous n'êtes pas membre actif de ce groupe.", EN: "You are not an active member of this group."},
	i18n.Entry{Code: "forbidden.moderator", FR: "Seule l'équipe de modération du babillard peut faire cette action.", EN: "Only the board's moderators can do this."},
	i18n.Entry{Code: "forbidden.other_group", FR: "Cet élément appartient à un autre groupe.", EN: "This item belongs to another group."},
	i18n.Entry{Code: "roles.beyond_inviter", FR: "Vous ne pouvez inviter qu'avec les rôles que vous détenez.", EN: "You can only invite with roles you hold."},
	i18n.Entry{Code: "forbidden.other_user", FR: "Vous ne pouvez agir que sur votre propre compte.", EN: "You can only act on your own account."},
	i18n.Entry{Code: "request.decided", FR: "Cette demande a déjà été traitée.", EN: "This request has already been decided."},
	i18n.Entry{Code: "request.pending_exists", FR: "Une demande est déjà en attente d'approbation.", EN: "A request is already pending approval."},
	i18n.Entry{Code: "request.board_decides", FR: "Les demandes de nouveau groupe sont traitées par le babillard.", EN: "Requests for a new group are decided by the board."},
	i18n.Entry{Code: "request.principal_decides", FR: "Les demandes d'adhésion à un groupe existant sont traitées par son ou sa responsable principal·e.", EN: "Requests to join an existing group are decided by its Principal."},
	i18n.Entry{Code: "member.already", FR: "Cette personne est déjà membre du groupe.", EN: "This person is already a member of the group."},
	i18n.Entry{Code: "member.other_company", FR: "Ce compte appartient à une autre entreprise.", EN: "This account belongs to another company."},
	i18n.Entry{Code: "member.last_principal", FR: "Le groupe doit garder au moins un·e responsable principal·e.", EN: "The group must keep at least one Principal."},
	i18n.Entry{Code: "member.inactive", FR: "Cette personne n'est plus membre du groupe.", EN: "This person is no longer a member of the group."},
	i18n.Entry{Code: "group.has_principal", FR: "Ce groupe a déjà un·e responsable principal·e : c'est à cette personne d'inviter.", EN: "This group already has a Principal, who invites the others."},
	i18n.Entry{Code: "invitation.not_found", FR: "Invitation introuvable.", EN: "Invitation not found."},
	i18n.Entry{Code: "request.not_found", FR: "Demande introuvable.", EN: "Request not found."},
	i18n.Entry{Code: "invitation.closed", FR: "Cette invitation n'est plus en attente.", EN: "This invitation is no longer pending."},
	i18n.Entry{Code: "invitation.wrong_email", FR: "Cette invitation a été envoyée à une autre adresse courriel.", EN: "This invitation was sent to another e-mail address."},
	i18n.Entry{Code: "token.invalid", FR: "Ce lien n'est pas valide ou a expiré.", EN: "This link is not valid or has expired."},
	i18n.Entry{Code: "group.not_found", FR: "Groupe introuvable.", EN: "Group not found."},
	i18n.Entry{Code: "company.not_found", FR: "Entreprise introuvable.", EN: "Company not found."},
	i18n.Entry{Code: "member.not_found", FR: "Cette personne n'est pas membre du groupe.", EN: "This person is not a member of the group."},
	i18n.Entry{Code: "user.not_found", FR: "Compte introuvable.", EN: "Account not found."},
	i18n.Entry{Code: "user.deleted", FR: "Ce compte a été supprimé.", EN: "This account has been deleted."},
	i18n.Entry{Code: "user.last_principal", FR: "Ce compte est le dernier ou la dernière responsable principal·e actif·ve du groupe « %[1]s » : nommez un·e autre responsable principal·e dans ce groupe (ou demandez-le au babillard) avant de supprimer le compte.", EN: "This account is the only active Principal of the group “%[1]s”: make another member Principal of that group (or ask the board to) before deleting the account."},
	i18n.Entry{Code: "profile.incomplete", FR: "Complétez le profil public du groupe avant de publier.", EN: "Complete the group's public profile before posting."},
)
