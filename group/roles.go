package group

import "slices"

// Role is a member's role in a group. A call that takes roles (Invite,
// AddMember, SetRoles, ApproveJoinRequest) takes at most 10 of them,
// repeats included.
type Role string

// The three roles of a group (docs/RULES.md G-7).
const (
	// Principal (responsable principal·e): users, information, offers and
	// finances of the group.
	Principal Role = "principal"
	// PostingManager (responsable de l'affichage): creates, publishes and
	// follows offers.
	PostingManager Role = "posting_manager"
	// FinanceManager (responsable des finances): purchases and invoices.
	FinanceManager Role = "finance_manager"
)

// Roles returns the three roles in order of authority.
func Roles() []Role { return []Role{Principal, PostingManager, FinanceManager} }

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r == Principal || r == PostingManager || r == FinanceManager }

// Name returns the role's French and English name.
func (r Role) Name() (fr, en string) {
	switch r {
	case Principal:
		return "Responsable principal·e", "Principal"
	case PostingManager:
		return "Responsable de l'affichage", "Posting manager"
	case FinanceManager:
		return "Responsable des finances", "Finance manager"
	}
	return string(r), string(r)
}

// Permission is something a member may be allowed to do in a group.
type Permission string

// The permissions of the matrix (docs/RULES.md G-8).
const (
	// ReviewJoinRequests: approve or refuse requests to join the group.
	ReviewJoinRequests Permission = "review_join_requests"
	// ManageMembers: assign roles, add and remove users.
	ManageMembers Permission = "manage_members"
	// EditCompany: edit the company's and the group's information ("My
	// company"), including the group's public profile.
	EditCompany Permission = "edit_company"
	// EditOwnProfile: edit one's own user profile.
	EditOwnProfile Permission = "edit_own_profile"
	// ViewDashboard: the dashboard and the performance data.
	ViewDashboard Permission = "view_dashboard"
	// CancelOfferToRevise: cancel an offer the board sent back for changes.
	CancelOfferToRevise Permission = "cancel_offer_to_revise"
	// CancelOfferInValidation: cancel an offer waiting for the board's
	// validation.
	CancelOfferInValidation Permission = "cancel_offer_in_validation"
	// EndPublication: end the publication of an offer.
	EndPublication Permission = "end_publication"
	// BuyProducts: buy packages and optimizations.
	BuyProducts Permission = "buy_products"
	// PublishOffers: create and publish offers.
	PublishOffers Permission = "publish_offers"
	// ReceiveInvoiceCopies: receive a copy of the invoices of purchases made
	// by other users (opt-in).
	ReceiveInvoiceCopies Permission = "receive_invoice_copies"
	// ViewTransactions: the transaction history (invoices).
	ViewTransactions Permission = "view_transactions"
)

// MatrixRow is one line of the permission matrix: the permission, its
// French and English description, and the roles that hold it.
type MatrixRow struct {
	Permission Permission `json:"permission"`
	FR         string     `json:"fr"`
	EN         string     `json:"en"`
	Roles      []Role     `json:"roles"`
}

// PermissionMatrix returns the permission matrix (docs/RULES.md G-8), one row per
// permission, as a fresh copy. It is the only source of truth for Can.
func PermissionMatrix() []MatrixRow {
	p, pm, fm := Principal, PostingManager, FinanceManager
	return []MatrixRow{
		{ReviewJoinRequests, "Approuver ou refuser les demandes d'adhésion au groupe", "Approve or refuse join requests for the group", []Role{p}},
		{ManageMembers, "Attribuer les rôles, ajouter et retirer des utilisateurs", "Assign roles in the group, add and remove users", []Role{p}},
		{EditCompany, "Modifier les informations de l'entreprise et du groupe (« Mon entreprise »)", "Edit company and group information (\"My company\")", []Role{p}},
		{EditOwnProfile, "Modifier son propre profil", "Edit own profile", []Role{p, pm, fm}},
		{ViewDashboard, "Tableau de bord et données de performance", "Dashboard and performance data", []Role{p, pm, fm}},
		{CancelOfferToRevise, "Annuler une offre « à réviser »", "Cancel an offer \"to revise\"", []Role{p, pm}},
		{CancelOfferInValidation, "Annuler une offre « en validation »", "Cancel an offer \"in validation\"", []Role{p}},
		{EndPublication, "Mettre fin à la publication d'une offre", "End the publication of an offer", []Role{p, pm}},
		{BuyProducts, "Acheter des forfaits et des optimisations", "Buy packages and optimizations", []Role{p, fm}},
		{PublishOffers, "Créer et publier des offres", "Create and publish offers", []Role{p, pm}},
		{ReceiveInvoiceCopies, "Recevoir une copie des factures des achats faits par d'autres utilisateurs (sur demande)", "Receive a copy of invoices for purchases by other users (opt-in)", []Role{p, fm}},
		{ViewTransactions, "Historique des transactions (factures)", "Transaction history (invoices)", []Role{p, fm}},
	}
}

// roleBits maps each role to the permissions it holds, built once from
// PermissionMatrix and never modified.
var roleBits = func() map[Role]map[Permission]bool {
	m := map[Role]map[Permission]bool{}
	for _, r := range Roles() {
		m[r] = map[Permission]bool{}
	}
	for _, row := range PermissionMatrix() {
		for _, r := range row.Roles {
			m[r][row.Permission] = true
		}
	}
	return m
}()

// Can reports whether role r holds permission p.
func Can(r Role, p Permission) bool { return roleBits[r][p] }

// CanAny reports whether any of roles holds permission p.
func CanAny(roles []Role, p Permission) bool {
	return slices.ContainsFunc(roles, func(r Role) bool { return Can(r, p) })
}

// Permissions returns every permission of the matrix, in its order.
func Permissions() []Permission {
	rows := PermissionMatrix()
	out := make([]Permission, len(rows))
	for i, row := range rows {
		out[i] = row.Permission
	}
	return out
}
