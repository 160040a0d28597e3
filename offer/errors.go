package offer

import (
	"errors"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
)

// Sentinel errors of the package. Refusals come as *i18n.Error values with
// a stable code and French and English text that unwrap to one of these.
var (
	// ErrNotAllowed: the action does not exist in the offer's status, or
	// its condition does not hold (a revision already pending, the offer
	// already featured…).
	ErrNotAllowed = errors.New("offer: action not allowed in the current status")
	// ErrForbidden: the action exists but the actor may not take it.
	// It is group.ErrForbidden itself, so one errors.Is check serves every
	// package.
	ErrForbidden = group.ErrForbidden
)

// machineMessages is the catalog of the status machine's refusals.
var machineMessages = i18n.MustCatalog(
	i18n.Entry{Code: "action.not_in_status", FR: "L'action « %[1]s » n'existe pas pour une offre au statut « %[2]s ».", EN: "The action \"%[3]s\" does not exist for an offer in status \"%[4]s\"."},
	i18n.Entry{Code: "action.forbidden", FR: "Vous ne pouvez pas faire l'action « %[1]s » sur une offre au statut « %[2]s ».", EN: "You may not take the action \"%[3]s\" on an offer in status \"%[4]s\"."},
	i18n.Entry{Code: "action.guard", FR: "L'action « %[1]s » n'est pas possible maintenant sur cette offre (statut « %[2]s »).", EN: "The action \"%[3]s\" is not possible on this offer now (status \"%[4]s\")."},
)

func machineError(sentinel error, code string, action Action, status Status) error {
	afr, aen := action.Name()
	sfr, sen := status.Name()
	return machineMessages.Error(sentinel, code, afr, sfr, aen, sen)
}
